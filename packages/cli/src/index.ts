export type { CliIo, CliStream } from './cli-io';
export { ExitCode, type ExitCodeValue } from './exit-codes';
export { runCli } from './run-cli';
