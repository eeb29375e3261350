import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  accountStateOf,
  createMemoryStore,
  type PaymentEvent,
  type ProviderContext,
  type RateLimitError,
  type WebhookParseResult,
} from '@paymux/core';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depayPaymentSchema, depayReleaseRequest } from './depay-api';
import { createDepay, type DepayProvider } from './depay-provider';
import { DEPAY_PUBLIC_KEY, type DepaySettingsInput } from './depay-settings';

const RECEIVER = '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0';

/** What the merchant's callback endpoint saw and answered. */
interface ReceivedCallback {
  path: string;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  result?: WebhookParseResult;
  error?: unknown;
}

let sandbox: Sandbox;
let receiver: Server;
let receiverUrl: string;
/** The trackings this merchant created: what the client's store would answer. */
const knownTrackings = new Set<string>();
/** Which provider handles the callbacks of a path (one per test, so answers can differ). */
const handlers = new Map<string, DepayProvider>();
const received: ReceivedCallback[] = [];
const waiters: { path: string; resolve: (callback: ReceivedCallback) => void }[] = [];

function nextCallback(path: string): Promise<ReceivedCallback> {
  const seen = received.find((callback) => callback.path === path);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => waiters.push({ path, resolve }));
}

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const path = request.url ?? '/';
      const callback: ReceivedCallback = { path, rawBody: Buffer.concat(chunks), headers: request.headers };
      const provider = handlers.get(path);
      try {
        if (!provider) throw new Error(`no handler for ${path}`);
        callback.result = await provider.parseWebhook(
          { rawBody: callback.rawBody, headers: request.headers, method: request.method, url: path },
          { now: () => new Date(), isKnownObject: async (_kind, id) => knownTrackings.has(id) },
        );
        response.writeHead(callback.result.response.status).end(callback.result.response.body ?? '');
      } catch (error) {
        callback.error = error;
        response.writeHead(401).end();
      }
      received.push(callback);
      for (const waiter of waiters.filter((item) => item.path === path)) waiter.resolve(callback);
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  receiver.close();
  await once(receiver, 'close');
  await sandbox.close();
});

function sandboxDepay(
  settings: Partial<DepaySettingsInput> = {},
  context: Partial<ProviderContext> = {},
): DepayProvider {
  const { baseUrl, apiKey, callbackPublicKey } = sandbox.providers.depay;
  return createDepay(
    {
      apiKey,
      baseUrl,
      publicKey: callbackPublicKey,
      wallets: [{ network: 'ethereum', address: RECEIVER }],
      ...settings,
    },
    { account: 'wallet', ...context },
  );
}

/** Creates a tracking whose callbacks `provider` handles; returns the payment and its callback path. */
async function createTracking(
  provider: DepayProvider,
  reference: string,
  amount = '25.5',
  { known = true }: { known?: boolean } = {},
) {
  const path = `/depay/callbacks/${randomUUID()}`;
  handlers.set(path, provider);
  const payment = await provider.createPayment({
    reference,
    amount: { amount, currency: 'USDT' },
    payWith: { symbol: 'USDT', network: 'ethereum' },
    webhookUrl: `${receiverUrl}${path}`,
    metadata: { cart: reference },
    providerOptions: {
      depay: {
        transaction: `0x${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`,
        sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
        nonce: 5,
        afterBlock: 13542983,
      },
    },
  });
  if (known) knownTrackings.add(payment.providerPaymentId);
  return { payment, path };
}

function onlyEvent(callback: ReceivedCallback): PaymentEvent {
  expect(callback.error).toBeUndefined();
  const events = callback.result?.events ?? [];
  expect(events).toHaveLength(1);
  return events[0] as PaymentEvent;
}

describe('DePay adapter against @paymux/sandbox', () => {
  it('tracks a payment to success, reads it back and verifies its signed callback (answered 200)', async () => {
    const provider = sandboxDepay();
    const { payment, path } = await createTracking(provider, 'e2e-success');
    expect(payment).toMatchObject({
      status: 'processing',
      rawStatus: 'pending',
      flow: 'tracking',
      reference: 'e2e-success',
    });
    expect(payment.payIn?.asset).toMatchObject({ symbol: 'USDT', network: 'ethereum' });

    // Creating it again (same idempotency key and transaction) reaches the same tracking.
    const again = await provider.createPayment({
      reference: 'e2e-success',
      amount: { amount: '25.5', currency: 'USDT' },
      payWith: { symbol: 'USDT', network: 'ethereum' },
      webhookUrl: `${receiverUrl}${path}`,
      metadata: { cart: 'e2e-success' },
      providerOptions: {
        depay: {
          transaction: payment.transfers[0]!.txid!,
          sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
          nonce: 5,
          afterBlock: 13542983,
        },
      },
    });
    expect(again.id).toBe(payment.id);

    sandbox.control.pay({ provider: 'depay', id: payment.providerPaymentId, confirmations: 12 });
    const event = onlyEvent(await nextCallback(path));
    expect(event).toMatchObject({
      id: `depay:${payment.id}:success`,
      type: 'payment.succeeded',
      verifiedBy: 'signature',
      data: {
        id: payment.id,
        reference: 'e2e-success',
        status: 'succeeded',
        amountDelta: 'exact',
        metadata: { cart: 'e2e-success' },
      },
    });

    const read = await provider.getPayment(payment.id);
    expect(read).toMatchObject({
      id: payment.id,
      status: 'succeeded',
      received: { amount: '25.5', currency: 'USDT' },
      confirmations: { current: 12, required: 12 },
    });
    // The 200 answer released the customer at once.
    expect(depayPaymentSchema.parse(read.raw).release).toEqual(expect.any(String));
    const delivery = await sandbox.control.waitForWebhook({
      provider: 'depay',
      bodyIncludes: payment.id,
      state: 'delivered',
    });
    expect(delivery.attempts.at(-1)?.status).toBe(200);
  });

  it('answers 202 when holding users, then releases them through POST /payments/release', async () => {
    const provider = sandboxDepay({ callbackAnswer: 'hold' });
    const { payment, path } = await createTracking(provider, 'e2e-hold');
    sandbox.control.pay({ provider: 'depay', id: payment.providerPaymentId, confirmations: 12 });
    const callback = await nextCallback(path);
    expect(onlyEvent(callback).type).toBe('payment.succeeded');
    expect(callback.result?.response.status).toBe(202);

    const { payment: tracking } = await provider.api.getPayment(payment.providerPaymentId);
    expect(tracking.release).toBeNull();
    await expect(provider.api.releasePayment(depayReleaseRequest(tracking))).resolves.toEqual({
      attempts: 1,
    });
    const { payment: released } = await provider.api.getPayment(payment.providerPaymentId);
    expect(released.release).toEqual(expect.any(String));
  });

  it('releases held customers through the unified releasePayment, in either API form', async () => {
    const provider = sandboxDepay({ callbackAnswer: 'hold' });
    // Two trackings in a row: the sandbox shows one in the seed form (uuid, numeric nonce) and the
    // other in the later form (secret_id, string nonce and after_block).
    const trackings = [
      await createTracking(provider, 'e2e-release-a'),
      await createTracking(provider, 'e2e-release-b'),
    ];
    const forms = new Set<string>();
    for (const { payment, path } of trackings) {
      sandbox.control.pay({ provider: 'depay', id: payment.providerPaymentId, confirmations: 12 });
      const callback = await nextCallback(path);
      expect(onlyEvent(callback).data).toMatchObject({ id: payment.id, status: 'succeeded' });
      expect(callback.result?.response.status).toBe(202);
      const body = JSON.parse(callback.rawBody.toString('utf8')) as Record<string, unknown>;
      forms.add(body.secret_id !== undefined && typeof body.nonce === 'string' ? 'later' : 'seed');

      const released = await provider.releasePayment(payment.id);
      expect(released).toMatchObject({ id: payment.id, status: 'succeeded', reference: payment.reference });
      expect(depayPaymentSchema.parse(released.raw).release).toEqual(expect.any(String));
      // Repeating it changes nothing.
      await expect(provider.releasePayment(payment.id)).resolves.toMatchObject({ id: payment.id });
    }
    expect([...forms].sort()).toEqual(['later', 'seed']);
  });

  it("refuses the sandbox's signed GET answer when configured with another public key", async () => {
    const { payment } = await createTracking(sandboxDepay(), 'e2e-other-key');
    const otherKey = sandboxDepay({ publicKey: DEPAY_PUBLIC_KEY });
    await expect(otherKey.getPayment(payment.id)).rejects.toMatchObject({
      code: 'provider_response_invalid',
      providerCode: 'signature_invalid',
    });
  });

  it('refuses to release a tracking that has not succeeded', async () => {
    const provider = sandboxDepay({ callbackAnswer: 'hold' });
    const { payment } = await createTracking(provider, 'e2e-release-pending');
    await expect(provider.releasePayment(payment.id)).rejects.toMatchObject({
      code: 'provider_rejected',
      providerCode: 'tracking_not_succeeded',
    });
  });

  it('trusts the callback of a tracking created before a restart, from the shared account state', async () => {
    const state = accountStateOf(createMemoryStore(), 'wallet');
    const before = sandboxDepay({}, { state });
    // Not in the client-side record (knownTrackings): only the account state knows it.
    const { payment, path } = await createTracking(before, 'e2e-restart', '25.5', { known: false });
    handlers.set(path, sandboxDepay({}, { state }));
    sandbox.control.pay({ provider: 'depay', id: payment.providerPaymentId, confirmations: 12 });
    expect(onlyEvent(await nextCallback(path))).toMatchObject({
      type: 'payment.succeeded',
      data: { id: payment.id },
    });
  });

  it('reports an underpaid transaction as failed with AMOUNT_MISMATCH', async () => {
    const provider = sandboxDepay();
    const { payment, path } = await createTracking(provider, 'e2e-short', '10');
    sandbox.control.pay({
      provider: 'depay',
      id: payment.providerPaymentId,
      kind: 'short',
      confirmations: 12,
    });
    const event = onlyEvent(await nextCallback(path));
    expect(event).toMatchObject({
      type: 'payment.failed',
      data: { status: 'failed', failureReason: 'AMOUNT_MISMATCH' },
    });
    const read = await provider.getPayment(payment.id);
    expect(read).toMatchObject({ status: 'failed', failureReason: 'AMOUNT_MISMATCH' });
    // DePay reports no amount received: none is invented. The tracked transaction stays in raw,
    // for the merchant to look up on chain.
    expect(read.received).toBeUndefined();
    expect(read.transfers).toEqual([]);
    expect(depayPaymentSchema.parse(read.raw).transaction).toBe(payment.transfers[0]?.txid);
  });

  it('reports a tracking that timed out after 24 hours as expired', async () => {
    const provider = sandboxDepay();
    const { payment, path } = await createTracking(provider, 'e2e-timeout');
    sandbox.control.advanceTime(24 * 60 * 60 * 1000 + 1);
    const event = onlyEvent(await nextCallback(path));
    expect(event).toMatchObject({
      type: 'payment.expired',
      data: { status: 'expired', failureReason: 'TRACKING_TIMED_OUT' },
    });
    await expect(provider.getPayment(payment.id)).resolves.toMatchObject({ status: 'expired' });
  });

  it('refuses a genuine callback for a tracking this merchant did not create', async () => {
    // Another merchant (its own account state) has DePay track a transaction of theirs and points
    // its callback at this merchant's endpoint, which this merchant's provider handles.
    const stranger = sandboxDepay();
    const { payment, path } = await createTracking(stranger, 'e2e-foreign');
    knownTrackings.delete(payment.providerPaymentId);
    handlers.set(path, sandboxDepay());
    sandbox.control.failTracking({ id: payment.providerPaymentId, reason: 'SENDER_MISMATCH' });
    const callback = await nextCallback(path);
    expect(callback.error).toMatchObject({ code: 'webhook_verification_failed' });
    expect(callback.result).toBeUndefined();
  });

  it("stays within the sandbox's DePay limits under a burst of 25 reads", async () => {
    const retries: unknown[] = [];
    const { baseUrl, apiKey, callbackPublicKey } = sandbox.providers.depay;
    const provider = createDepay(
      {
        apiKey,
        baseUrl,
        publicKey: callbackPublicKey,
        wallets: [{ network: 'ethereum', address: RECEIVER }],
      },
      {
        account: 'wallet',
        logger: {
          debug() {},
          info() {},
          error() {},
          warn: (message, fields) => retries.push({ message, fields }),
        },
      },
    );
    const { payment } = await createTracking(provider, 'e2e-burst');
    // Let the earlier tests' requests leave the sandbox's one-second window: each account has its
    // own limiter, and only this one is measured here.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () => provider.getPayment(payment.id)),
    );
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused.map((result) => (result.reason as RateLimitError).code)).toEqual([]);
    // Not one 429 was retried: the limiter kept the burst inside DePay's limits.
    expect(retries).toEqual([]);
  });
});
