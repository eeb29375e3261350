import { generateKeyPairSync } from 'node:crypto';
import { ConfigurationError, createMemoryStore } from '@paymux/core';
import { depay } from '@paymux/depay';
import { describe, expect, it } from 'vitest';
import { createPaymux } from './create-paymux';

const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

describe('a DePay account whose publicKey cannot verify DePay signatures', () => {
  it.each([
    ['not a PEM', 'not a key'],
    ['an EC key', ecKey],
  ])('(%s) stops createPaymux at start, naming providers.<account>.publicKey', (_what, publicKey) => {
    let error: unknown;
    try {
      createPaymux({
        store: createMemoryStore(),
        plugins: [depay],
        providers: { wallet: { type: 'depay', apiKey: 'depay-test-key-000000000000', publicKey } },
      });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigurationError.is(error)).toBe(true);
    expect((error as ConfigurationError).message).toContain('providers.wallet.publicKey');
    expect((error as ConfigurationError).message).not.toContain('depay-test-key-000000000000');
  });
});
