// Compile-time tests of `providerOptions.defexa` through the client: `tsc` (the package's
// typecheck) fails when a line marked `@ts-expect-error` compiles, or when a positive case stops
// compiling.
import { plugin as defexa } from '@paymux/defexa';
import { expectTypeOf } from 'vitest';
import { createPaymux } from '../client/create-paymux';

const paymux = createPaymux({
  plugins: [defexa],
  providers: { crypto: { type: 'defexa', merchantPrivateKey: 'k' } },
});
const amount = { amount: '10.00', currency: 'EUR' };
const destination = { asset: { symbol: 'USDT', network: 'tron' }, address: 'TXYZ' };

expectTypeOf(defexa.type).toEqualTypeOf<'defexa'>();

// createPayment.
void paymux.createPayment({
  reference: 'r1',
  amount,
  providerOptions: { defexa: { payFeeForClient: true, autoexchange: true, exchangeCurrency: 'USDT' } },
});
void paymux.createPayment({
  reference: 'r2',
  amount,
  // @ts-expect-error payFeeForClients is a misspelt payFeeForClient
  providerOptions: { defexa: { payFeeForClients: true } },
});
void paymux.createPayment({
  reference: 'r3',
  amount,
  // @ts-expect-error payFeeForClient is a boolean
  providerOptions: { defexa: { payFeeForClient: 'yes' } },
});

// The payout options, shared by createPayout, createPayoutBatch and estimatePayoutFee.
void paymux.createPayout({
  reference: 'p1',
  amount,
  destination,
  providerOptions: { defexa: { fromAddress: 'TABC' } },
});
void paymux.createPayout({
  reference: 'p2',
  amount,
  destination,
  // @ts-expect-error fromAdress is a misspelt fromAddress
  providerOptions: { defexa: { fromAdress: 'TABC' } },
});
void paymux.createPayoutBatch({
  reference: 'b1',
  payouts: [{ reference: 'b1-1', amount, destination }],
  providerOptions: { defexa: { callbackUrl: 'https://shop.example/hooks' } },
});
void paymux.createPayoutBatch({
  reference: 'b2',
  payouts: [{ reference: 'b2-1', amount, destination }],
  // @ts-expect-error callbackUrl is a string
  providerOptions: { defexa: { callbackUrl: 42 } },
});
void paymux.estimatePayoutFee({ amount, destination, providerOptions: { defexa: { fromAddress: 'TABC' } } });
void paymux.estimatePayoutFee({
  amount,
  destination,
  // @ts-expect-error estimatePayoutFee takes the payout options, not the payment ones
  providerOptions: { defexa: { payFeeForClient: true } },
});

// The list operations.
void paymux.listPayments({ providerOptions: { defexa: { typeName: 'UNLIMITED' } } });
// @ts-expect-error typeName is SINGLE or UNLIMITED
void paymux.listPayments({ providerOptions: { defexa: { typeName: 'single' } } });
void paymux.listPayouts({ providerOptions: { defexa: { type: 'mass' } } });
// @ts-expect-error listPayouts takes type, not typeName
void paymux.listPayouts({ providerOptions: { defexa: { typeName: 'SINGLE' } } });

// createRefund.
void paymux.createRefund({ paymentId: 'pay_1', providerOptions: { defexa: { paymentToken: 'tok_1' } } });
// @ts-expect-error paymentTokn is a misspelt paymentToken
void paymux.createRefund({ paymentId: 'pay_1', providerOptions: { defexa: { paymentTokn: 'tok_1' } } });
