#!/usr/bin/env node
import { runCli } from './run-cli';

// The `paymux` executable: everything else is in runCli, which tests call in-process.
const controller = new AbortController();
let interrupted = false;
const stop = () => {
  // A second Ctrl+C while shutting down leaves at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
