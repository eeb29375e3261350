import { ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testProvider } from '../test/defexa-test-support';
import { plugin } from './defexa-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

type OptionsCall = (options: Record<string, unknown>) => Promise<unknown>;
const declared = (() => {
  const schemas = plugin.providerOptionsSchemas;
  if (!schemas) throw new Error('the Defexa plugin declares no providerOptionsSchemas');
  return schemas;
})();
const provider = testProvider();
const amount = { amount: '25', currency: 'ALGO' };
const destination = { asset: { symbol: 'ALGO', network: 'algorand' }, address: 'TARGETADDRESS1' };
// One call per operation the plugin declares options for: the keys must be exactly those.
const calls: Record<keyof typeof declared, OptionsCall> = {
  createPayment: (defexa) =>
    provider.createPayment({ reference: 'o-1', amount, providerOptions: { defexa } }),
  listPayments: (defexa) => provider.listPayments({ providerOptions: { defexa } }),
  createRefund: (defexa) => provider.createRefund({ paymentId: 'dfx_pay_1', providerOptions: { defexa } }),
  createPayout: (defexa) =>
    provider.createPayout({ reference: 'w-1', amount, destination, providerOptions: { defexa } }),
  createPayoutBatch: (defexa) =>
    provider.createPayoutBatch({
      reference: 'b-1',
      payouts: [{ reference: 'b-1-1', amount, destination }],
      providerOptions: { defexa },
    }),
  listPayouts: (defexa) => provider.listPayouts({ providerOptions: { defexa } }),
  estimatePayoutFee: (defexa) =>
    provider.estimatePayoutFee({ amount, destination, providerOptions: { defexa } }),
};

/** What `call` refused its options with: a `ValidationError`, before any request. */
async function refusal(call: OptionsCall, options: Record<string, unknown>): Promise<ValidationError> {
  const error = await call(options).catch((caught: unknown) => caught);
  if (!ValidationError.is(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

// The client types `providerOptions.defexa` by the declared schemas; these check that each
// operation checks its options at run time by the same keys, strictly.
describe('the Defexa plugin declares the options schemas its operations parse with', () => {
  it('is tested below for exactly the operations it declares options for', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(calls).sort());
  });

  for (const [operation, call] of Object.entries(calls)) {
    const schema = declared[operation as keyof typeof declared];

    it(`${operation} refuses a key its declared schema does not have, naming it`, async () => {
      const error = await refusal(call, { notAnOption: 'x' });
      expect(error.field).toBe('providerOptions.defexa.notAnOption');
    });

    it(`${operation} checks every key of its declared schema as that schema does`, async () => {
      expect(schema).toBeInstanceOf(z.ZodObject);
      for (const key of Object.keys((schema as z.ZodObject).shape)) {
        // No option of any schema is an array: a wrong value for each, refused as the declared schema refuses it.
        const options = { [key]: [] };
        const expected = schema.safeParse(options).error?.issues.find((issue) => issue.path[0] === key);
        const error = await refusal(call, options);
        expect(error.field).toBe(`providerOptions.defexa.${key}`);
        expect(error.issues).toContainEqual({
          path: `providerOptions.defexa.${key}`,
          message: expected?.message,
        });
      }
    });
  }
});
