import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configDir, runPaymux, TextSink } from './cli-test-support';
import { ExitCode } from './exit-codes';
import { accountsThatCouldHold } from './record-account';
import { sandboxConfig } from './sandbox-config';

const accounts = [
  { name: 'dfx', type: 'defexa' },
  { name: 'pos', type: 'forumpay' },
  { name: 'frx', type: 'finrax' },
  { name: 'wallet', type: 'depay' },
];

describe('accountsThatCouldHold', () => {
  it('reads the provider from a prefixed id, and leaves unprefixed ids to the types that issue them', () => {
    expect(accountsThatCouldHold('payment', 'dfx_eyJ2IjoiMiJ9', accounts)).toEqual(['dfx']);
    expect(accountsThatCouldHold('payment', 'fp_eyJwIjoiMSJ9', accounts)).toEqual(['pos']);
    expect(accountsThatCouldHold('payment', '5e3c1a2b-0000-4000-8000-000000000000', accounts)).toEqual([
      'frx',
      'wallet',
    ]);
    expect(accountsThatCouldHold('payout', 'frxpayout_eyJjIjoiMSJ9', accounts)).toEqual(['frx']);
    expect(accountsThatCouldHold('payout', 'dfxpo_eyJyIjoiMSJ9', accounts)).toEqual(['dfx']);
    expect(accountsThatCouldHold('payout', 'po-1', accounts)).toEqual(['pos', 'wallet']);
    // A third-party type may issue anything.
    expect(accountsThatCouldHold('payment', 'acme_1', [...accounts, { name: 'a', type: 'acme' }])).toEqual([
      'frx',
      'wallet',
      'a',
    ]);
  });
});

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
});

afterAll(async () => {
  await sandbox?.close();
});

const fast = ['--interval', '0.05'];

async function createOn(cwd: string, account: string, reference: string, extra: string[] = []) {
  const run = await runPaymux(
    [
      'payments',
      'create',
      '-a',
      account,
      '--reference',
      reference,
      '--amount',
      '10',
      '--currency',
      'EUR',
      '--json',
      '-q',
      ...extra,
    ],
    { cwd },
  );
  expect(run.code, run.stderr).toBe(ExitCode.ok);
  return JSON.parse(run.stdout) as { id: string; providerPaymentId: string };
}

describe('paymux payments get <id> without --account', () => {
  it('uses the account the CLI created it on, the one an id prefix names, else exits 2 naming the accounts', async () => {
    const cwd = await configDir(sandboxConfig(sandbox));
    const finrax = await createOn(cwd, 'finrax', 'infer-frx-1');
    const remembered = await runPaymux(['payments', 'get', finrax.id, '--json', '-q'], { cwd });
    expect(remembered.code, remembered.stderr).toBe(ExitCode.ok);
    expect(JSON.parse(remembered.stdout)).toMatchObject({ id: finrax.id, provider: 'finrax' });

    const forumpay = await createOn(cwd, 'forumpay', 'infer-fp-1', ['--pay-with', 'BTC']);
    // Another folder, another store: nothing remembered, so only the id's shape can tell.
    const elsewhere = await configDir(sandboxConfig(sandbox));
    const byPrefix = await runPaymux(['payments', 'get', forumpay.id, '--json', '-q'], { cwd: elsewhere });
    expect(byPrefix.code, byPrefix.stderr).toBe(ExitCode.ok);
    expect(JSON.parse(byPrefix.stdout)).toMatchObject({ id: forumpay.id, provider: 'forumpay' });

    const ambiguous = await runPaymux(['payments', 'get', finrax.id], { cwd: elsewhere });
    expect(ambiguous.code).toBe(ExitCode.usage);
    expect(ambiguous.stderr).toContain(
      `Cannot tell which account holds payment "${finrax.id}": pass --account (it could be on finrax (finrax), depay (depay))`,
    );
    expect(ambiguous.stderr).toContain('Run `paymux payments get --help` for usage.');

    const { providers } = sandboxConfig(sandbox) as { providers: Record<string, unknown> };
    const single = await configDir({ providers: { finrax: providers.finrax } });
    const only = await runPaymux(['payments', 'get', finrax.id, '--json', '-q'], { cwd: single });
    expect(only.code, only.stderr).toBe(ExitCode.ok);
  });

  it('--wait prints one status line per change when stderr is not a terminal, then the result', async () => {
    const cwd = await configDir(sandboxConfig(sandbox));
    const payment = await createOn(cwd, 'finrax', 'infer-wait-1', [
      '--pay-with',
      'USDT',
      '--network',
      'ethereum',
      '--flow',
      'deposit_address',
    ]);
    const stderr = new TextSink();
    const waiting = runPaymux(['payments', 'get', payment.id, '--wait', ...fast], { cwd, stderr });
    await stderr.waitFor(new RegExp(`… Waiting for payment ${payment.id}: requires_payment  0s\\n`));
    sandbox.control.pay({ provider: 'finrax', id: payment.providerPaymentId, kind: 'exact' });
    sandbox.control.confirm({ provider: 'finrax', id: payment.providerPaymentId });
    const run = await waiting;
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const lines = run.stderr.split('\n').filter((line) => line.includes(payment.id));
    // The first status once (however many polls saw it), and a closing line with the final one.
    expect(lines.filter((line) => line.includes(': requires_payment'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(new RegExp(`^✓ payment ${payment.id}: succeeded  \\d+s`));
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout).toMatch(/^Payment \S+\n\s+status\s+succeeded/);
  });
});
