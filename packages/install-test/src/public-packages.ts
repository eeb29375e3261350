import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-paths';

/** A workspace package that is published (its package.json is not `private`). */
export interface PublicPackage {
  name: string;
  version: string;
  dir: string;
}

/** Every public package under `packages/`, by folder name; private members are left out. */
export function listPublicPackages(): PublicPackage[] {
  const packagesDir = join(workspaceRoot, 'packages');
  const found: PublicPackage[] = [];
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifestPath = join(packagesDir, folder, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      version: string;
      private?: boolean;
    };
    if (manifest.private) continue;
    found.push({ name: manifest.name, version: manifest.version, dir: join(packagesDir, folder) });
  }
  return found;
}
