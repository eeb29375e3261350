import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { quickstart } from './main';

describe('the quickstart against the sandbox', () => {
  it('makes one payment per provider with one checkout call, each paid to succeeded', async () => {
    const lines: string[] = [];
    const results = await quickstart((line) => lines.push(line));
    expect(results).toEqual([
      // Defexa's records do not name the address a deposit reached (the seed's show none), so a
      // deposit is confirmed only by its callback, which this script does not receive: the read
      // back alone still says requires_payment (docs/providers/defexa.md).
      { account: 'defexa-main', provider: 'defexa', flow: 'deposit_address', status: 'requires_payment' },
      { account: 'forumpay-pos', provider: 'forumpay', flow: 'deposit_address', status: 'succeeded' },
      { account: 'finrax-main', provider: 'finrax', flow: 'hosted', status: 'succeeded' },
      { account: 'depay-wallet', provider: 'depay', flow: 'tracking', status: 'succeeded' },
    ]);
    // Two lines per payment: created, then paid.
    expect(lines).toHaveLength(8);
  });

  it('keeps credentials out of the config file: only env references', async () => {
    const text = await readFile(new URL('../paymux.config.json', import.meta.url), 'utf8');
    const config = JSON.parse(text) as { providers: Record<string, Record<string, unknown>> };
    const secretKeys = ['merchantPrivateKey', 'secret', 'apiKey', 'apiSecret'];
    for (const account of Object.values(config.providers)) {
      for (const key of secretKeys.filter((name) => name in account)) {
        expect(account[key]).toMatch(/^\$\{env:[A-Z_]+\}$/);
      }
    }
  });
});
