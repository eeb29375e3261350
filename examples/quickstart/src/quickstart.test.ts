import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { quickstart } from './main';

describe('the quickstart against the sandbox', () => {
  it('makes one payment per provider with one checkout call, each paid to succeeded', async () => {
    const lines: string[] = [];
    const results = await quickstart((line) => lines.push(line));
    expect(results).toEqual([
      { account: 'defexa-main', provider: 'defexa', flow: 'deposit_address', status: 'succeeded' },
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
