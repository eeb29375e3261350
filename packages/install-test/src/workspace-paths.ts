import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo's root folder (this file is `packages/install-test/src/workspace-paths.ts`). */
export const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where `npm run pack` leaves the tarballs (git-ignored). */
export const distPackagesDir = join(workspaceRoot, 'dist-packages');
