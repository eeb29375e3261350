import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AuthenticationError,
  DuplicateReferenceError,
  NotFoundError,
  type PaymentProvider,
  type WebhookEvent,
} from '@paymux/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockApiServer, createMockApiServer } from './mock-api-server';
import type { MockApi } from './mock-client';
import { createMockProvider } from './mock-provider';

describe('mock API server with the mock provider, end to end over loopback', () => {
  let server: MockApiServer;
  let provider: PaymentProvider<MockApi>;
  let merchant: Server;
  let merchantUrl: string;
  const received: WebhookEvent[] = [];

  beforeAll(async () => {
    server = await createMockApiServer();
    provider = createMockProvider(
      {
        apiKey: server.apiKey,
        webhookSecret: server.webhookSecret,
        baseUrl: server.baseUrl,
        retry: { baseDelayMs: 1 },
      },
      { account: 'shop' },
    );
    merchant = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      try {
        const result = await provider.parseWebhook(
          { rawBody: Buffer.concat(chunks), headers: request.headers },
          { now: () => new Date() },
        );
        received.push(...result.events);
        response.writeHead(result.response.status).end(result.response.body);
      } catch {
        response.writeHead(401).end('rejected');
      }
    });
    await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
    merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/webhooks/mock`;
  });

  afterAll(async () => {
    await server.close();
    merchant.closeAllConnections();
    await new Promise((resolve) => merchant.close(resolve));
  });

  it('creates a payment, follows it to succeeded and delivers a verified webhook', async () => {
    const payment = await provider.createPayment({
      reference: 'e2e-order-1',
      amount: { amount: '10.00', currency: 'EUR' },
      flow: 'deposit_address',
    });
    expect(payment).toMatchObject({
      provider: 'shop',
      providerType: 'mock',
      status: 'requires_payment',
      flow: 'deposit_address',
      // The provider's "10.00" comes back in canonical form.
      amount: { amount: '10', currency: 'EUR' },
      payIn: { asset: { symbol: 'USDT', network: 'tron' }, amount: { amount: '10.8', currency: 'USDT' } },
      amountDelta: 'none',
    });

    server.setStatus(payment.id, 'underpaid');
    const underpaid = await provider.getPayment(payment.id);
    expect(underpaid).toMatchObject({
      status: 'requires_payment',
      amountDelta: 'under',
      missing: { amount: '5.4' },
    });

    server.setStatus(payment.id, 'paid');
    const delivery = await server.sendWebhook(merchantUrl, payment.id);
    expect(delivery.status).toBe(200);
    expect(received.at(-1)).toMatchObject({
      type: 'payment.succeeded',
      verifiedBy: 'signature',
      data: { id: payment.id, status: 'succeeded', amountDelta: 'exact' },
    });
  });

  it('answers a repeated create with the same idempotency key with the first payment', async () => {
    const input = { reference: 'e2e-order-2', amount: { amount: '5', currency: 'USDT' } };
    const first = await provider.createPayment(input, { idempotencyKey: 'key-2' });
    const second = await provider.createPayment(input, { idempotencyKey: 'key-2' });
    expect(second.id).toBe(first.id);
    await expect(provider.createPayment(input, { idempotencyKey: 'key-3' })).rejects.toSatisfy(
      (error: unknown) => DuplicateReferenceError.is(error),
    );
  });

  it('creates and settles a payout', async () => {
    const payout = await provider.createPayout({
      reference: 'e2e-payout-1',
      amount: { amount: '20', currency: 'USDT' },
      destination: {
        asset: { symbol: 'USDT', network: 'ethereum' },
        address: '0x1111111111111111111111111111111111111111',
      },
    });
    expect(payout).toMatchObject({ status: 'pending', fee: { amount: '0.5', currency: 'USDT' } });
    server.setStatus(payout.id, 'sent');
    expect(await provider.getPayout(payout.id)).toMatchObject({
      status: 'succeeded',
      txid: expect.any(String),
    });
  });

  it('retries a read through an injected 503 and maps the API errors', async () => {
    const payment = await provider.createPayment({
      reference: 'e2e-order-3',
      amount: { amount: '1', currency: 'USDT' },
    });
    server.failNext({ status: 503 });
    expect((await provider.getPayment(payment.id)).id).toBe(payment.id);
    await expect(provider.getPayment('pay_missing')).rejects.toSatisfy((error: unknown) =>
      NotFoundError.is(error),
    );
    const stranger = createMockProvider({
      apiKey: 'wrong_key_123',
      webhookSecret: 'x',
      baseUrl: server.baseUrl,
    });
    await expect(stranger.getPayment(payment.id)).rejects.toSatisfy((error: unknown) =>
      AuthenticationError.is(error),
    );
  });

  it('rejects a webhook signed with another secret', async () => {
    const other = await createMockApiServer({ webhookSecret: 'another_secret_9' });
    try {
      const payment = await other.sendWebhook(merchantUrl, {
        ...server.setStatus(
          (
            await provider.createPayment({
              reference: 'e2e-order-4',
              amount: { amount: '2', currency: 'USDT' },
            })
          ).id,
          'paid',
        ),
      });
      expect(payment.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('serves a checkout page for a hosted payment', async () => {
    const payment = await provider.createPayment({
      reference: 'e2e-order-5',
      amount: { amount: '3', currency: 'USDT' },
    });
    expect(payment.checkoutUrl).toBeDefined();
    const page = await fetch(payment.checkoutUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(payment.payIn?.address ?? 'missing');
  });
});
