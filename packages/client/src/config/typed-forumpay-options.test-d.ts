// Compile-time tests of `providerOptions.forumpay` through the client: `tsc` (the package's
// typecheck) fails when a line marked `@ts-expect-error` compiles, or when a positive case stops
// compiling.
import { type ForumpayCreatePaymentOptions, plugin as forumpay } from '@paymux/forumpay';
import { expectTypeOf } from 'vitest';
import type { z } from 'zod';
import { createPaymux } from '../client/create-paymux';

const paymux = createPaymux({
  plugins: [forumpay],
  providers: { pos: { type: 'forumpay', user: 'u', secret: 's', posId: 'WEB1' } },
});
const amount = { amount: '10.00', currency: 'EUR' };
const payWith = { symbol: 'BTC' };

// The options of createPayment are the input of the schema the adapter parses them with.
expectTypeOf<
  NonNullable<NonNullable<Parameters<typeof paymux.createPayment>[0]['providerOptions']>['forumpay']>
>().toEqualTypeOf<z.input<NonNullable<typeof forumpay.providerOptionsSchemas>['createPayment']>>();
expectTypeOf<ForumpayCreatePaymentOptions>().toExtend<
  z.input<NonNullable<typeof forumpay.providerOptionsSchemas>['createPayment']>
>();

// createPayment.
void paymux.createPayment({
  reference: 'r1',
  amount,
  payWith,
  providerOptions: { forumpay: { autoAcceptUnderpayment: true, autoAcceptUnderpaymentMin: '5' } },
});
void paymux.createPayment({
  reference: 'r2',
  amount,
  payWith,
  // @ts-expect-error autoAcceptUnderpaiment is a misspelt autoAcceptUnderpayment
  providerOptions: { forumpay: { autoAcceptUnderpaiment: true } },
});
void paymux.createPayment({
  reference: 'r3',
  amount,
  payWith,
  // @ts-expect-error a decimal is a string, never a number
  providerOptions: { forumpay: { autoAcceptUnderpaymentMin: 5 } },
});

// getQuote takes the rate options only.
void paymux.getQuote({
  amount,
  payWith,
  providerOptions: { forumpay: { currency: 'BTC', acceptZeroConfirmations: true } },
});
// @ts-expect-error payerEmail is a createPayment option, not a quote one
void paymux.getQuote({ amount, payWith, providerOptions: { forumpay: { payerEmail: 'a@b.example' } } });

// cancelPayment and acceptUnderpayment.
void paymux.cancelPayment({
  paymentId: 'pay_1',
  providerOptions: { forumpay: { reason: 'other', comment: 'out of stock' } },
});
// @ts-expect-error reasons is a misspelt reason
void paymux.cancelPayment({ paymentId: 'pay_1', providerOptions: { forumpay: { reasons: 'other' } } });
void paymux.acceptUnderpayment({
  paymentId: 'pay_1',
  providerOptions: { forumpay: { acceptedInvoiceAmount: '9.50' } },
});
void paymux.acceptUnderpayment({
  paymentId: 'pay_1',
  // @ts-expect-error acceptedInvoiceAmount is a decimal string
  providerOptions: { forumpay: { acceptedInvoiceAmount: 9.5 } },
});

// The operations that take no ForumPay option refuse any key.
void paymux.listPayments({ providerOptions: { forumpay: {} } });
// @ts-expect-error listPayments takes no ForumPay option
void paymux.listPayments({ providerOptions: { forumpay: { posId: 'WEB2' } } });
// @ts-expect-error createRefund takes no ForumPay option
void paymux.createRefund({ paymentId: 'pay_1', providerOptions: { forumpay: { reason: 'other' } } });
