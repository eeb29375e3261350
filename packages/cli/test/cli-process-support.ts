import { join } from 'node:path';
import { runSourceProcess } from '@paymux/testkit';

export { type CountingProxy, startCountingProxy } from '@paymux/testkit';

const CLI = join(import.meta.dirname, '..', 'src', 'main.ts');

/** Runs the `paymux` command (its TypeScript entry) in a new Node process in `cwd`. */
export async function runCliProcess(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runSourceProcess(CLI, args, { cwd });
  return { code, stdout, stderr };
}
