export { type CountingProxy, startCountingProxy } from './counting-proxy';
export { runSourceProcess, type SourceProcessOptions, type SourceProcessOutcome } from './run-source-process';
