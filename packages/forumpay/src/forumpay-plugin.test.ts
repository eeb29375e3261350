import { ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedPaymentId, seedProvider } from './__fixtures__/forumpay-test-provider';
import { plugin } from './forumpay-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

type OptionsCall = (options: Record<string, unknown>) => Promise<unknown>;
const declared = (() => {
  const schemas = plugin.providerOptionsSchemas;
  if (!schemas) throw new Error('the ForumPay plugin declares no providerOptionsSchemas');
  return schemas;
})();
const provider = seedProvider();
const amount = { amount: '25', currency: 'EUR' };
const payWith = { symbol: 'BTC' };
const paymentId = seedPaymentId;
// One call per operation the plugin declares options for: the keys must be exactly those.
const calls: Record<keyof typeof declared, OptionsCall> = {
  createPayment: (forumpay) =>
    provider.createPayment({ reference: 'o-1', amount, payWith, providerOptions: { forumpay } }),
  getQuote: (forumpay) => provider.getQuote({ amount, payWith, providerOptions: { forumpay } }),
  listPayments: (forumpay) => provider.listPayments({ providerOptions: { forumpay } }),
  cancelPayment: (forumpay) => provider.cancelPayment({ paymentId, providerOptions: { forumpay } }),
  acceptUnderpayment: (forumpay) => provider.acceptUnderpayment({ paymentId, providerOptions: { forumpay } }),
  createRefund: (forumpay) => provider.createRefund({ paymentId, providerOptions: { forumpay } }),
};

/** What `call` refused its options with: a `ValidationError`, before any request. */
async function refusal(call: OptionsCall, options: Record<string, unknown>): Promise<ValidationError> {
  const error = await call(options).catch((caught: unknown) => caught);
  if (!ValidationError.is(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

// The client types `providerOptions.forumpay` by the declared schemas; these check that each
// operation checks its options at run time by the same keys, strictly.
describe('the ForumPay plugin declares the options schemas its operations parse with', () => {
  it('is tested below for exactly the operations it declares options for', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(calls).sort());
  });

  for (const [operation, call] of Object.entries(calls)) {
    const schema = declared[operation as keyof typeof declared];

    it(`${operation} refuses a key its declared schema does not have, naming it`, async () => {
      const error = await refusal(call, { notAnOption: 'x' });
      expect(error.field).toBe('providerOptions.forumpay.notAnOption');
    });

    it(`${operation} checks every key of its declared schema as that schema does`, async () => {
      expect(schema).toBeInstanceOf(z.ZodObject);
      for (const key of Object.keys((schema as z.ZodObject).shape)) {
        // No option of any schema is an array: a wrong value for each, refused as the declared schema refuses it.
        const options = { [key]: [] };
        const expected = schema.safeParse(options).error?.issues.find((issue) => issue.path[0] === key);
        const error = await refusal(call, options);
        expect(error.field).toBe(`providerOptions.forumpay.${key}`);
        expect(error.issues).toContainEqual({
          path: `providerOptions.forumpay.${key}`,
          message: expected?.message,
        });
      }
    });
  }
});
