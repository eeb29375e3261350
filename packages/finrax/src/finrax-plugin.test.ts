import { describeProviderOptionsChecks, type ProviderOptionsCall } from '@paymux/testkit';
import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { testProvider } from './__fixtures__/finrax-test-support';
import { plugin } from './finrax-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const provider = testProvider();
const amount = { amount: '25', currency: 'USDT' };
const destination = {
  asset: { symbol: 'XRP', network: 'xrp' },
  address: 'rLsVuk4hgmGUtjQKj1ybpg1etnFodZ4CJ',
  memo: '140',
};
// One call per operation the plugin declares options for: the keys must be exactly those.
const calls: Record<string, ProviderOptionsCall> = {
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

// The client types `providerOptions.finrax` by the declared schemas; these check that each
// operation checks its options at run time by the same keys, strictly.
describeProviderOptionsChecks({
  name: 'Finrax',
  type: 'finrax',
  declared: plugin.providerOptionsSchemas,
  calls,
});
