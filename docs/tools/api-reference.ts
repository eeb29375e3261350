import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, type ProjectReflection } from 'typedoc';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The public packages whose `src/index.ts` makes up the API reference. */
export const apiPackages = [
  'core',
  'client',
  'defexa',
  'forumpay',
  'finrax',
  'depay',
  'testkit',
  'sandbox',
  'cli',
] as const;

/** What one generation produced. */
export interface ApiReferenceResult {
  /** Where the HTML pages were written. */
  outDir: string;
  /** Names of the documented modules, one per package. */
  modules: string[];
  /** How many warnings TypeDoc reported (missing docs, unresolved links). */
  warnings: number;
}

/**
 * Runs TypeDoc over the public packages' `src/index.ts` and writes the HTML reference to
 * `outDir`. Type errors are left to each package's own typecheck (`skipErrorChecking`), which
 * keeps a run to a few seconds per package; a failed conversion throws.
 *
 * @example
 * const { outDir } = await generateApiReference({ outDir: 'docs/api' });
 */
export async function generateApiReference(options: {
  outDir: string;
  packages?: readonly (typeof apiPackages)[number][];
}): Promise<ApiReferenceResult> {
  const packages = options.packages ?? apiPackages;
  const app = await Application.bootstrapWithPlugins({
    name: 'paymux API reference',
    entryPoints: packages.map((name) => join(docsDir, '..', 'packages', name, 'src', 'index.ts')),
    entryPointStrategy: 'resolve',
    tsconfig: join(docsDir, 'tsconfig.api.json'),
    readme: 'none',
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    disableSources: true,
    githubPages: false,
    logLevel: 'Error',
    validation: { notExported: false, invalidLink: false, notDocumented: false },
  });
  const project: ProjectReflection | undefined = await app.convert();
  if (!project || app.logger.hasErrors()) {
    throw new Error('TypeDoc could not convert the public packages (see the errors above)');
  }
  // TypeDoc names each module by its path (`client/src`); readers look for the package name.
  for (const module of project.children ?? []) {
    const packageName = /^([\w-]+)\/src$/.exec(module.name)?.[1];
    if (packageName) module.name = `@paymux/${packageName}`;
  }
  await app.generateDocs(project, options.outDir);
  if (app.logger.hasErrors()) throw new Error(`TypeDoc could not write ${options.outDir}`);
  return {
    outDir: options.outDir,
    modules: project.children?.map((child) => child.name) ?? [],
    warnings: app.logger.warningCount,
  };
}

/**
 * Every file under `dir`, as paths relative to it.
 *
 * @example
 * (await listFiles('docs/api')).includes('index.html') // true after a generation
 */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}
