import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliStream } from './cli-io';
import { runCli } from './run-cli';

/** A stream that keeps what was written, and can wait for a line to appear (test helper). */
export class TextSink implements CliStream {
  text = '';
  readonly isTTY: boolean = false;
  #waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];

  write(chunk: string): boolean {
    this.text += chunk;
    this.#waiters = this.#waiters.filter((waiter) => {
      const match = this.text.match(waiter.pattern);
      if (match) waiter.resolve(match);
      return !match;
    });
    return true;
  }

  /** Resolves with the first match of `pattern` in everything written so far or later. */
  waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const match = this.text.match(pattern);
    if (match) return Promise.resolve(match);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}; got:\n${this.text}`)),
        timeoutMs,
      );
      this.#waiters.push({
        pattern,
        resolve: (found) => {
          clearTimeout(timer);
          resolve(found);
        },
      });
    });
  }
}

/** One command's outcome. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `paymux <argv>` in-process in `cwd`, capturing its output. */
export async function runPaymux(
  argv: string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    signal?: AbortSignal;
    stdout?: TextSink;
    stderr?: TextSink;
  },
): Promise<CliRun> {
  const stdout = options.stdout ?? new TextSink();
  const stderr = options.stderr ?? new TextSink();
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: options.env ?? {},
    cwd: options.cwd,
    signal: options.signal,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh folder holding `paymux.config.json` with `config` (a string is written as is). */
export async function configDir(config: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paymux-cli-'));
  await writeFile(
    join(dir, 'paymux.config.json'),
    typeof config === 'string' ? config : JSON.stringify(config, null, 2),
  );
  return dir;
}
