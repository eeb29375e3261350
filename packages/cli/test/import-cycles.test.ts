import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportGraph, importCycles, importGraph } from './import-graph';

// Every workspace package's src, checked from here because the CLI is the one package that sits
// on top of all the others; a new package is picked up without editing this file.
const root = join(import.meta.dirname, '..', '..', '..');
const packagesDir = join(root, 'packages');
const workspaceSources = [
  ...['packages', 'examples'].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => join(group, name, 'src')),
  ),
  join('bench', 'src'),
  join('docs', 'tools'),
].filter((dir) => existsSync(join(root, dir)));

const graphOf = (files: Record<string, readonly string[]>): ImportGraph =>
  new Map(
    Object.entries(files).map(([file, imports]) => [join(root, file), imports.map((i) => join(root, i))]),
  );

describe('import cycles', () => {
  it('finds a circle of three files and a file importing itself, and nothing in a tree', () => {
    const cycles = importCycles(
      graphOf({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts', 'd.ts'], 'd.ts': [], 'e.ts': ['e.ts'] }),
      root,
    );
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    expect(importCycles(graphOf({ 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['c.ts'], 'c.ts': [] }), root)).toEqual(
      [],
    );
  });

  it('reads relative imports, re-exports, type imports and dynamic imports from the TypeScript source', () => {
    const graph = importGraph(join(import.meta.dirname, '..', 'src'));
    const runCli = [...graph.entries()].find(([file]) => file.endsWith('/src/run-cli.ts'));
    expect(runCli?.[1].map((file) => file.slice(file.indexOf('/src/')))).toEqual(
      expect.arrayContaining(['/src/cli-io.ts', '/src/exit-codes.ts', '/src/load-cli-client.ts']),
    );
    const index = graph.get(join(import.meta.dirname, '..', 'src', 'index.ts'));
    expect(index).toContain(join(import.meta.dirname, '..', 'src', 'run-cli.ts'));
  });

  it.each(workspaceSources)('%s has no import circle', (dir) => {
    const graph = importGraph(join(root, dir));
    expect(graph.size).toBeGreaterThan(0);
    expect(importCycles(graph, root)).toEqual([]);
  });

  it('no workspace package depends on itself through its dependencies', () => {
    const manifests = new Map<string, string[]>();
    for (const name of readdirSync(packagesDir)) {
      const path = join(packagesDir, name, 'package.json');
      if (!existsSync(path)) continue;
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      manifests.set(manifest.name, [
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
    }
    const graph = new Map(
      [...manifests].map(([name, deps]) => [
        join(root, name),
        deps.filter((dep) => manifests.has(dep)).map((dep) => join(root, dep)),
      ]),
    );
    expect(importCycles(graph, root)).toEqual([]);
  });
});
