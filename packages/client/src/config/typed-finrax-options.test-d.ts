// Compile-time tests of `providerOptions.finrax` through the client: `tsc` (the package's
// typecheck) fails when a line marked `@ts-expect-error` compiles, or when a positive case stops
// compiling.
import { type FinraxPaymentOptions, plugin as finrax } from '@paymux/finrax';
import { expectTypeOf } from 'vitest';
import { createPaymux } from '../client/create-paymux';

const paymux = createPaymux({
  plugins: [finrax],
  providers: { main: { type: 'finrax', apiKey: 'k', apiSecret: 's', businessId: 'b1' } },
});
const amount = { amount: '10.00', currency: 'EUR' };
const destination = { asset: { symbol: 'USDT', network: 'tron' }, address: 'TXYZ' };

// The options of createPayment are the input of the schema the adapter parses them with.
expectTypeOf<NonNullable<Parameters<typeof paymux.createPayment>[0]['providerOptions']>>().toEqualTypeOf<{
  finrax?: FinraxPaymentOptions | undefined;
}>();

// createPayment.
void paymux.createPayment({ reference: 'r1', amount, providerOptions: { finrax: { rateType: 'FIXED' } } });
void paymux.createPayment({
  reference: 'r2',
  amount,
  providerOptions: { finrax: { type: 'REUSABLE', locale: 'de-DE', expirationMinutes: 30 } },
});
// @ts-expect-error rateTyp is a misspelt rateType
void paymux.createPayment({ reference: 'r3', amount, providerOptions: { finrax: { rateTyp: 'FIXED' } } });
// @ts-expect-error rateType is FIXED or FLOATING
void paymux.createPayment({ reference: 'r4', amount, providerOptions: { finrax: { rateType: 'fixed' } } });
void paymux.createPayment({
  reference: 'r5',
  amount,
  // @ts-expect-error expirationMinutes is a number
  providerOptions: { finrax: { expirationMinutes: '30' } },
});
void paymux.createPayment({
  reference: 'r6',
  amount,
  // @ts-expect-error finrax's createPayout options are not createPayment's
  providerOptions: { finrax: { displayCurrency: 'EUR' } },
});

// createPayout.
void paymux.createPayout({
  reference: 'p1',
  amount,
  destination,
  providerOptions: { finrax: { displayCurrency: 'EUR', withdrawalAccount: 'CRYPTO' } },
});
void paymux.createPayout({
  reference: 'p2',
  amount,
  destination,
  // @ts-expect-error withdrawalAcount is a misspelt withdrawalAccount
  providerOptions: { finrax: { withdrawalAcount: 'CRYPTO' } },
});
void paymux.createPayout({
  reference: 'p3',
  amount,
  destination,
  // @ts-expect-error withdrawalAccount is CRYPTO or FIAT
  providerOptions: { finrax: { withdrawalAccount: 'BANK' } },
});

// The operations that take no Finrax option refuse any key.
void paymux.listPayments({ providerOptions: { finrax: {} } });
// @ts-expect-error listPayments takes no Finrax option
void paymux.listPayments({ providerOptions: { finrax: { status: 'paid' } } });
void paymux.getQuote({
  amount,
  payWith: { symbol: 'BTC' },
  // @ts-expect-error getQuote takes no Finrax option
  providerOptions: { finrax: { rateType: 'FIXED' } },
});
// @ts-expect-error listPayouts takes no Finrax option
void paymux.listPayouts({ providerOptions: { finrax: { limit: 5 } } });
void paymux.estimatePayoutFee({
  amount,
  destination,
  // @ts-expect-error estimatePayoutFee takes no Finrax option
  providerOptions: { finrax: { displayCurrency: 'EUR' } },
});

// An operation for which Finrax declares no schema takes any options object.
void paymux.createRefund({ paymentId: 'pay_1', providerOptions: { finrax: { anything: 1 } } });
