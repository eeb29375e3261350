import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { allSnippets, type DocSnippet, namedSnippetFile, repoDir } from './doc-snippets';
import { docsDir } from './generated-pages';
import { snippetContexts } from './snippet-contexts';

// Inside docs/ so that the snippets resolve the workspace packages like an installed app would.
const workDir = join(docsDir, '.tmp', `snippets-${process.pid}`);

/** The pseudo-code blocks (`ts no-check`), listed so that exceptions stay few and deliberate. */
const noCheckSnippets: string[] = [];

/**
 * Third-party packages the pages show but the workspace does not install: typed just enough for
 * the snippets (the shapes they use), not a copy of the real typings.
 */
const thirdPartyShims = `
declare module 'express' {
  import type { IncomingHttpHeaders } from 'node:http';
  interface Request { body: Buffer; headers: IncomingHttpHeaders; originalUrl: string; method: string; params: { account: string } }
  interface Response { status(code: number): Response; set(headers: Record<string, string>): Response; send(body: string): Response }
  type Handler = (req: Request, res: Response, next: (error?: unknown) => void) => unknown;
  interface Express { post(path: string, ...handlers: Handler[]): void; use(...handlers: Handler[]): void }
  interface ExpressStatic { (): Express; raw(options: { type: string; limit: string }): Handler; json(): Handler }
  const express: ExpressStatic;
  export default express;
}
declare module '@opentelemetry/sdk-node' {
  export class NodeSDK { constructor(options?: Record<string, unknown>); start(): void }
}
`;

interface WrittenSnippet {
  snippet: DocSnippet;
  file: string;
  /** Lines added above the snippet's first line. */
  offset: number;
}

function fileNameOf(snippet: DocSnippet, index: number): string {
  // A snippet that names its file (`// acme-api.ts`) is written under that name, so the page's
  // later snippets can import it.
  const named = namedSnippetFile(snippet);
  if (named) return named;
  const slug = snippet.page.replace(/[^\w]+/g, '-');
  return `${slug}-L${snippet.line}-${index}.${snippet.language === 'ts' ? 'ts' : 'mjs'}`;
}

async function writeSnippets(snippets: readonly DocSnippet[]): Promise<WrittenSnippet[]> {
  const written: WrittenSnippet[] = [];
  for (const [index, snippet] of snippets.entries()) {
    const context = snippet.context === undefined ? undefined : snippetContexts[snippet.context];
    if (snippet.context !== undefined && !context) {
      throw new Error(`${snippet.page}:${snippet.line - 1}: unknown snippet context '${snippet.context}'`);
    }
    const prelude = context?.prelude.replace(/^\n/, '') ?? '';
    const dir = join(workDir, snippet.page.replace(/[^\w]+/g, '-'));
    await mkdir(dir, { recursive: true });
    const file = join(dir, fileNameOf(snippet, index));
    // `export {}` keeps every snippet a module: its names stay its own, top-level await works.
    await writeFile(file, `${prelude}${snippet.code}${context?.suffix ?? ''}\nexport {};\n`);
    written.push({ snippet, file, offset: prelude.split('\n').length - 1 });
  }
  await writeFile(join(workDir, 'third-party-shims.d.ts'), thirdPartyShims);
  return written;
}

function compilerOptions(): ts.CompilerOptions {
  const configFile = join(repoDir, 'tsconfig.base.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, repoDir, undefined, configFile);
  return {
    ...parsed.options,
    noEmit: true,
    allowJs: true,
    checkJs: false,
    declaration: false,
    sourceMap: false,
  };
}

/** `docs/page.md:LINE: message` for each problem of each snippet. */
function problems(written: readonly WrittenSnippet[]): string[] {
  const program = ts.createProgram({
    rootNames: [...written.map((entry) => entry.file), join(workDir, 'third-party-shims.d.ts')],
    options: compilerOptions(),
  });
  const found: string[] = [];
  for (const { snippet, file, offset } of written) {
    const source = program.getSourceFile(file);
    if (!source) {
      found.push(`${snippet.page}:${snippet.line}: not compiled`);
      continue;
    }
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...(snippet.language === 'ts' ? program.getSemanticDiagnostics(source) : []),
    ];
    for (const diagnostic of diagnostics) {
      const at = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line - offset;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      found.push(`${snippet.page}:${snippet.line + Math.max(at, 0)}: TS${diagnostic.code} ${message}`);
    }
  }
  return found;
}

describe('the TypeScript and JavaScript snippets of README.md and docs/', () => {
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('typecheck against the workspace packages (JavaScript ones parse)', { timeout: 180_000 }, async () => {
    const snippets = await allSnippets();
    expect(snippets.length).toBeGreaterThan(20);
    const checked = snippets.filter((snippet) => !snippet.noCheck);
    expect(problems(await writeSnippets(checked))).toEqual([]);
  });

  it('skip only the listed pseudo-code blocks', async () => {
    const skipped = (await allSnippets()).filter((snippet) => snippet.noCheck);
    expect(skipped.map((snippet) => `${snippet.page}:${snippet.line}`)).toEqual(noCheckSnippets);
  });
});
