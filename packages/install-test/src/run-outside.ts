import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { outsideEnv } from './outside-env';

const execFileAsync = promisify(execFile);

/** What a command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * Runs `file args` in `cwd` with {@link outsideEnv}; a non-zero exit rejects with an error whose
 * message carries the command's output, so a failing step says why.
 */
export async function runOutside(
  file: string,
  args: string[],
  cwd: string,
  timeoutMs = 120_000,
): Promise<CommandOutput> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, {
      cwd,
      env: outsideEnv(),
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `${file} ${args.join(' ')} failed in ${cwd}: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`,
    );
  }
}

/** Runs a shell snippet from the docs with `sh -e`, as a reader pasting it would. */
export function runShellSnippet(snippet: string, cwd: string, timeoutMs?: number): Promise<CommandOutput> {
  return runOutside('sh', ['-e', '-c', snippet], cwd, timeoutMs);
}
