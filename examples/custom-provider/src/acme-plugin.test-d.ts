// Compile-time tests of the Acme plug-in through the client: `tsc` (the example's typecheck)
// fails when a line marked `@ts-expect-error` compiles, or when a positive case stops compiling.
import { createPaymux } from '@paymux/client';
import { expectTypeOf } from 'vitest';
import { acmePlugin } from './acme-provider';

const paymux = createPaymux({
  plugins: [acmePlugin],
  providers: { acme: { type: 'acme', apiKey: 'ak_1', webhookSecret: 'wh_1' } },
});
const amount = { amount: '40.00', currency: 'EUR' };

expectTypeOf(acmePlugin.type).toEqualTypeOf<'acme'>();
void paymux.createPayment({ reference: 'r1', amount, providerOptions: { acme: {} } });
// @ts-expect-error Acme takes no createPayment option: payCurrency is a typo of payWith
void paymux.createPayment({ reference: 'r2', amount, providerOptions: { acme: { payCurrency: 'BTC' } } });
// @ts-expect-error no plugin has type acmee
void paymux.createPayment({ reference: 'r3', amount, providerOptions: { acmee: {} } });
createPaymux({
  plugins: [acmePlugin],
  // @ts-expect-error webhookSecret is a string
  providers: { acme: { type: 'acme', apiKey: 'ak_1', webhookSecret: 1 } },
});
