import { describeProviderOptionsChecks, type ProviderOptionsCall } from '@paymux/testkit';
import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { testProvider } from '../test/defexa-test-support';
import { plugin } from './defexa-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const provider = testProvider();
const amount = { amount: '25', currency: 'ALGO' };
const destination = { asset: { symbol: 'ALGO', network: 'algorand' }, address: 'TARGETADDRESS1' };
// One call per operation the plugin declares options for: the keys must be exactly those.
const calls: Record<string, ProviderOptionsCall> = {
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

// The client types `providerOptions.defexa` by the declared schemas; these check that each
// operation checks its options at run time by the same keys, strictly.
describeProviderOptionsChecks({
  name: 'Defexa',
  type: 'defexa',
  declared: plugin.providerOptionsSchemas,
  calls,
});
