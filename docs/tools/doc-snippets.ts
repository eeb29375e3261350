import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { docsDir } from './generated-pages';

/** The repository root, one level above `docs/`. */
export const repoDir = resolve(docsDir, '..');

/** One fenced TypeScript or JavaScript block of a Markdown page. */
export interface DocSnippet {
  /** Relative to the repository root, e.g. `docs/webhooks.md`. */
  page: string;
  /** 1-based line of the page holding the snippet's first code line. */
  line: number;
  language: 'ts' | 'js';
  /** `ts no-check`: pseudo-code a reader must not copy as it is; not compiled. */
  noCheck: boolean;
  /** From `<!-- snippet: context=NAME -->` above the fence: the declarations it assumes. */
  context: string | undefined;
  /** The code, indentation of the fence removed. */
  code: string;
}

const languages: Record<string, 'ts' | 'js'> = {
  ts: 'ts',
  typescript: 'ts',
  mts: 'ts',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
};

/**
 * Every TypeScript and JavaScript block of one page. The context marker may sit on any of the
 * non-blank lines right above the fence (next to other markers such as `<!-- x:script -->`).
 *
 * @example
 * snippetsOf('docs/a.md', '<!-- snippet: context=paymux -->\n```ts\npaymux.on("*", f);\n```\n')
 * // [{ page: 'docs/a.md', line: 3, language: 'ts', context: 'paymux', noCheck: false, code: 'paymux.on("*", f);\n' }]
 */
export function snippetsOf(page: string, markdown: string): DocSnippet[] {
  const lines = markdown.split('\n');
  const snippets: DocSnippet[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^(\s*)(`{3,})\s*([\w-]*)(.*)$/.exec(lines[index] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '```', lang = '', rest = ''] = open;
    const end = lines.findIndex((text, at) => at > index && text.trim() === fence);
    const close = end === -1 ? lines.length : end;
    const language = languages[lang.toLowerCase()];
    if (language) {
      snippets.push({
        page,
        line: index + 2,
        language,
        noCheck: /\bno-check\b/.test(rest),
        context: contextAbove(lines, index),
        code: `${lines
          .slice(index + 1, close)
          .map((text) => (text.startsWith(indent) ? text.slice(indent.length) : text.trimStart()))
          .join('\n')}\n`,
      });
    }
    index = close;
  }
  return snippets;
}

function contextAbove(lines: readonly string[], fenceIndex: number): string | undefined {
  for (let at = fenceIndex - 1; at >= 0; at -= 1) {
    const text = lines[at]?.trim() ?? '';
    const marker = /^<!--\s*snippet:\s*context=([\w-]+)\s*-->$/.exec(text);
    if (marker) return marker[1];
    if (!text.startsWith('<!--')) return undefined;
  }
  return undefined;
}

/**
 * The file a snippet names on its first line (`// acme-api.ts`), so that a page's later snippets
 * can import it; `undefined` for an unnamed snippet.
 *
 * @example
 * namedSnippetFile({ code: '// acme-api.ts\nexport const x = 1;\n' }) // 'acme-api.ts'
 */
export function namedSnippetFile(snippet: Pick<DocSnippet, 'code'>): string | undefined {
  return /^\/\/ ([\w.-]+\.[mc]?[jt]s)\s*$/.exec(snippet.code.split('\n')[0] ?? '')?.[1];
}

/** README.md, docs/*.md and docs/providers/*.md, relative to the repository root. */
export async function documentedPages(): Promise<string[]> {
  const pages = ['README.md'];
  for (const dir of [docsDir, join(docsDir, 'providers'), join(docsDir, 'decisions')]) {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
    pages.push(...names.map((name) => relative(repoDir, join(dir, name))));
  }
  return pages;
}

/** Every snippet of every documented page. */
export async function allSnippets(): Promise<DocSnippet[]> {
  const snippets: DocSnippet[] = [];
  for (const page of await documentedPages()) {
    snippets.push(...snippetsOf(page, await readFile(join(repoDir, page), 'utf8')));
  }
  return snippets;
}
