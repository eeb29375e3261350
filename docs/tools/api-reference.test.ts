import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPackages, generateApiReference, listFiles } from './api-reference';

describe('generateApiReference', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes an HTML reference of every public package, with a page for createPaymux', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'paymux-api-'));
    dirs.push(outDir);
    const result = await generateApiReference({ outDir });

    expect(result.modules.sort()).toEqual(apiPackages.map((name) => `@paymux/${name}`).sort());
    const files = await listFiles(outDir);
    expect(files).toContain('index.html');
    const page = files.find((file) => /^functions\/.*\.createPaymux\.html$/.test(file));
    expect(page, 'no page for createPaymux').toBeDefined();
    const html = await readFile(join(outDir, page ?? ''), 'utf8');
    expect(html).toContain('createPaymux');
    expect(html).toContain('PaymuxConfig');
    // About 12 s of CPU; the margin is for a machine shared with other test runs.
  }, 120_000);
});
