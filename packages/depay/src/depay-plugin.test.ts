import { describeProviderOptionsChecks, type ProviderOptionsCall } from '@paymux/testkit';
import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { createTestDepay } from './__fixtures__/depay-test-setup';
import { plugin } from './depay-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

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
const calls: Record<string, ProviderOptionsCall> = {
  createPayment: (depay) =>
    provider.createPayment({
      reference: 'o-1',
      amount,
      payWith,
      providerOptions: { depay: { ...tracked, ...depay } },
    }),
  getQuote: (depay) => provider.getQuote({ amount, payWith, providerOptions: { depay } }),
};

// The client types `providerOptions.depay` by the declared schemas; these check that each
// operation checks its options at run time by the same keys, strictly.
describeProviderOptionsChecks({
  name: 'DePay',
  type: 'depay',
  declared: plugin.providerOptionsSchemas,
  calls,
});
