import { inspect } from 'node:util';
import { ProviderRejectedError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createPaymux } from './create-paymux';

// An error an adapter builds itself (no HTTP client involved) still leaves the client without a
// configured secret in any field or anywhere down its cause chain.

const key = 'fake-key-scrub-0001';

describe('errors leaving the client', () => {
  it('carry no configured secret in any field or cause', async () => {
    const backend = new FakeBackend();
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [createFakePlugin('alpha', backend)],
      providers: { primary: { type: 'alpha', apiKey: key } },
      routing: { default: 'primary' },
    });
    const thrown = new ProviderRejectedError(`refused key ${key}`, {
      providerCode: `bad_key:${key}`,
      cause: Object.assign(new Error(`upstream said ${key}`), { details: { echoed: key } }),
    });
    backend.failNext('primary', 'createPayment', thrown);
    const error = await paymux
      .createPayment({ reference: 'order-s1', amount: { amount: '10', currency: 'EUR' } })
      .catch((caught: unknown) => caught);
    expect(error).toBe(thrown);
    expect(ProviderRejectedError.is(error)).toBe(true);
    const texts: string[] = [];
    for (let current: unknown = error; current; current = (current as Error).cause) {
      texts.push(inspect(current, { depth: Infinity, showHidden: true }), JSON.stringify(current));
      for (const name of Object.getOwnPropertyNames(current)) {
        texts.push(inspect((current as Record<string, unknown>)[name], { depth: Infinity }));
      }
    }
    expect(texts.filter((text) => text.includes(key))).toEqual([]);
    expect((error as ProviderRejectedError).providerCode).toBe('bad_key:[REDACTED]');
  });
});
