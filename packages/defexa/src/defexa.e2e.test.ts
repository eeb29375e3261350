import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '@paymux/core';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDefexaPaymentId } from './defexa-ids';
import { createDefexa, type DefexaProvider } from './defexa-provider';

// End to end over loopback: the adapter against @paymux/sandbox's Defexa emulator, with the
// sandbox's callbacks received by a local node:http server and parsed by parseWebhook.

let sandbox: Sandbox;
let provider: DefexaProvider;
let hookServer: Server;
let hookUrl: string;
const events: WebhookEvent[] = [];
const refusals: string[] = [];
const waiters: { match: (event: WebhookEvent) => boolean; resolve: (event: WebhookEvent) => void }[] = [];

function waitForEvent(match: (event: WebhookEvent) => boolean, timeoutMs = 10_000): Promise<WebhookEvent> {
  const seen = events.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no matching event; refusals: ${refusals.join('; ')}`)),
      timeoutMs,
    );
    waiters.push({
      match,
      resolve: (event) => {
        clearTimeout(timer);
        resolve(event);
      },
    });
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  provider = createDefexa(
    {
      merchantPrivateKey: sandbox.providers.defexa.merchantPrivateKey,
      baseUrl: sandbox.providers.defexa.baseUrl,
      timeoutMs: 5000,
    },
    { account: 'e2e' },
  );
  hookServer = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      provider
        .parseWebhook({ rawBody: Buffer.concat(chunks), headers: request.headers }, { now: () => new Date() })
        .then((result) => {
          for (const event of result.events) {
            events.push(event);
            for (const waiter of waiters.filter((item) => item.match(event))) waiter.resolve(event);
          }
          response.writeHead(result.response.status, result.response.headers).end(result.response.body);
        })
        .catch((error: unknown) => {
          refusals.push(String((error as Error).message));
          response.writeHead(500).end();
        });
    });
  });
  hookServer.listen(0, '127.0.0.1');
  await once(hookServer, 'listening');
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/defexa`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => hookServer.close(() => resolve()));
  await sandbox.close();
});

describe('defexa against the sandbox', () => {
  it('hosted: charge, pay, confirm, read back as succeeded, and receive the webhook', async () => {
    const payment = await provider.createPayment({
      reference: 'e2e-hosted-1',
      amount: { amount: '10', currency: 'ALGO' },
      returnUrl: 'https://shop.example/done',
      webhookUrl: hookUrl,
    });
    expect(payment).toMatchObject({
      status: 'requires_payment',
      flow: 'hosted',
      amount: { amount: '10', currency: 'ALGO' },
    });
    expect(payment.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // The charge is known by its shop order id (Defexa's order number may differ).
    expect(decodeDefexaPaymentId(payment.id).shopOrderId).toBe('e2e-hosted-1');
    sandbox.control.pay({ provider: 'defexa', id: 'e2e-hosted-1' });
    sandbox.control.confirm({ provider: 'defexa', id: 'e2e-hosted-1' });
    const read = await provider.getPayment(payment.id);
    expect(read).toMatchObject({
      status: 'succeeded',
      reference: 'e2e-hosted-1',
      received: { amount: '10', currency: 'ALGO' },
      amountDelta: 'exact',
    });
    const event = await waitForEvent(
      (item) =>
        item.object === 'payment' &&
        item.type === 'payment.succeeded' &&
        item.data.reference === 'e2e-hosted-1',
    );
    expect(event).toMatchObject({ provider: 'e2e', verifiedBy: 'refetch', data: { status: 'succeeded' } });
  });

  it('deposit_address: a static address per customer, paid and read back', async () => {
    const payment = await provider.createPayment({
      reference: 'e2e-deposit-1',
      amount: { amount: '0.5', currency: 'ETH' },
      flow: 'deposit_address',
      customer: { id: 'customer-42' },
      webhookUrl: hookUrl,
    });
    expect(payment.payIn?.address).toBeTruthy();
    const again = await provider.createPayment({
      reference: 'e2e-deposit-1',
      amount: { amount: '0.5', currency: 'ETH' },
      flow: 'deposit_address',
      customer: { id: 'customer-42' },
      webhookUrl: hookUrl,
    });
    expect(again.payIn?.address).toBe(payment.payIn?.address);
    sandbox.control.pay({ provider: 'defexa', id: payment.payIn!.address, amount: '0.5' });
    sandbox.control.confirm({ provider: 'defexa', id: payment.payIn!.address });
    // Defexa's records do not name the address a deposit reached (the seed's show none): the
    // deposit is known from its confirmed callback, and read back by its token afterwards.
    await waitForEvent(
      (item) =>
        item.object === 'payment' &&
        item.type === 'payment.succeeded' &&
        item.data.reference === 'customer-42',
    );
    const read = await provider.getPayment(payment.id);
    expect(read).toMatchObject({ status: 'succeeded', flow: 'deposit_address', amountDelta: 'exact' });
  });

  it('AML: a held payment is on_hold and can be refunded to an address', async () => {
    const payment = await provider.createPayment({
      reference: 'e2e-aml-1',
      amount: { amount: '3', currency: 'ALGO' },
      returnUrl: 'https://shop.example/done',
      webhookUrl: hookUrl,
    });
    sandbox.control.pay({ provider: 'defexa', id: 'e2e-aml-1' });
    sandbox.control.hold({ provider: 'defexa', id: 'e2e-aml-1' });
    // The hold takes effect when the funds confirm: they then wait in aml_refunds.
    sandbox.control.confirm({ provider: 'defexa', id: 'e2e-aml-1' });
    const held = await provider.getPayment(payment.id);
    expect(held).toMatchObject({ status: 'on_hold', rawStatus: 'aml_pending' });
    const refund = await provider.createRefund({
      paymentId: held.id,
      destination: { address: 'REFUND-ADDRESS-1' },
    });
    expect(refund).toMatchObject({ status: 'pending', amount: { amount: '3', currency: 'ALGO' } });
    const after = await provider.getPayment(held.id);
    expect(after.status).not.toBe('on_hold');
  });

  it('payout: created from the wallet, approved, read back, and notified', async () => {
    const [balance] = (await provider.getBalances()).filter((item) => item.currency === 'ALGO');
    expect(balance?.address).toBeTruthy();
    const estimate = await provider.estimatePayoutFee({
      amount: { amount: '1', currency: 'ALGO' },
      destination: { asset: { symbol: 'ALGO', network: 'algorand' }, address: 'TARGETADDRESS1' },
    });
    expect(estimate.fee.currency).toBe('ALGO');
    const payout = await provider.createPayout({
      reference: 'e2e-payout-1',
      amount: { amount: '1', currency: 'ALGO' },
      destination: { asset: { symbol: 'ALGO', network: 'algorand' }, address: 'TARGETADDRESS1' },
      providerOptions: { defexa: { callbackUrl: hookUrl } },
    });
    expect(payout).toMatchObject({ status: 'pending', reference: 'e2e-payout-1' });
    sandbox.control.approvePayout({ provider: 'defexa', id: 'e2e-payout-1' });
    const read = await provider.getPayout(payout.id);
    expect(read).toMatchObject({ status: 'succeeded', amount: { amount: '1', currency: 'ALGO' } });
    await waitForEvent((item) => item.object === 'payout' && item.type === 'payout.succeeded');
    const duplicate = await provider
      .createPayout({
        reference: 'e2e-payout-1',
        amount: { amount: '1', currency: 'ALGO' },
        destination: { asset: { symbol: 'ALGO', network: 'algorand' }, address: 'TARGETADDRESS1' },
      })
      .catch((error: unknown) => error);
    expect(duplicate).toMatchObject({ code: 'duplicate_reference' });
  });

  it('hosted: createPayment, getPayment, listPayments and the webhook give one id', async () => {
    const created = await provider.createPayment({
      reference: 'e2e-ids-hosted',
      amount: { amount: '4', currency: 'ALGO' },
      returnUrl: 'https://shop.example/done',
      webhookUrl: hookUrl,
    });
    sandbox.control.pay({ provider: 'defexa', id: 'e2e-ids-hosted' });
    sandbox.control.confirm({ provider: 'defexa', id: 'e2e-ids-hosted' });
    const event = await waitForEvent(
      (item) =>
        item.object === 'payment' &&
        item.type === 'payment.succeeded' &&
        item.data.reference === 'e2e-ids-hosted',
    );
    const read = await provider.getPayment(created.id);
    const listed = await provider.listPayments({ reference: 'e2e-ids-hosted' });
    expect(read.status).toBe('succeeded');
    expect(listed.items).toHaveLength(1);
    expect([read.id, listed.items[0]?.id, event.data.id]).toEqual([created.id, created.id, created.id]);
    expect((await provider.getPayment(read.id)).id).toBe(created.id);
    const eventPayment = event.object === 'payment' ? event.data : undefined;
    expect(new Set([read, listed.items[0], eventPayment].map((item) => item?.providerPaymentId))).toEqual(
      new Set([created.providerPaymentId]),
    );
  });

  it('deposit_address: createPayment, getPayment, listPayments and the webhook give one id', async () => {
    const created = await provider.createPayment({
      reference: 'e2e-ids-deposit',
      amount: { amount: '0.2', currency: 'ETH' },
      flow: 'deposit_address',
      customer: { id: 'customer-ids-1' },
      webhookUrl: hookUrl,
    });
    const address = created.payIn!.address;
    sandbox.control.pay({ provider: 'defexa', id: address, amount: '0.2' });
    sandbox.control.confirm({ provider: 'defexa', id: address });
    const event = await waitForEvent(
      (item) =>
        item.object === 'payment' &&
        item.type === 'payment.succeeded' &&
        item.data.reference === 'customer-ids-1',
    );
    const read = await provider.getPayment(created.id);
    const listed = (await provider.listPayments()).items.filter((item) => item.payIn?.address === address);
    expect(read).toMatchObject({ status: 'succeeded', amount: { amount: '0.2', currency: 'ETH' } });
    expect(listed).toHaveLength(1);
    expect([read.id, listed[0]?.id, event.data.id]).toEqual([created.id, created.id, created.id]);
    const eventPayment = event.object === 'payment' ? event.data : undefined;
    expect(new Set([read, listed[0], eventPayment].map((item) => item?.providerPaymentId))).toEqual(
      new Set([created.providerPaymentId]),
    );
  });

  it('hosted: an underpayment is reported from what arrived, and the top-up completes it', async () => {
    const payment = await provider.createPayment({
      reference: 'e2e-under-1',
      amount: { amount: '10', currency: 'ALGO' },
      returnUrl: 'https://shop.example/done',
      webhookUrl: hookUrl,
    });
    sandbox.control.pay({ provider: 'defexa', id: 'e2e-under-1', amount: '6', confirmations: 1 });
    const short = await waitForEvent(
      (item) => item.object === 'payment' && item.data.reference === 'e2e-under-1',
    );
    expect(short.data).toMatchObject({ received: { amount: '6', currency: 'ALGO' }, amountDelta: 'under' });
    expect(await provider.getPayment(payment.id)).toMatchObject({
      status: 'processing',
      amount: { amount: '10', currency: 'ALGO' },
      received: { amount: '6', currency: 'ALGO' },
      amountDelta: 'under',
    });
    sandbox.control.pay({ provider: 'defexa', id: 'e2e-under-1', amount: '4', confirmations: 1 });
    await waitForEvent(
      (item) =>
        item.object === 'payment' &&
        item.type === 'payment.succeeded' &&
        item.data.reference === 'e2e-under-1',
    );
    expect(await provider.getPayment(payment.id)).toMatchObject({
      status: 'succeeded',
      received: { amount: '10', currency: 'ALGO' },
      amountDelta: 'exact',
    });
  });

  it('hosted: an overpayment is reported as received more than asked', async () => {
    const payment = await provider.createPayment({
      reference: 'e2e-over-1',
      amount: { amount: '5', currency: 'ALGO' },
      returnUrl: 'https://shop.example/done',
      webhookUrl: hookUrl,
    });
    sandbox.control.pay({ provider: 'defexa', id: 'e2e-over-1', amount: '5.5', confirmations: 1 });
    const event = await waitForEvent(
      (item) =>
        item.object === 'payment' &&
        item.type === 'payment.succeeded' &&
        item.data.reference === 'e2e-over-1',
    );
    expect(event.data).toMatchObject({ received: { amount: '5.5', currency: 'ALGO' }, amountDelta: 'over' });
    const read = await provider.getPayment(payment.id);
    expect(read).toMatchObject({ status: 'succeeded', amountDelta: 'over' });
    expect(read.transfers).toHaveLength(1);
  });

  it('refused no genuine callback of the sandbox', () => {
    expect(refusals).toEqual([]);
  });
});
