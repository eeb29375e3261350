import { existsSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, normalize, relative } from 'node:path';
import { repoDir } from './doc-snippets';

/** One repository path a page cites, as a link target or as an inline-code path. */
export interface CitedPath {
  /** The page, relative to the repository root. */
  page: string;
  /** 1-based line of the citation. */
  line: number;
  /** What the page wrote. */
  cited: string;
  /** The path it names, relative to the repository root. */
  path: string;
  /** The `#anchor` of a link, if any. */
  anchor?: string;
}

// Folders at the root of the repository: an inline-code path is a citation when it starts with one.
const rootFolders = ['packages', 'docs', 'examples', 'bench', '.config', '.changeset', '.github'];
const inlinePath = new RegExp(
  `^(?:\\./)?(?:${rootFolders.map((f) => f.replace('.', '\\.')).join('|')})/[\\w./@-]+$`,
);
// Placeholders (`packages/<p>/src`, `packages/*/README.md`, `…`) name a shape, not a file.
// Pages also cite a package's file from its folder name (`core/src/http/transport.ts`).
const packageFolders = readdirSync(join(repoDir, 'packages'));
const packagePath = new RegExp(`^(?:${packageFolders.join('|')})/src/[\\w./@-]+$`);
const placeholder = /[<>*…{}]|\.\.\.$/;
const external = /^(?:[a-z][\w+.-]*:|\/\/)/i;

/** Markdown with fenced code blocks blanked (kept as empty lines, so line numbers hold). */
function withoutFences(markdown: string): string[] {
  const lines = markdown.split('\n');
  let fence: string | undefined;
  return lines.map((text) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(text);
    if (fence === undefined && open?.[1]) {
      fence = open[1];
      return '';
    }
    if (fence !== undefined) {
      if (text.trim() === fence) fence = undefined;
      return '';
    }
    return text;
  });
}

/**
 * Every repository path cited in one page: relative link targets (`[x](../packages/a/README.md)`,
 * `[x]: path`) resolved from the page's folder, and inline-code paths that start at a root folder
 * (`` `packages/core/src/store/store.ts` ``, or `` `core/src/store/store.ts` `` for a package's
 * source) read from the repository root. Code blocks, web
 * addresses, anchors and placeholders are left out.
 *
 * @example
 * citedPathsOf('docs/a.md', 'See [cli](cli.md#exit-codes) and `packages/cli/src/exit-codes.ts`.')
 * // [{ page: 'docs/a.md', line: 1, cited: 'cli.md#exit-codes', path: 'docs/cli.md' },
 * //  { page: 'docs/a.md', line: 1, cited: 'packages/cli/src/exit-codes.ts', path: 'packages/cli/src/exit-codes.ts' }]
 */
export function citedPathsOf(page: string, markdown: string): CitedPath[] {
  const cited: CitedPath[] = [];
  const folder = dirname(page);
  for (const [index, text] of withoutFences(markdown).entries()) {
    const line = index + 1;
    const prose = text.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
    const targets = [
      ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]),
      /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose)?.[1],
    ];
    for (const target of targets) {
      if (!target || external.test(target)) continue;
      const bare = decodeURIComponent(target.replace(/[#?].*$/, ''));
      if (placeholder.test(bare)) continue;
      if (bare === '') {
        const anchor = target.slice(1);
        if (target.startsWith('#') && anchor) cited.push({ page, line, cited: target, path: page, anchor });
        continue;
      }
      const anchor = /#([^?]+)$/.exec(target)?.[1];
      cited.push({
        page,
        line,
        cited: target,
        path: normalize(join(folder, bare)),
        ...(anchor && { anchor }),
      });
    }
    for (const match of text.matchAll(/`([^`\s]+)`/g)) {
      const code = match[1] ?? '';
      if (placeholder.test(code)) continue;
      const path = inlinePath.test(code) ? code : packagePath.test(code) ? `packages/${code}` : undefined;
      if (path) cited.push({ page, line, cited: code, path: normalize(path.replace(/\/$/, '')) });
    }
  }
  return cited;
}

/**
 * README.md, every Markdown page under docs/ (not the generated API reference, not dependencies)
 * and each package's README.md.
 */
export async function citingPages(): Promise<string[]> {
  const pages = ['README.md'];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (relative(repoDir, path) !== join('docs', 'api')) await walk(path);
      } else if (entry.name.endsWith('.md')) {
        pages.push(relative(repoDir, path));
      }
    }
  };
  await walk(join(repoDir, 'docs'));
  for (const dir of await readdir(join(repoDir, 'packages'))) {
    const readme = join('packages', dir, 'README.md');
    if (existsSync(join(repoDir, readme))) pages.push(readme);
  }
  return pages.sort();
}

/**
 * The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as `-`, and
 * `-1`, `-2` … for repeats.
 *
 * @example
 * headingAnchors('# The `paymux` CLI\n## Exit codes\n## Exit codes') // Set { 'the-paymux-cli', 'exit-codes', 'exit-codes-1' }
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const text of withoutFences(markdown)) {
    for (const match of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) if (match[1]) anchors.add(match[1]);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/<[^>]+>/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
