import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from './workspace-paths';

const run = promisify(execFile);

/**
 * The pnpm of the root `packageManager` field, reached through `npx` as every root script does,
 * so packing behaves the same from a shell, from turbo and from CI.
 */
export function pinnedPnpmSpec(): string {
  const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
    packageManager?: string;
  };
  const spec = manifest.packageManager?.split('+')[0];
  if (!spec?.startsWith('pnpm@')) throw new Error('the root package.json names no pnpm in packageManager');
  return spec;
}

/** Runs the pinned pnpm with `args` in `cwd` and returns its standard output. */
export async function runPinnedPnpm(args: string[], cwd: string): Promise<string> {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const { stdout } = await run(npx, ['--yes', pinnedPnpmSpec(), ...args], {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}
