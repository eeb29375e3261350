import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlockAfter } from './markdown-block';
import { type PackedPackage, packPublicPackages } from './pack-public-packages';
import { listPublicPackages } from './public-packages';
import { runOutside, runShellSnippet } from './run-outside';
import { workspaceRoot } from './workspace-paths';

const execFileAsync = promisify(execFile);

// The packages issue 16 names; a public package added later is packed too (see the first test).
const namedPackages = [
  '@paymux/client',
  '@paymux/core',
  '@paymux/defexa',
  '@paymux/depay',
  '@paymux/finrax',
  '@paymux/forumpay',
  '@paymux/sandbox',
  '@paymux/store-postgres',
  '@paymux/store-sqlite',
  '@paymux/testkit',
];
// What docs/getting-started.md step 1 installs; the rest are added for the typecheck.
const quickstartPackages = [
  '@paymux/client',
  '@paymux/core',
  '@paymux/finrax',
  '@paymux/sandbox',
  '@paymux/store-sqlite',
];

const attwBin = join(workspaceRoot, 'packages', 'install-test', 'node_modules', '.bin', 'attw');
const fixture = join(
  workspaceRoot,
  'packages',
  'install-test',
  'src',
  '__fixtures__',
  'uses-every-package.ts',
);

// Outside the repository, so nothing resolves through the workspace: the layout the docs assume,
// a clone's dist-packages/ next to the new project.
let workDir = '';
let tarballsDir = '';
let projectDir = '';
let packed: PackedPackage[] = [];
let page = '';

async function packedManifest(pkg: PackedPackage): Promise<Record<string, unknown>> {
  const { stdout } = await execFileAsync('tar', ['-xzOf', pkg.tarball, 'package/package.json']);
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function rootDevDependency(name: string): Promise<string> {
  const root = JSON.parse(await readFile(join(workspaceRoot, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const version = root.devDependencies[name];
  if (!version) throw new Error(`the root package.json pins no ${name}`);
  return version;
}

describe('the public packages, packed and installed into a fresh project outside the repository', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'paymux-install-'));
    tarballsDir = join(workDir, 'paymux', 'dist-packages');
    projectDir = join(workDir, 'paymux-quickstart');
    packed = await packPublicPackages(tarballsDir);
    page = await readFile(join(workspaceRoot, 'docs', 'getting-started.md'), 'utf8');
    // Step 1 of the guide, verbatim: creates paymux-quickstart/ and installs the tarballs.
    await runShellSnippet(
      codeBlockAfter(page, '<!-- getting-started:install-from-tarballs -->'),
      workDir,
      150_000,
    );
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('packs every public package and no private one', () => {
    const names = packed.map((pkg) => pkg.name);
    expect(names).toEqual(
      listPublicPackages()
        .map((pkg) => pkg.name)
        .sort(),
    );
    expect(names).toEqual(expect.arrayContaining(namedPackages));
    expect(names.filter((name) => /install-test|example|bench|docs/.test(name))).toEqual([]);
    for (const pkg of packed) expect(pkg.tarball).toMatch(/\.tgz$/);
  });

  it('ships dist, README and LICENSE only: no sources, tests, fixtures or test helpers', () => {
    for (const pkg of packed) {
      expect(pkg.files, pkg.name).toEqual(
        expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']),
      );
      const unexpected = pkg.files.filter(
        (file) =>
          !/^(dist\/[\w.-]+|bin\/[\w-]+\.js|LICENSE|README\.md|package\.json)$/.test(file) ||
          /\.test\.|__fixtures__|test-support/.test(file),
      );
      expect(unexpected, pkg.name).toEqual([]);
    }
  });

  it('publishes manifests with real versions, the repository and no workspace-only condition', async () => {
    for (const pkg of packed) {
      const manifest = await packedManifest(pkg);
      const text = JSON.stringify(manifest);
      expect(text, pkg.name).not.toContain('workspace:');
      expect(text, pkg.name).not.toContain('paymux-source');
      expect(manifest, pkg.name).toMatchObject({
        type: 'module',
        license: 'MIT',
        repository: {
          url: 'git+https://github.com/paymux/paymux.git',
          directory: expect.stringMatching(/^packages\//),
        },
        homepage: expect.stringMatching(/^https:\/\/github\.com\/paymux\/paymux\//),
        bugs: { url: 'https://github.com/paymux/paymux/issues' },
      });
    }
    const client = await packedManifest(packed.find((pkg) => pkg.name === '@paymux/client') as PackedPackage);
    const core = packed.find((pkg) => pkg.name === '@paymux/core') as PackedPackage;
    // `workspace:*` became the exact version packed alongside.
    expect(client.dependencies).toMatchObject({ '@paymux/core': core.version });
  });

  it('passes arethetypeswrong with the ESM-only profile', async () => {
    const failures: string[] = [];
    // Two at a time: each run loads its own TypeScript.
    for (let at = 0; at < packed.length; at += 2) {
      await Promise.all(
        packed.slice(at, at + 2).map(async (pkg) => {
          try {
            await execFileAsync(attwBin, [pkg.tarball, '--profile', 'esm-only', '--no-color', '--no-emoji'], {
              timeout: 60_000,
            });
          } catch (error) {
            const failed = error as { stdout?: string; message: string };
            failures.push(`${pkg.name}: ${failed.stdout ?? failed.message}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
  });

  it('installs what the guide installs, with @paymux dependencies from the tarballs', async () => {
    const manifest = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as {
      type: string;
      dependencies: Record<string, string>;
    };
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(quickstartPackages);
    for (const name of quickstartPackages) {
      expect(manifest.dependencies[name], name).toMatch(/^file:.*\.tgz$/);
      const installed = JSON.parse(
        await readFile(join(projectDir, 'node_modules', name, 'package.json'), 'utf8'),
      );
      expect(installed.version, name).toBe(packed.find((pkg) => pkg.name === name)?.version);
    }
  });

  it('runs the getting-started program against the sandbox from the tarball: a payment paid and a verified webhook', async () => {
    await writeFile(join(projectDir, 'checkout.ts'), codeBlockAfter(page, '<!-- getting-started:script -->'));
    const runStep = codeBlockAfter(page, '## 3. Run it');
    expect(runStep.trim()).toBe('npx tsx checkout.ts');
    const { stdout } = await runShellSnippet(runStep, projectDir, 60_000);
    expect(stdout).toMatch(/^requires_payment: send [\d.]+ USDT to \S+$/m);
    expect(stdout).toMatch(/^paid: order-1001, [\d.]+ USDT \(exact\), verified by signature$/m);
  });

  it('typechecks a program using every package with module nodenext and with moduleResolution bundler', async () => {
    const others = packed.filter((pkg) => !quickstartPackages.includes(pkg.name)).map((pkg) => pkg.tarball);
    const typescript = `typescript@${await rootDevDependency('typescript')}`;
    const nodeTypes = `@types/node@${await rootDevDependency('@types/node')}`;
    await runOutside('npm', ['install', '--save-dev', typescript, nodeTypes, ...others], projectDir, 150_000);
    await copyFile(fixture, join(projectDir, 'uses-every-package.ts'));
    const common = { target: 'es2022', strict: true, noEmit: true, types: ['node'], skipLibCheck: false };
    const files = ['checkout.ts', 'uses-every-package.ts'];
    const configs = {
      'tsconfig.nodenext.json': { ...common, module: 'nodenext', moduleResolution: 'nodenext' },
      'tsconfig.bundler.json': { ...common, module: 'esnext', moduleResolution: 'bundler' },
    };
    for (const [name, compilerOptions] of Object.entries(configs)) {
      await writeFile(join(projectDir, name), JSON.stringify({ compilerOptions, files }, null, 2));
      const tsc = join(projectDir, 'node_modules', '.bin', 'tsc');
      // A failure rejects with tsc's diagnostics in the message. skipLibCheck stays off: an
      // import in a published .d.ts that users cannot resolve must fail here.
      const { stdout } = await runOutside(tsc, ['-p', name, '--extendedDiagnostics'], projectDir);
      expect(stdout, name).toMatch(/^Files:\s+\d+/m);
    }
  });

  it('links every published command, which answers --help', async () => {
    const commands: string[] = [];
    for (const pkg of packed) {
      const { bin } = (await packedManifest(pkg)) as { bin?: Record<string, string> };
      for (const command of Object.keys(bin ?? {})) {
        const { stdout } = await runOutside(
          join(projectDir, 'node_modules', '.bin', command),
          ['--help'],
          projectDir,
        );
        expect(stdout, command).toMatch(new RegExp(`usage: ${command}\\b`, 'i'));
        commands.push(command);
      }
    }
    expect(commands).toContain('paymux-sandbox');
  });
});
