import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CitedPath, citedPathsOf, citingPages, headingAnchors } from './cited-paths';
import { repoDir } from './doc-snippets';

/** The API reference: built by the docs package's `generate` script (docs/README.md), not committed. */
const generated = (path: string) => path === 'docs/api' || path.startsWith('docs/api/');

/**
 * The cited paths git ignores: they exist on this machine only (a build, a local store), not in a
 * clone; only the generated API reference may be cited.
 */
function ignoredByGit(paths: readonly string[]): string[] {
  const output = execFileSync('git', ['check-ignore', '--no-index', '--stdin'], {
    cwd: repoDir,
    input: paths.join('\n'),
    encoding: 'utf8',
  }).toString();
  return output.split('\n').filter((path) => path !== '' && !generated(path));
}

async function allCitations(): Promise<CitedPath[]> {
  const cited: CitedPath[] = [];
  for (const page of await citingPages()) {
    cited.push(...citedPathsOf(page, await readFile(join(repoDir, page), 'utf8')));
  }
  return cited;
}

describe('paths cited by README.md and docs/', () => {
  it('finds links and inline-code paths, and leaves code blocks, addresses and placeholders out', () => {
    const page = [
      'See [the CLI](cli.md#exit-codes), [core](../packages/core/README.md "core") and',
      '`packages/core/src/store/store.ts`, not `packages/<p>/src`, `src/index.ts` or [web](https://x.y/a.md).',
      '[ref]: providers/finrax.md',
      '```sh',
      'cat packages/nowhere/file.ts [x](nowhere.md)',
      '```',
      '`docs/decisions/` and `core/src/http/transport.ts`',
    ].join('\n');
    expect(citedPathsOf('docs/page.md', page).map(({ line, path }) => [line, path])).toEqual([
      [1, 'docs/cli.md'],
      [1, 'packages/core/README.md'],
      [2, 'packages/core/src/store/store.ts'],
      [3, 'docs/providers/finrax.md'],
      [7, 'docs/decisions'],
      [7, 'packages/core/src/http/transport.ts'],
    ]);
  });

  it('names headings as GitHub does', () => {
    const page =
      '# The `paymux` CLI\n## 1. Install\n## Exit codes\n## Exit codes\n<a id="custom"></a>\n```\n# not a heading\n```';
    expect([...headingAnchors(page)]).toEqual([
      'the-paymux-cli',
      '1-install',
      'exit-codes',
      'exit-codes-1',
      'custom',
    ]);
  });

  it('reads README.md, the guides, the provider pages, the decisions and the package READMEs', async () => {
    const pages = await citingPages();
    expect(pages).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/cli.md',
        'docs/providers/forumpay.md',
        'docs/decisions/0016-cli-package.md',
        'packages/cli/README.md',
      ]),
    );
    expect(pages.some((page) => page.startsWith('docs/api/') || page.includes('node_modules'))).toBe(false);
  });

  it('reports a cited path that is not in the repository', async () => {
    const [citation] = citedPathsOf('docs/page.md', 'See `packages/core/src/no-such-file.ts`.');
    expect(citation?.path).toBe('packages/core/src/no-such-file.ts');
    expect(existsSync(join(repoDir, citation?.path ?? ''))).toBe(false);
  });

  it('cites only paths that exist in the repository', async () => {
    const cited = await allCitations();
    expect(cited.length).toBeGreaterThan(50);
    const missing = cited
      .filter(({ path }) => !generated(path) && !existsSync(join(repoDir, path)))
      .map(({ page, line, cited: text }) => `${page}:${line}: ${text}`);
    expect(missing).toEqual([]);
  });

  it('cites no path that only a build or a local run creates', async () => {
    const cited = await allCitations();
    let ignored: string[];
    try {
      ignored = ignoredByGit([...new Set(cited.map(({ path }) => path))]);
    } catch (error) {
      // `git check-ignore` exits 1 when no path is ignored.
      if ((error as { status?: number }).status === 1) ignored = [];
      else throw error;
    }
    expect(ignored).toEqual([]);
  });

  it('links only to headings that exist in the page it names', async () => {
    const anchorsOf = new Map<string, Set<string>>();
    const broken: string[] = [];
    for (const { page, line, cited: text, path, anchor } of await allCitations()) {
      if (anchor === undefined || !path.endsWith('.md')) continue;
      if (!anchorsOf.has(path))
        anchorsOf.set(path, headingAnchors(await readFile(join(repoDir, path), 'utf8')));
      if (!anchorsOf.get(path)?.has(anchor)) broken.push(`${page}:${line}: ${text}`);
    }
    expect(broken).toEqual([]);
  });
});
