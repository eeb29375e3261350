import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '@paymux/sandbox';
import { paymentSchema, payoutSchema, webhookEventSchema } from '@paymux/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFinrax, type FinraxProvider } from './finrax-provider';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** A callback as the merchant's server received it. */
interface ReceivedCallback {
  path: string;
  rawBody: string;
  headers: IncomingHttpHeaders;
}

/** The merchant's callback endpoint: a loopback server that records what Finrax sends. */
async function startCallbackServer() {
  const received: ReceivedCallback[] = [];
  const waiters: {
    match: (callback: ReceivedCallback) => boolean;
    resolve: (callback: ReceivedCallback) => void;
  }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const callback = {
        path: request.url ?? '',
        rawBody: Buffer.concat(chunks).toString('utf8'),
        headers: request.headers,
      };
      received.push(callback);
      for (const waiter of [...waiters]) {
        if (waiter.match(callback)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(callback);
        }
      }
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** The first callback (already received or still to come) that matches. */
    waitFor(match: (callback: ReceivedCallback) => boolean, timeoutMs = 5000): Promise<ReceivedCallback> {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching callback arrived')), timeoutMs);
        waiters.push({
          match,
          resolve: (callback) => {
            clearTimeout(timer);
            resolve(callback);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sandbox: Sandbox;
let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
let finrax: FinraxProvider;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  callbacks = await startCallbackServer();
  sandbox.control.setFinraxCallbackUrls({
    deposit: `${callbacks.url}/deposit`,
    withdrawal: `${callbacks.url}/withdrawal`,
    withdrawalApproval: `${callbacks.url}/approval`,
  });
  const { baseUrl, apiKey, apiSecret, businessId, callbackPublicKey } = sandbox.providers.finrax;
  // Finrax requires a display currency on every withdrawal: the crypto-sized payout below uses the
  // account's (there is no built-in default).
  finrax = createFinrax(
    { baseUrl, apiKey, apiSecret, businessId, callbackPublicKey, defaultDisplayCurrency: 'EUR' },
    { account: 'e2e' },
  );
});

afterAll(async () => {
  await callbacks?.close();
  await sandbox?.close();
});

const bodyOf = (callback: ReceivedCallback) => JSON.parse(callback.rawBody) as Record<string, unknown>;
const asRequest = (callback: ReceivedCallback) => ({
  rawBody: callback.rawBody,
  headers: callback.headers as Record<string, string | string[] | undefined>,
});

describe('Finrax adapter against @paymux/sandbox', () => {
  it('pays a deposit-address payment to the end and verifies its signed callback', async () => {
    const created = await finrax.createPayment({
      reference: 'e2e-order-1',
      amount: { amount: '50', currency: 'EUR' },
      flow: 'deposit_address',
      payWith: { symbol: 'USDT', network: 'ethereum' },
    });
    expect(paymentSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({ flow: 'deposit_address', status: 'requires_payment', provider: 'e2e' });
    expect(created.payIn?.asset).toEqual({ symbol: 'USDT', network: 'ethereum' });
    expect(created.payIn?.amount?.currency).toBe('USDT');

    sandbox.control.pay({ provider: 'finrax', id: created.providerPaymentId, kind: 'exact' });
    sandbox.control.confirm({ provider: 'finrax', id: created.providerPaymentId });

    const paid = await finrax.getPayment(created.id);
    expect(paid).toMatchObject({ status: 'succeeded', rawStatus: 'DEPOSITED', amountDelta: 'exact' });
    expect(paid.transfers).toHaveLength(1);
    expect(paid.received).toEqual(created.payIn?.amount);

    const callback = await callbacks.waitFor(
      (item) =>
        item.path === '/deposit' &&
        bodyOf(item).paymentId === created.providerPaymentId &&
        bodyOf(item).status === 'CONFIRMED',
    );
    const { events, response } = await finrax.parseWebhook(asRequest(callback), { now: () => new Date() });
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(webhookEventSchema.parse(event)).toBeTruthy();
    expect(event).toMatchObject({ object: 'payment', type: 'payment.succeeded', verifiedBy: 'signature' });
    expect(event?.data.id).toBe(created.id);

    // Finrax's retries (every 2 minutes for 24 hours) carry the first attempt's Timestamp, as the
    // sandbox sends them: the same delivery handled 30 minutes on is accepted, as the same event.
    const later = await finrax.parseWebhook(asRequest(callback), {
      now: () => new Date(Date.now() + 30 * 60_000),
    });
    expect(later.events.map((item) => item.id)).toEqual([event?.id]);

    const tampered = { ...asRequest(callback), rawBody: callback.rawBody.replace('CONFIRMED', 'CONFIRMEE') };
    await expect(finrax.parseWebhook(tampered, { now: () => new Date() })).rejects.toMatchObject({
      code: 'webhook_verification_failed',
    });
  });

  it('reports an underpaid payment, then lists it by reference', async () => {
    const created = await finrax.createPayment({
      reference: 'e2e-order-2',
      amount: { amount: '20', currency: 'EUR' },
      flow: 'deposit_address',
      payWith: { symbol: 'BTC' },
    });
    sandbox.control.pay({ provider: 'finrax', id: created.providerPaymentId, kind: 'short' });
    sandbox.control.confirm({ provider: 'finrax', id: created.providerPaymentId });
    const payment = await finrax.getPayment(created.id);
    expect(payment).toMatchObject({ status: 'requires_payment', amountDelta: 'under' });
    expect(payment.missing?.currency).toBe('BTC');
    const page = await finrax.listPayments({ reference: 'e2e-order-2' });
    expect(page.items.map((item) => item.id)).toEqual([created.id]);
  });

  it('creates a hosted payment and sees it expire', async () => {
    const created = await finrax.createPayment({
      reference: 'e2e-order-3',
      amount: { amount: '10', currency: 'EUR' },
    });
    expect(created.flow).toBe('hosted');
    expect(created.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/finrax\/deposit\//);
    sandbox.control.expire({ provider: 'finrax', id: created.providerPaymentId });
    await expect(finrax.getPayment(created.id)).resolves.toMatchObject({
      status: 'expired',
      rawStatus: 'EXPIRED',
    });
  });

  it('refuses a duplicate reference with DuplicateReferenceError', async () => {
    await expect(
      finrax.createPayment({ reference: 'e2e-order-3', amount: { amount: '10', currency: 'EUR' } }),
    ).rejects.toMatchObject({ code: 'duplicate_reference', httpStatus: 409 });
  });

  it('sends a payout, completes it and verifies the withdrawal callback', async () => {
    const payout = await finrax.createPayout({
      reference: 'e2e-payout-1',
      amount: { amount: '25', currency: 'USDT' },
      destination: {
        asset: { symbol: 'USDT', network: 'tron' },
        address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
      },
    });
    expect(payoutSchema.parse(payout)).toEqual(payout);
    expect(payout).toMatchObject({ status: 'pending', amount: { amount: '25', currency: 'USDT' } });
    sandbox.control.approvePayout({ provider: 'finrax', id: payout.providerPayoutId });
    await expect(finrax.getPayout(payout.id)).resolves.toMatchObject({ status: 'succeeded' });
    const callback = await callbacks.waitFor(
      (item) => item.path === '/withdrawal' && bodyOf(item).withdrawalId === payout.providerPayoutId,
    );
    const { events } = await finrax.parseWebhook(asRequest(callback), { now: () => new Date() });
    expect(events[0]).toMatchObject({ object: 'payout', type: 'payout.succeeded', data: { id: payout.id } });
    expect(events[0]?.data).toHaveProperty('txid');
  });

  it('waits for approval on a large payout (202) and reports the rejection', async () => {
    const payout = await finrax.createPayout({
      reference: 'e2e-payout-2',
      amount: { amount: '20000', currency: 'USD' },
      destination: {
        asset: { symbol: 'USDT', network: 'ethereum' },
        address: '0x5CF631Db2eB6be3eecB5E9fD0f31a19AC0F4C504',
      },
    });
    expect(payout.status).toBe('requires_approval');
    await expect(finrax.getPayout(payout.id)).resolves.toMatchObject({ status: 'requires_approval' });
    sandbox.control.declinePayout({ provider: 'finrax', id: payout.providerPayoutId });
    const callback = await callbacks.waitFor(
      (item) =>
        item.path === '/approval' &&
        bodyOf(item).withdrawalId === payout.providerPayoutId &&
        bodyOf(item).status === 'REJECTED',
    );
    const { events } = await finrax.parseWebhook(asRequest(callback), { now: () => new Date() });
    expect(events[0]).toMatchObject({
      type: 'payout.cancelled',
      data: { id: payout.id, status: 'cancelled' },
    });
    await expect(finrax.getPayout(payout.id)).resolves.toMatchObject({ status: 'cancelled' });
  });

  it('estimates a payout fee, validates addresses and quotes a deposit', async () => {
    await expect(
      finrax.estimatePayoutFee({
        amount: { amount: '25', currency: 'USDT' },
        destination: { asset: { symbol: 'USDT', network: 'tron' } },
      }),
    ).resolves.toMatchObject({ fee: { currency: 'USDT' } });
    await expect(
      finrax.validateAddress({
        asset: { symbol: 'USDT', network: 'tron' },
        address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
      }),
    ).resolves.toMatchObject({ valid: true, supported: true });
    await expect(
      finrax.validateAddress({ asset: { symbol: 'BTC', network: 'bitcoin' }, address: 'not-an-address' }),
    ).resolves.toMatchObject({ valid: false });
    const quote = await finrax.getQuote({
      amount: { amount: '100', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
    });
    expect(quote.to.currency).toBe('BTC');
    expect(quote.to.amount).toMatch(/^\d+(\.\d+)?$/);
  });
});
