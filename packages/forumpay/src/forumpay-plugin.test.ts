import { describeProviderOptionsChecks, type ProviderOptionsCall } from '@paymux/testkit';
import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { seedPaymentId, seedProvider } from './__fixtures__/forumpay-test-provider';
import { plugin } from './forumpay-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const provider = seedProvider();
const amount = { amount: '25', currency: 'EUR' };
const payWith = { symbol: 'BTC' };
const paymentId = seedPaymentId;
// One call per operation the plugin declares options for: the keys must be exactly those.
const calls: Record<string, ProviderOptionsCall> = {
  createPayment: (forumpay) =>
    provider.createPayment({ reference: 'o-1', amount, payWith, providerOptions: { forumpay } }),
  getQuote: (forumpay) => provider.getQuote({ amount, payWith, providerOptions: { forumpay } }),
  listPayments: (forumpay) => provider.listPayments({ providerOptions: { forumpay } }),
  cancelPayment: (forumpay) => provider.cancelPayment({ paymentId, providerOptions: { forumpay } }),
  acceptUnderpayment: (forumpay) => provider.acceptUnderpayment({ paymentId, providerOptions: { forumpay } }),
  createRefund: (forumpay) => provider.createRefund({ paymentId, providerOptions: { forumpay } }),
};

// The client types `providerOptions.forumpay` by the declared schemas; these check that each
// operation checks its options at run time by the same keys, strictly.
describeProviderOptionsChecks({
  name: 'ForumPay',
  type: 'forumpay',
  declared: plugin.providerOptionsSchemas,
  calls,
});
