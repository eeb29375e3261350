import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, runCli } from '@paymux/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoDir } from './doc-snippets';

// What docs/cli.md and the provider pages say a refused command exits with and reports, checked
// by running the commands as the page shows them, against `paymux sandbox --write-config`.

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let cwd: string;
const stopSandbox = new AbortController();
let sandboxRun: Promise<number>;

async function paymux(argv: string[], signal?: AbortSignal): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: {},
    cwd,
    signal,
  });
  return { code, stdout, stderr };
}

/** The `--json` error document of a failed command. */
function errorOf(run: Run): { name: string; code: string; field?: string } {
  return (JSON.parse(run.stdout) as { error: { name: string; code: string; field?: string } }).error;
}

async function section(page: string, heading: string): Promise<string> {
  const text = await readFile(join(repoDir, page), 'utf8');
  const start = text.indexOf(heading);
  expect(start, `${page} has ${heading}`).toBeGreaterThan(-1);
  const next = text.indexOf('\n#', start + heading.length);
  return text.slice(start, next === -1 ? undefined : next);
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'paymux-cli-doc-'));
  sandboxRun = paymux(
    ['sandbox', '--port', '0', '--write-config', 'paymux.config.json', '-q'],
    stopSandbox.signal,
  ).then((run) => run.code);
  const config = join(cwd, 'paymux.config.json');
  for (let waited = 0; !existsSync(config); waited += 50) {
    if (waited > 20_000) throw new Error('paymux sandbox wrote no config');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  stopSandbox.abort();
  expect(await sandboxRun).toBe(ExitCode.ok);
  await rm(cwd, { recursive: true, force: true });
});

const create = ['payments', 'create', '--currency', 'EUR', '--json', '-q'];

describe("docs/cli.md's known limits", () => {
  it('say what a bad amount and an unoffered flow or operation exit with', async () => {
    const limits = await section('docs/cli.md', '## Known limits');
    expect(limits).toMatch(/`--data`[\s\S]*`ValidationError`[\s\S]*Both exit 2/);
    expect(limits).toMatch(/`UnsupportedOperationError`[\s\S]*exit 1/);
    expect(limits).not.toMatch(/exit 70/);
  });

  it('a bad amount in --data is a ValidationError naming amount.amount: exit 2', async () => {
    for (const amount of ['"abc"', '10']) {
      const run = await paymux([
        ...create,
        '--account',
        'finrax',
        '--reference',
        `data-${amount.length}`,
        '--data',
        `{"amount":{"amount":${amount},"currency":"EUR"}}`,
      ]);
      expect(run.code).toBe(ExitCode.usage);
      expect(errorOf(run)).toMatchObject({ name: 'ValidationError', field: 'amount.amount' });
    }
  });

  it('a bad --amount is refused by the CLI: exit 2', async () => {
    const run = await paymux([
      ...create,
      '--account',
      'finrax',
      '--reference',
      'amount-1',
      '--amount',
      'abc',
    ]);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('--amount must be a decimal number such as 25.00');
  });

  it('an operation the account does not offer is an UnsupportedOperationError: exit 1', async () => {
    const run = await paymux([
      ...['payouts', 'create', '--account', 'forumpay', '--reference', 'payout-1', '--amount', '1'],
      ...['--currency', 'USDT', '--asset', 'USDT', '--network', 'tron', '--json', '-q'],
      ...['--address', 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf'],
    ]);
    expect(run.code).toBe(ExitCode.operationFailed);
    expect(errorOf(run)).toMatchObject({ name: 'UnsupportedOperationError', code: 'unsupported_operation' });
  });
});

describe('the provider pages: a flow the account does not offer', () => {
  it.each([
    ['defexa', 'tracking'],
    ['finrax', 'tracking'],
    ['forumpay', 'hosted'],
    ['depay', 'hosted'],
  ])(
    '%s: %s is an UnsupportedOperationError on flow through the client, exit 1, as the page says',
    async (provider, flow) => {
      const flows = /^.*\*?\*?Flows:?\*?\*?[\s\S]*?(?=\n\n|\n- \*\*)/m.exec(
        await readFile(join(repoDir, 'docs', 'providers', `${provider}.md`), 'utf8'),
      )?.[0];
      expect(flows).toMatch(
        /through the client[\s\S]*`UnsupportedOperationError`\s+\(field `flow`\)[\s\S]*exits 1/i,
      );
      const run = await paymux([
        ...create,
        ...['--account', provider, '--reference', `flow-${provider}`, '--amount', '10', '--flow', flow],
      ]);
      expect(run.code).toBe(ExitCode.operationFailed);
      expect(errorOf(run)).toMatchObject({ name: 'UnsupportedOperationError', field: 'flow' });
    },
  );
});
