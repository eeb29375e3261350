// Compile-time tests of `providerOptions.depay` through the client: `tsc` (the package's
// typecheck) fails when a line marked `@ts-expect-error` compiles, or when a positive case stops
// compiling.
import { type DepayPaymentOptions, plugin as depay } from '@paymux/depay';
import { plugin as finrax } from '@paymux/finrax';
import { expectTypeOf } from 'vitest';
import { createPaymux } from '../client/create-paymux';

const paymux = createPaymux({
  plugins: [depay],
  providers: { wallet: { type: 'depay', apiKey: 'k' } },
});
const amount = { amount: '10.00', currency: 'USD' };
const payWith = { symbol: 'USDC', network: 'ethereum' };
const tracked = { transaction: '0xd4a9', sender: '0x29b0', nonce: 1, afterBlock: 13609144 };

// The options of createPayment are the input of the schema the adapter parses them with.
expectTypeOf<NonNullable<Parameters<typeof paymux.createPayment>[0]['providerOptions']>>().toEqualTypeOf<{
  depay?: DepayPaymentOptions | undefined;
}>();

// createPayment.
void paymux.createPayment({ reference: 'r1', amount, payWith, providerOptions: { depay: tracked } });
void paymux.createPayment({
  reference: 'r2',
  amount,
  payWith,
  providerOptions: {
    depay: { ...tracked, nonce: 'solana-nonce', afterBlock: '13609144', tokenAmount: '10.5' },
  },
});
void paymux.createPayment({
  reference: 'r3',
  amount,
  payWith,
  // @ts-expect-error transaction, sender, nonce and afterBlock are required
  providerOptions: { depay: { transaction: '0xd4a9' } },
});
void paymux.createPayment({
  reference: 'r4',
  amount,
  payWith,
  // @ts-expect-error recevier is a misspelt receiver
  providerOptions: { depay: { ...tracked, recevier: '0x1234' } },
});
void paymux.createPayment({
  reference: 'r5',
  amount,
  payWith,
  // @ts-expect-error confirmations is a number
  providerOptions: { depay: { ...tracked, confirmations: '12' } },
});

// getQuote.
void paymux.getQuote({ amount, payWith, providerOptions: { depay: { token: '0xa0be' } } });
// @ts-expect-error tokn is a misspelt token
void paymux.getQuote({ amount, payWith, providerOptions: { depay: { tokn: '0xa0be' } } });

// With several plugins, each type's options are typed by its own plugin.
const both = createPaymux({
  plugins: [depay, finrax],
  providers: {
    wallet: { type: 'depay', apiKey: 'k' },
    main: { type: 'finrax', apiKey: 'k', apiSecret: 's', businessId: 'b1' },
  },
});
void both.createPayment({
  reference: 'r6',
  amount,
  payWith,
  providerOptions: { depay: tracked, finrax: { rateType: 'FLOATING' } },
});
void both.createPayment({
  reference: 'r7',
  amount,
  payWith,
  // @ts-expect-error rateType is a Finrax option, not a DePay one
  providerOptions: { depay: { ...tracked, rateType: 'FLOATING' } },
});
