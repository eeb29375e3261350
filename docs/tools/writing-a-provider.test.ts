import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { namedSnippetFile, snippetsOf } from './doc-snippets';
import { docsDir } from './generated-pages';

// The page builds one adapter, file by file: written out together, its files must be a working
// adapter, so its own shape and conformance tests (two of the page's files) run here as written.
const page = 'docs/writing-a-provider.md';
const adapterDir = join(docsDir, '.tmp', `writing-a-provider-${process.pid}`);

const files = snippetsOf(page, await readFile(join(docsDir, 'writing-a-provider.md'), 'utf8')).flatMap(
  (snippet) => {
    const name = namedSnippetFile(snippet);
    return name ? [{ name, code: snippet.code }] : [];
  },
);
await mkdir(adapterDir, { recursive: true });
for (const { name, code } of files) await writeFile(join(adapterDir, name), code);

afterAll(async () => {
  await rm(adapterDir, { recursive: true, force: true });
});

describe('docs/writing-a-provider.md', () => {
  it('shows every file of the house shape once, with its shape and conformance tests', async () => {
    const names = files.map(({ name }) => name);
    expect(new Set(names).size).toBe(names.length);
    expect((await readdir(adapterDir)).sort()).toEqual(
      [
        'acme-api.ts',
        'acme-capabilities.ts',
        'acme-client.ts',
        'acme-error.ts',
        'acme-payment-mapper.ts',
        'acme-payments.ts',
        'acme-provider.ts',
        'acme-settings.ts',
        'acme-shape.test.ts',
        'acme-webhook.ts',
        'acme.conformance.test.ts',
        'index.ts',
        'map-acme-status.ts',
      ].sort(),
    );
  });
});

// The page's tests, as a reader copies them: adapterShapeProblems is [], and the conformance suite
// (capabilities, errors, statuses, amounts, webhooks, redaction) passes against the page's adapter.
await import(pathToFileURL(join(adapterDir, 'acme-shape.test.ts')).href);
await import(pathToFileURL(join(adapterDir, 'acme.conformance.test.ts')).href);
