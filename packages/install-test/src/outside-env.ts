import { delimiter } from 'node:path';
import { workspaceRoot } from './workspace-paths';

/**
 * The environment of a user's shell, as far as this machine can give one: without the `npm_*` and
 * pnpm variables that turbo and pnpm set for workspace scripts (an inherited `npm_config_*` would
 * change what `npm install` does), and without this repository's `node_modules/.bin` on PATH, so
 * a command found in the fresh project is the one its own install linked.
 */
export function outsideEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_') || lower.startsWith('pnpm_') || lower === 'init_cwd') continue;
    if (lower.startsWith('turbo_') || lower.startsWith('vitest')) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.startsWith(workspaceRoot))
    .join(delimiter);
  env.NODE_ENV = undefined;
  // Quieter logs; the answers to `npm install` are what the test reads, not its advertising.
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_update_notifier = 'false';
  return env;
}
