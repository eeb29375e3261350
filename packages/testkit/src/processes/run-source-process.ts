import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

/** Where and how long a {@link runSourceProcess} child runs. */
export interface SourceProcessOptions {
  /** The child's working directory (default: this process's). */
  cwd?: string;
  /** Variables added to this process's environment for the child. */
  env?: Record<string, string>;
  /** The child is killed (SIGTERM) after this long; default 60 000. */
  timeoutMs?: number;
}

/** How a {@link runSourceProcess} child ended and what it printed. */
export interface SourceProcessOutcome {
  /** Its exit code: `null` when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry file in a new Node process, through tsx and with the `paymux-source`
 * condition so workspace packages load from their sources (no build needed), and waits for it to
 * end. It never rejects: a failing child is an outcome to assert on. Needs `tsx` installed where
 * this package is (the workspace root has it).
 *
 * @example
 * const { code, stdout } = await runSourceProcess(join(import.meta.dirname, 'child.ts'), ['--once']);
 * expect(code).toBe(0);
 */
export function runSourceProcess(
  entry: string,
  args: readonly string[] = [],
  options: SourceProcessOptions = {},
): Promise<SourceProcessOutcome> {
  // Resolved to a file so the child needs no PATH lookup and no local tsx install.
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, '--conditions=paymux-source', entry, ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000 },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: unknown; signal?: NodeJS.Signals | null }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
  });
}
