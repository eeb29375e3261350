/** A stream the CLI writes to: `process.stdout`, or a buffer in tests. */
export interface CliStream {
  write(chunk: string): unknown;
  /** When true, progress is drawn as a spinner on one line. */
  isTTY?: boolean;
}

/**
 * Everything `runCli` touches outside itself, so tests can run commands in-process.
 *
 * @example
 * const code = await runCli(['accounts'], { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
 */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** Read for `${env:NAME}` in the config file. */
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (`--config`, plugin modules) resolve against it. */
  cwd: string;
  /** Stops long-running commands (`webhooks listen`, `sandbox`, `--wait`); `main` aborts it on Ctrl+C. */
  signal?: AbortSignal;
}
