import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPaymux } from '@paymux/client';
import type { Payment, WebhookEvent } from '@paymux/core';
import { startAcmeApi } from './acme-api-server';
import { acmePlugin } from './acme-provider';

/** What one run of the example saw. */
export interface AcmeCheckoutRun {
  created: Payment;
  /** The same order created again: Acme answers the first payment. */
  repeated: Payment;
  /** The verified events the webhook endpoint emitted, in order. */
  events: WebhookEvent[];
  /** The payment read back after the customer paid. */
  paid: Payment;
  /** Payments Acme holds at the end (one: the repeat made none). */
  paymentsAtAcme: number;
}

/**
 * The whole example: the Acme plug-in used from plain config, next to (or instead of) the
 * built-in providers, with a webhook endpoint, without any change to paymux.
 *
 * @example
 * const run = await runAcmeCheckout();
 * console.log(run.paid.status); // 'succeeded'
 */
export async function runAcmeCheckout(log: (line: string) => void = () => {}): Promise<AcmeCheckoutRun> {
  const acme = await startAcmeApi();
  const paymux = createPaymux({
    plugins: [acmePlugin],
    providers: {
      acme: { type: 'acme', apiKey: acme.apiKey, webhookSecret: acme.webhookSecret, baseUrl: acme.url },
    },
    routing: { default: 'acme' },
    // The emulator forgets its payments when it stops; an application leaves `store` out.
    store: 'memory:',
  });
  const events: WebhookEvent[] = [];
  paymux.on('payment.succeeded', (event) => {
    events.push(event);
    log(`webhook: ${event.type} for ${event.data.reference} (verified by ${event.verifiedBy})`);
  });
  // The merchant's webhook endpoint: a plain node:http server, the body read raw by paymux.
  const webhooks = createServer(paymux.webhooks.toNodeHandler('acme'));
  await new Promise<void>((resolve) => webhooks.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(webhooks.address() as AddressInfo).port}/webhooks/acme`;

  try {
    const order = {
      reference: 'order-acme-1',
      amount: { amount: '40.00', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
      webhookUrl,
    };
    const created = await paymux.createPayment(order);
    log(
      `created ${created.id}: pay ${created.payIn?.amount?.amount} ${created.payIn?.amount?.currency} to ${created.payIn?.address}`,
    );
    // A new idempotency key, the same order: Acme recognises its order_id and creates nothing.
    const repeated = await paymux.createPayment({ ...order, idempotencyKey: 'second-attempt' });
    await acme.pay(created.providerPaymentId);
    const paid = await paymux.getPayment(created.id, { account: 'acme' });
    log(
      `read back: ${paid.status}, received ${paid.received?.amount} ${paid.received?.currency} (${paid.amountDelta})`,
    );
    return { created, repeated, events, paid, paymentsAtAcme: acme.paymentCount() };
  } finally {
    webhooks.closeAllConnections();
    await new Promise<void>((resolve) => webhooks.close(() => resolve()));
    await acme.close();
  }
}
