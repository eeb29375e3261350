import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoDir } from './doc-snippets';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  peerDependencies?: Record<string, string>;
}

async function manifests(): Promise<Manifest[]> {
  const dirs = await readdir(join(repoDir, 'packages'));
  return Promise.all(
    dirs.map(
      async (dir) =>
        JSON.parse(await readFile(join(repoDir, 'packages', dir, 'package.json'), 'utf8')) as Manifest,
    ),
  );
}

/** `major.minor.patch` of a version, for comparing against `>=a.b.c <x.y.z` ranges. */
const parts = (version: string) => version.split('.').map(Number) as [number, number, number];
const compare = (a: string, b: string) => {
  const [x, y] = [parts(a), parts(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

// The PostgreSQL store is an optional peer of the client. A `workspace:^` peer range makes
// changesets release every package of the fixed group as 1.0.0, so peer ranges are explicit 0.x
// ones that still hold the current version.
describe('peer dependencies between paymux packages', () => {
  it('use explicit ranges that accept the workspace version, never workspace:', async () => {
    const all = await manifests();
    const versions = new Map(all.map((manifest) => [manifest.name, manifest.version]));
    const peers = all
      .filter((manifest) => !manifest.private)
      .flatMap((manifest) =>
        Object.entries(manifest.peerDependencies ?? {})
          .filter(([name]) => versions.has(name))
          .map(([name, range]) => ({ of: manifest.name, name, range, version: versions.get(name) ?? '' })),
      );
    expect(peers.map(({ of, name }) => `${of} -> ${name}`)).toContain(
      '@paymux/client -> @paymux/store-postgres',
    );
    for (const { of, name, range, version } of peers) {
      expect(range, `${of} peer ${name}`).not.toMatch(/^workspace:/);
      const bounds = /^>=(\d+\.\d+\.\d+) <(\d+\.\d+\.\d+)$/.exec(range);
      expect(bounds, `${of} peer ${name}: ${range} is a >=a.b.c <x.y.z range`).not.toBeNull();
      const [, low = '', high = ''] = bounds ?? [];
      expect(compare(version, low) >= 0 && compare(version, high) < 0, `${range} holds ${version}`).toBe(
        true,
      );
    }
  });
});
