import { describe, expect, it } from 'vitest';
import type { DemoRow } from './demo-row';
import { type DemoResult, runDemo } from './run-demo';
import { summaryTable } from './summary-table';

// Recognisable fake credentials, so the test can prove none of them is ever printed.
const credentials = {
  defexa: { merchantPrivateKey: 'demo-test-defexa-merchant-key-0001' },
  forumpay: { apiUser: 'demo-test-user', apiSecret: 'demo-test-forumpay-secret-0001', posId: 'WEB1' },
  finrax: {
    apiKey: 'demo-test-finrax-key-0001',
    apiSecret: 'demo-test-finrax-secret-0001',
    businessId: '407710f4-de33-454b-a47f-dda792e272c8',
  },
  depay: { apiKey: 'demo-test-depay-key-0001' },
};

describe('the demo session against the sandbox', () => {
  let result: DemoResult;
  const lines: string[] = [];

  it('runs every step to its expected state', async () => {
    result = await runDemo({ log: (line) => lines.push(line), sandboxCredentials: credentials });
    const failed = result.rows.filter((row) => !row.ok);
    expect(failed, summaryTable(failed)).toEqual([]);
    expect(result.ok).toBe(true);
    // One progress line per step, plus the start-up and config-edit lines.
    expect(lines.filter((line) => line.startsWith('['))).toHaveLength(result.rows.length);
  });

  it('covers every provider and every flow its capability map declares', () => {
    const ran = (row: DemoRow) => row.status !== 'skipped';
    const flowsOf = (provider: string) =>
      new Set(result.rows.filter((row) => row.provider === provider && ran(row)).map((row) => row.flow));
    expect(flowsOf('defexa')).toEqual(new Set(['hosted', 'deposit_address', 'refund', 'payout']));
    expect(flowsOf('forumpay')).toEqual(new Set(['deposit_address', 'refund']));
    expect(flowsOf('finrax')).toEqual(new Set(['hosted', 'deposit_address', 'payout']));
    expect(flowsOf('depay')).toEqual(new Set(['tracking']));
  });

  it('shows an underpayment, an overpayment, a payout and a refund', () => {
    const statuses = result.rows.map((row) => row.status);
    expect(statuses).toContain('requires_payment/under');
    expect(statuses).toContain('succeeded/under');
    expect(statuses).toContain('succeeded/over');
    expect(result.rows.filter((row) => row.flow === 'payout' && row.status === 'succeeded')).toHaveLength(2);
    expect(result.rows.filter((row) => row.flow === 'refund' && row.status === 'pending')).toHaveLength(2);
  });

  it('receives webhooks through the client handler and answers them all with 2xx', () => {
    const announced = result.rows.filter((row) => row.webhook !== '-');
    expect(new Set(announced.map((row) => row.provider))).toEqual(
      new Set(['defexa', 'forumpay', 'finrax', 'depay']),
    );
    const answers = Object.values(result.webhookAnswers).flat();
    expect(answers.length).toBeGreaterThanOrEqual(announced.length);
    expect(answers.filter((status) => status >= 300)).toEqual([]);
  });

  it('switches provider by editing the config alone', () => {
    const switched = result.rows.slice(-2);
    expect(switched.map((row) => [row.account, row.status])).toEqual([
      ['forumpay-pos', 'succeeded'],
      ['finrax-main', 'succeeded'],
    ]);
    expect(
      lines.some((line) => line.startsWith('config edited: routing.default forumpay-pos -> finrax-main')),
    ).toBe(true);
  });

  it('reports what a provider cannot do as skipped, with the reason', () => {
    const skipped = result.rows.filter((row) => row.status === 'skipped');
    expect(skipped.map((row) => `${row.provider} ${row.flow}`).sort()).toEqual([
      'depay payout',
      'depay refund',
      'finrax refund',
      'forumpay payout',
    ]);
    for (const row of skipped) expect(row.note).toMatch(/does not offer/);
  });

  it('prints no secret of the sandbox accounts', () => {
    const output = `${lines.join('\n')}\n${summaryTable(result.rows)}\n${JSON.stringify(result.rows)}`;
    for (const secret of [
      credentials.defexa.merchantPrivateKey,
      credentials.forumpay.apiSecret,
      credentials.finrax.apiKey,
      credentials.finrax.apiSecret,
      credentials.depay.apiKey,
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});
