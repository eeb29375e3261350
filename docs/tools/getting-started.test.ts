import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { docsDir } from './generated-pages';
import { codeBlockAfter } from './markdown-blocks';

const run = promisify(execFile);
// Inside docs/ so that the script resolves the workspace packages like an installed app would.
const workDir = join(docsDir, '.tmp', `getting-started-${process.pid}`);

describe('docs/getting-started.md', () => {
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('runs as written against the sandbox: a payment is paid and announced by a verified webhook', async () => {
    const page = await readFile(join(docsDir, 'getting-started.md'), 'utf8');
    const script = codeBlockAfter(page, '<!-- getting-started:script -->');
    await mkdir(workDir, { recursive: true });
    const file = join(workDir, 'checkout.ts');
    await writeFile(file, script);

    const { stdout } = await run(process.execPath, ['--conditions=paymux-source', '--import', 'tsx', file], {
      cwd: docsDir,
      timeout: 45_000,
    });

    expect(stdout).toMatch(/^requires_payment: send [\d.]+ USDT to \S+$/m);
    expect(stdout).toMatch(/^paid: order-1001, [\d.]+ USDT \(exact\), verified by signature$/m);
  });
});
