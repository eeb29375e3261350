import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend, signFake } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('toNodeHandler', () => {
  it('reads the raw body from node:http and sends the provider the expected answer', async () => {
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [createFakePlugin('alpha', new FakeBackend())],
      providers: { main: { type: 'alpha', apiKey: 'fake-key-0001' } },
    });
    const types: string[] = [];
    paymux.on('*', (event) => {
      types.push(event.type);
    });
    server = createServer(paymux.webhooks.toNodeHandler('main'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const body = JSON.stringify({
      id: 'e1',
      paymentId: 'p1',
      status: 'succeeded',
      occurredAt: '2026-01-01T00:00:00Z',
    });
    const ok = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'x-fake-signature': signFake('fake-key-0001', body) },
    });
    expect([ok.status, await ok.text()]).toEqual([200, 'OK']);
    const bad = await fetch(url, { method: 'POST', body, headers: { 'x-fake-signature': 'forged' } });
    expect(bad.status).toBe(401);
    expect(types).toEqual(['payment.succeeded']);
  });
});
