import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PaymentEvent, ProviderRejectedError, type RefundEvent } from '@paymux/core';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForumpay, type ForumpayProvider } from './forumpay-provider';
import type { ForumpaySettingsInput } from './forumpay-settings';

// End to end against @paymux/sandbox over loopback: the adapter talks HTTP to the ForumPay
// emulator, the sandbox plays the customer and the chain, and its webhooks reach a node:http
// receiver that answers with what parseWebhook returns.

let sandbox: Sandbox;
let receiver: http.Server;
let webhookUrl: string;
/** Delivered to an adapter instance that starts afresh for each notification (a restart, or another instance without shared state). */
let restartedWebhookUrl: string;
let forumpay: ForumpayProvider;
const events: PaymentEvent[] = [];
const refundEvents: RefundEvent[] = [];
const webhookFailures: unknown[] = [];

function account(settings: Partial<ForumpaySettingsInput> = {}): ForumpayProvider {
  const { baseUrl, apiUser, apiSecret, posId } = sandbox.providers.forumpay;
  return createForumpay(
    { user: apiUser, secret: apiSecret, posId, baseUrl, ...settings },
    { account: 'e2e' },
  );
}

async function eventually<T>(read: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  sandbox = await startSandbox();
  forumpay = account();
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const handler = request.url?.endsWith('/restarted') ? account() : forumpay;
      handler
        .parseWebhook(
          {
            rawBody: Buffer.concat(chunks),
            headers: request.headers,
            method: request.method,
            url: request.url,
          },
          { now: () => new Date() },
        )
        .then(
          (result) => {
            events.push(
              ...result.events.filter((event): event is PaymentEvent => event.object === 'payment'),
            );
            refundEvents.push(
              ...result.events.filter((event): event is RefundEvent => event.object === 'refund'),
            );
            response.writeHead(result.response.status, result.response.headers).end(result.response.body);
          },
          (error: unknown) => {
            webhookFailures.push(error);
            response.writeHead(400).end();
          },
        );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/forumpay/webhook`;
  restartedWebhookUrl = `${webhookUrl}/restarted`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => receiver?.close(() => resolve()) ?? resolve());
  await sandbox?.close();
});

describe('forumpay against @paymux/sandbox', () => {
  it('creates a payment, is paid and confirmed, reads it back, and verifies its webhook', async () => {
    const created = await forumpay.createPayment({
      reference: 'e2e-order-1',
      amount: { amount: '25.00', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
      webhookUrl,
    });
    expect(created).toMatchObject({
      status: 'requires_payment',
      rawStatus: 'waiting',
      flow: 'deposit_address',
    });
    expect(created.payIn?.address).toBeTruthy();
    expect(created.checkoutUrl).toContain(sandbox.url);

    sandbox.control.pay({ provider: 'forumpay', id: created.providerPaymentId, kind: 'exact' });
    sandbox.control.confirm({ provider: 'forumpay', id: created.providerPaymentId });

    const read = await forumpay.getPayment(created.id);
    expect(read).toMatchObject({
      id: created.id,
      reference: 'e2e-order-1',
      status: 'succeeded',
      rawStatus: 'confirmed',
      amountDelta: 'exact',
      received: created.payIn?.amount,
    });

    const event = await eventually(
      () => events.find((item) => item.data.id === created.id && item.type === 'payment.succeeded'),
      'the payment.succeeded webhook',
    );
    expect(event).toMatchObject({ provider: 'e2e', verifiedBy: 'refetch', object: 'payment' });
    const delivery = await sandbox.control.waitForWebhook({
      provider: 'forumpay',
      bodyIncludes: created.providerPaymentId,
      state: 'delivered',
    });
    expect(delivery.attempts.at(-1)?.status).toBe(200);

    const refund = await forumpay.createRefund({
      paymentId: created.id,
      destination: { address: 'bc1qe2erefunddestination' },
    });
    expect(refund).toMatchObject({ status: 'pending', amount: created.payIn?.amount });
    // The refund is announced as a refund event of its own, not folded into the confirmation.
    const refundEvent = await eventually(
      () => refundEvents.find((item) => item.data.id === refund.id),
      'the refund webhook',
    );
    expect(refundEvent).toMatchObject({ type: 'refund.created', data: { status: 'pending' } });
    expect(refundEvent.id).not.toBe(event.id);
    await expect(forumpay.getRefund(refund.id)).resolves.toMatchObject({
      id: refund.id,
      status: 'pending',
      rawStatus: 'Pending',
    });
    // ForumPay answers a refused call with HTTP 200 and `err`: still an error.
    await expect(forumpay.cancelPayment({ paymentId: created.id })).rejects.toSatisfy(
      (error: unknown) =>
        ProviderRejectedError.is(error) && (error as ProviderRejectedError).httpStatus === 200,
    );
  });

  it('verifies a notification without address for a payment older than the newest 100, after a restart', async () => {
    const created = await forumpay.createPayment({
      reference: 'e2e-order-old',
      amount: { amount: '30.00', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
      webhookUrl: restartedWebhookUrl,
    });
    for (let index = 0; index < 101; index += 1) {
      await forumpay.api.startPayment({
        invoice_currency: 'EUR',
        invoice_amount: '1.00',
        currency: 'ETH',
        payment_id: `e2e-filler-${index}`,
        reference_no: `e2e-filler-${index}`,
      });
    }
    sandbox.control.pay({
      provider: 'forumpay',
      id: created.providerPaymentId,
      kind: 'exact',
      confirmations: 1,
    });
    const event = await eventually(
      () => events.find((item) => item.data.id === created.id && item.type === 'payment.succeeded'),
      'the payment.succeeded webhook of the old payment',
    );
    expect(event).toMatchObject({
      verifiedBy: 'refetch',
      data: { payIn: { address: created.payIn?.address } },
    });
  });

  it('reports an underpayment with what is missing, then accepts it (StartPayment sent as GET)', async () => {
    const viaGet = account({ startPaymentMethod: 'GET' });
    const created = await viaGet.createPayment({
      reference: 'e2e-order-2',
      amount: { amount: '40.00', currency: 'EUR' },
      payWith: { symbol: 'LTC', network: 'litecoin' },
      webhookUrl,
    });
    sandbox.control.pay({
      provider: 'forumpay',
      id: created.providerPaymentId,
      kind: 'short',
      confirmations: 6,
    });
    const underpaid = await viaGet.getPayment(created.id);
    expect(underpaid).toMatchObject({ status: 'requires_payment', amountDelta: 'under' });
    expect(underpaid.missing?.currency).toBe('LTC');
    const underpaidEvent = await eventually(
      () => events.find((item) => item.data.id === created.id && item.type === 'payment.underpaid'),
      'the payment.underpaid webhook',
    );
    expect(underpaidEvent.data.amountDelta).toBe('under');

    const accepted = await viaGet.acceptUnderpayment({ paymentId: created.id });
    expect(accepted).toMatchObject({ status: 'succeeded', amountDelta: 'under' });
  });

  it('cancels a payment nobody paid', async () => {
    const created = await forumpay.createPayment({
      reference: 'e2e-order-3',
      amount: { amount: '5.00', currency: 'EUR' },
      payWith: { symbol: 'ETH' },
      webhookUrl,
    });
    const cancelled = await forumpay.cancelPayment({ paymentId: created.id, reason: 'customer left' });
    expect(cancelled).toMatchObject({ status: 'cancelled', rawStatus: 'cancelled' });
    await eventually(
      () => events.find((item) => item.data.id === created.id && item.type === 'payment.cancelled'),
      'the payment.cancelled webhook',
    );
  });

  it('reports a KYT hold as on_hold', async () => {
    const created = await forumpay.createPayment({
      reference: 'e2e-order-4',
      amount: { amount: '12.00', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
    });
    sandbox.control.pay({ provider: 'forumpay', id: created.providerPaymentId, kind: 'excess' });
    sandbox.control.hold({ provider: 'forumpay', id: created.providerPaymentId });
    await expect(forumpay.getPayment(created.id)).resolves.toMatchObject({
      status: 'on_hold',
      rawStatus: 'blocked',
      amountDelta: 'over',
    });
  });

  it('lists payments, currencies and quotes', async () => {
    const page = await forumpay.listPayments({ limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBe('2');
    const next = await forumpay.listPayments({ limit: 2, cursor: page.nextCursor });
    expect(next.items.length).toBeGreaterThan(0);
    const currencies = await forumpay.listCurrencies();
    expect(currencies.map((currency) => currency.symbol)).toContain('BTC');
    const quote = await forumpay.getQuote({
      amount: { amount: '10', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
    });
    expect(quote.to.currency).toBe('BTC');
    expect(webhookFailures).toEqual([]);
  });

  it('refuses wrong credentials with AuthenticationError', async () => {
    await expect(account({ secret: 'wrong-secret-0000' }).listCurrencies()).rejects.toMatchObject({
      code: 'authentication_error',
      httpStatus: 401,
    });
  });
});
