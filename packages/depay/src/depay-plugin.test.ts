import { ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDepay } from './__fixtures__/depay-test-setup';
import { plugin } from './depay-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

type OptionsCall = (options: Record<string, unknown>) => Promise<unknown>;
const declared = (() => {
  const schemas = plugin.providerOptionsSchemas;
  if (!schemas) throw new Error('the DePay plugin declares no providerOptionsSchemas');
  return schemas;
})();
const provider = createTestDepay();
const amount = { amount: '10', currency: 'USD' };
const payWith = { symbol: 'USDC', network: 'ethereum' };
// What createPayment needs in its options; each case below changes one key.
const tracked = {
  transaction: '0xd4a9d1a6ed2ddbc4e4cbd2e7ab6b3b44e4a8df2ad2c7dc0e8b7d4b3f9e7a6c50',
  sender: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
  nonce: 1,
  afterBlock: 13609144,
};
// One call per operation the plugin declares options for: the keys must be exactly those.
const calls: Record<keyof typeof declared, OptionsCall> = {
  createPayment: (depay) =>
    provider.createPayment({
      reference: 'o-1',
      amount,
      payWith,
      providerOptions: { depay: { ...tracked, ...depay } },
    }),
  getQuote: (depay) => provider.getQuote({ amount, payWith, providerOptions: { depay } }),
};

/** What `call` refused its options with: a `ValidationError`, before any request. */
async function refusal(call: OptionsCall, options: Record<string, unknown>): Promise<ValidationError> {
  const error = await call(options).catch((caught: unknown) => caught);
  if (!ValidationError.is(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

// The client types `providerOptions.depay` by the declared schemas; these check that each
// operation checks its options at run time by the same keys, strictly.
describe('the DePay plugin declares the options schemas its operations parse with', () => {
  it('is tested below for exactly the operations it declares options for', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(calls).sort());
  });

  for (const [operation, call] of Object.entries(calls)) {
    const schema = declared[operation as keyof typeof declared];

    it(`${operation} refuses a key its declared schema does not have, naming it`, async () => {
      const error = await refusal(call, { notAnOption: 'x' });
      expect(error.field).toBe('providerOptions.depay.notAnOption');
    });

    it(`${operation} checks every key of its declared schema as that schema does`, async () => {
      expect(schema).toBeInstanceOf(z.ZodObject);
      for (const key of Object.keys((schema as z.ZodObject).shape)) {
        // No option of any schema is an array: a wrong value for each, refused as the declared schema refuses it.
        const options = { [key]: [] };
        const expected = schema.safeParse(options).error?.issues.find((issue) => issue.path[0] === key);
        const error = await refusal(call, options);
        expect(error.field).toBe(`providerOptions.depay.${key}`);
        expect(error.issues).toContainEqual({
          path: `providerOptions.depay.${key}`,
          message: expected?.message,
        });
      }
    });
  }
});
