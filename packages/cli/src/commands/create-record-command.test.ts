import { createMockApiServer, type MockApiServer } from '@paymux/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configDir, runPaymux } from '../cli-test-support';
import { ExitCode } from '../exit-codes';

// The create commands share one preamble (createRecordCommand): these check it on both kinds.

let api: MockApiServer;
let cwd: string;

beforeAll(async () => {
  api = await createMockApiServer({ apiKey: 'mock_key_create', webhookSecret: 'mock_whsec_create' });
  cwd = await configDir({
    plugins: ['@paymux/testkit'],
    providers: {
      main: { type: 'mock', apiKey: api.apiKey, webhookSecret: api.webhookSecret, baseUrl: api.baseUrl },
    },
  });
});

afterAll(async () => {
  await api.close();
});

/** Runs a create with `--json` and returns the record it printed. */
async function created(argv: string[]): Promise<unknown> {
  const run = await runPaymux([...argv, '--json'], { cwd });
  expect(run.code, run.stderr).toBe(ExitCode.ok);
  return JSON.parse(run.stdout);
}

describe('the create commands', () => {
  it('take the required fields from --data and lay the options over it', async () => {
    const data = {
      reference: 'from-data',
      amount: { amount: '12.50', currency: 'EUR' },
      description: 'from data',
      metadata: { from: 'data' },
    };
    const argv = [
      'payments',
      'create',
      '--data',
      JSON.stringify(data),
      '--metadata',
      'order=7',
      '--amount',
      '20',
    ];
    expect(await created(argv)).toMatchObject({
      reference: 'from-data',
      amount: { amount: '20', currency: 'EUR' },
      metadata: { order: '7' },
    });
  });

  it('send a payout whose destination comes partly from --data, partly from options', async () => {
    const data = {
      destination: { address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf', asset: { symbol: 'USDT' } },
    };
    const payout = await created([
      'payouts',
      'create',
      '--data',
      JSON.stringify(data),
      '--reference',
      'payout-1',
      '--amount',
      '5',
      '--currency',
      'USDT',
      '--network',
      'tron',
    ]);
    expect(payout).toMatchObject({
      reference: 'payout-1',
      amount: { amount: '5', currency: 'USDT' },
      destination: {
        address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
        asset: { symbol: 'USDT', network: 'tron' },
      },
    });
  });

  it.each([
    [['payments', 'create', '--data', '{"reference":"r","amount":{"currency":"EUR"}}'], /Missing --amount/],
    [['payments', 'create', '--reference', 'r', '--amount', '1'], /Missing --currency/],
    [
      ['payouts', 'create', '--reference', 'r', '--amount', '1', '--currency', 'USDT', '--asset', 'USDT'],
      /Missing --network/,
    ],
    [
      [
        'payouts',
        'create',
        '--data',
        '{"destination":{"asset":{"symbol":"USDT","network":"tron"}}}',
        '--reference',
        'r',
        '--amount',
        '1',
        '--currency',
        'USDT',
      ],
      /Missing --address/,
    ],
  ])('%j is a usage error before anything is sent', async (argv, message) => {
    const run = await runPaymux(argv, { cwd });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toMatch(message);
  });
});
