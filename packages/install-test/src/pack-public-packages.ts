import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runPinnedPnpm } from './pinned-pnpm';
import { listPublicPackages } from './public-packages';
import { workspaceRoot } from './workspace-paths';

/** One tarball made by {@link packPublicPackages}. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** Paths inside the package, as pnpm packed them (`dist/index.js`, `package.json`, …). */
  files: string[];
}

interface PnpmPackEntry {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

/**
 * Packs every public workspace package into `destination` with `pnpm pack`, which turns
 * `workspace:*` ranges into the packages' real versions and applies `publishConfig`, exactly as
 * a publish would. Older `.tgz` files in `destination` are removed first. The packages must have
 * been built (`dist/`); a missing build is an error, never an empty tarball.
 *
 * @example
 * const packed = await packPublicPackages('/tmp/tarballs');
 * packed.map((p) => p.tarball); // ['/tmp/tarballs/paymux-client-0.1.0.tgz', …]
 */
export async function packPublicPackages(destination: string): Promise<PackedPackage[]> {
  const packages = listPublicPackages();
  const unbuilt = packages.filter((pkg) => !existsSync(join(pkg.dir, 'dist', 'index.js')));
  if (unbuilt.length > 0) {
    throw new Error(
      `not built: ${unbuilt.map((pkg) => pkg.name).join(', ')}; run \`npm run pack\` (it builds first) or turbo's build task`,
    );
  }
  await mkdir(destination, { recursive: true });
  for (const entry of await readdir(destination)) {
    if (entry.endsWith('.tgz')) await rm(join(destination, entry));
  }
  const filters = packages.flatMap((pkg) => ['--filter', pkg.name]);
  const stdout = await runPinnedPnpm(
    [...filters, '--recursive', 'pack', '--pack-destination', destination, '--json'],
    workspaceRoot,
  );
  const parsed = JSON.parse(stdout) as PnpmPackEntry | PnpmPackEntry[];
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  return entries
    .map((entry) => ({
      name: entry.name,
      version: entry.version,
      tarball: entry.filename,
      files: entry.files.map((file) => file.path).sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
