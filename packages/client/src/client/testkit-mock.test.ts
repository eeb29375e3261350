import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApiServer, type MockApiServer, mockProviderPlugin } from '@paymux/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPaymux } from './create-paymux';

// End to end over loopback HTTP with the testkit's mock provider: real refused connections, real
// 503s and real signed webhooks go through core's HTTP client and the client's pipeline.

let api: MockApiServer;
let servers: Server[] = [];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeEach(async () => {
  api = await createMockApiServer();
});
afterEach(async () => {
  await api.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
});

describe('with the testkit mock provider over HTTP', () => {
  const live = () => ({
    type: 'mock',
    apiKey: api.apiKey,
    webhookSecret: api.webhookSecret,
    baseUrl: api.baseUrl,
    retry: { maxAttempts: 1 },
  });

  it('falls back from an account whose connection is refused, and from a 503', async () => {
    const dead = { ...live(), baseUrl: await closedPortUrl() };
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [mockProviderPlugin],
      providers: { dead, flaky: live(), spare: live() },
      routing: { default: 'dead', fallback: ['spare'] },
    });
    const first = await paymux.createPayment({
      reference: 'order-1',
      amount: { amount: '10.00', currency: 'EUR' },
    });
    expect(first.provider).toBe('spare');

    const viaFlaky = createPaymux({
      store: 'memory:',
      plugins: [mockProviderPlugin],
      providers: { flaky: live(), spare: live() },
      routing: { default: 'flaky', fallback: ['spare'] },
    });
    api.failNext({ status: 503 });
    const second = await viaFlaky.createPayment({
      reference: 'order-2',
      amount: { amount: '10.00', currency: 'EUR' },
    });
    expect(second.provider).toBe('spare');
  });

  it('delivers a signed webhook from the provider as one typed event', async () => {
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [mockProviderPlugin],
      providers: { main: live() },
    });
    const url = `${await listen(createServer(paymux.webhooks.toNodeHandler('main')))}/webhooks/mock`;
    const types: string[] = [];
    paymux.on('*', (event) => {
      types.push(event.type);
    });
    const payment = await paymux.createPayment({
      reference: 'order-3',
      amount: { amount: '5.00', currency: 'EUR' },
    });
    api.setStatus(payment.providerPaymentId, 'paid');
    const delivery = await api.sendWebhook(url, payment.providerPaymentId);
    expect(delivery.status).toBe(200);
    await api.sendWebhook(url, payment.providerPaymentId);
    expect(types).toEqual(['payment.created', 'payment.succeeded']);
  });
});
