import { ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testProvider } from './__fixtures__/finrax-test-support';
import { plugin } from './finrax-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

type OptionsCall = (options: Record<string, unknown>) => Promise<unknown>;
const declared = (() => {
  const schemas = plugin.providerOptionsSchemas;
  if (!schemas) throw new Error('the Finrax plugin declares no providerOptionsSchemas');
  return schemas;
})();
const provider = testProvider();
const amount = { amount: '25', currency: 'USDT' };
const destination = {
  asset: { symbol: 'XRP', network: 'xrp' },
  address: 'rLsVuk4hgmGUtjQKj1ybpg1etnFodZ4CJ',
  memo: '140',
};
// One call per operation the plugin declares options for: the keys must be exactly those.
const calls: Record<keyof typeof declared, OptionsCall> = {
  createPayment: (finrax) =>
    provider.createPayment({ reference: 'o-1', amount, providerOptions: { finrax } }),
  listPayments: (finrax) => provider.listPayments({ providerOptions: { finrax } }),
  getQuote: (finrax) =>
    provider.getQuote({ amount, payWith: { symbol: 'BTC' }, providerOptions: { finrax } }),
  createPayout: (finrax) =>
    provider.createPayout({ reference: 'w-1', amount, destination, providerOptions: { finrax } }),
  listPayouts: (finrax) => provider.listPayouts({ providerOptions: { finrax } }),
  estimatePayoutFee: (finrax) =>
    provider.estimatePayoutFee({ amount, destination, providerOptions: { finrax } }),
};

/** What `call` refused its options with: a `ValidationError`, before any request. */
async function refusal(call: OptionsCall, options: Record<string, unknown>): Promise<ValidationError> {
  const error = await call(options).catch((caught: unknown) => caught);
  if (!ValidationError.is(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

// The client types `providerOptions.finrax` by the declared schemas; these check that each
// operation checks its options at run time by the same keys, strictly.
describe('the Finrax plugin declares the options schemas its operations parse with', () => {
  it('is tested below for exactly the operations it declares options for', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(calls).sort());
  });

  for (const [operation, call] of Object.entries(calls)) {
    const schema = declared[operation as keyof typeof declared];

    it(`${operation} refuses a key its declared schema does not have, naming it`, async () => {
      const error = await refusal(call, { notAnOption: 'x' });
      expect(error.field).toBe('providerOptions.finrax.notAnOption');
    });

    it(`${operation} checks every key of its declared schema as that schema does`, async () => {
      expect(schema).toBeInstanceOf(z.ZodObject);
      for (const key of Object.keys((schema as z.ZodObject).shape)) {
        // No option of any schema is an array: a wrong value for each, refused as the declared schema refuses it.
        const options = { [key]: [] };
        const expected = schema.safeParse(options).error?.issues.find((issue) => issue.path[0] === key);
        const error = await refusal(call, options);
        expect(error.field).toBe(`providerOptions.finrax.${key}`);
        expect(error.issues).toContainEqual({
          path: `providerOptions.finrax.${key}`,
          message: expected?.message,
        });
      }
    });
  }
});
