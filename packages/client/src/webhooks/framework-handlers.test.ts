import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError, type WebhookEvent } from '@paymux/core';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createFakePlugin, FakeBackend, signFake } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import type { ExpressLikeRequest, ExpressLikeResponse } from './express-handler';
import { readStreamBody } from './read-raw-body';

const secret = 'whsec-fake-0001';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function setup() {
  const logged: string[] = [];
  const logger = {
    debug() {},
    info() {},
    warn() {},
    error(message: string, fields?: Record<string, unknown>) {
      logged.push(`${message} ${String(fields?.error ?? '')}`);
    },
  };
  const paymux = createPaymux({
    store: 'memory:',
    plugins: [createFakePlugin('alpha', new FakeBackend())],
    providers: { main: { type: 'alpha', apiKey: 'fake-key-0001', webhookSecret: secret } },
    logger,
  });
  const events: WebhookEvent[] = [];
  paymux.on('*', (event) => {
    events.push(event);
  });
  return { paymux, events, logged };
}

const body = JSON.stringify({
  id: 'evt_1',
  paymentId: 'pay_1',
  status: 'succeeded',
  occurredAt: '2026-01-01T00:05:00Z',
});
const signed = { 'x-fake-signature': signFake(secret, body) };

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/main`;
}

const post = (url: string, payload: string, headers: Record<string, string> = signed) =>
  fetch(url, { method: 'POST', body: payload, headers });

/** What express.raw / express.json do to a request before the route handler runs. */
function bodyParser(kind: 'raw' | 'json' | 'text' | 'none') {
  return async (request: IncomingMessage) => {
    if (kind === 'none') return request;
    const bytes = Buffer.from(await readStreamBody(request));
    const parsed = kind === 'raw' ? bytes : kind === 'json' ? JSON.parse(bytes.toString()) : bytes.toString();
    return Object.assign(request, { body: parsed, originalUrl: request.url }) as ExpressLikeRequest;
  };
}

describe('toNodeHandler', () => {
  it('fails closed: 401 for a forged signature, 400 for a malformed body, nothing emitted', async () => {
    const { paymux, events } = setup();
    const url = await listen(paymux.webhooks.toNodeHandler('main'));
    expect((await post(url, body, { 'x-fake-signature': 'forged' })).status).toBe(401);
    expect((await post(url, body.slice(0, -3))).status).toBe(401);
    const broken = '{"id": "evt_2",';
    expect((await post(url, broken, { 'x-fake-signature': signFake(secret, broken) })).status).toBe(400);
    expect(events).toEqual([]);
    expect((await post(url, body)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('emits one event for the same delivery 50 times, sequentially and concurrently', async () => {
    const { paymux, events } = setup();
    const url = await listen(paymux.webhooks.toNodeHandler('main'));
    for (let i = 0; i < 50; i += 1) expect((await post(url, body)).status).toBe(200);
    const concurrent = JSON.stringify({ ...JSON.parse(body), id: 'evt_c', paymentId: 'pay_2' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        post(url, concurrent, { 'x-fake-signature': signFake(secret, concurrent) }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect(events.map((event) => event.data.id)).toEqual(['pay_1', 'pay_2']);
  });

  it('answers 500 and logs how to get the raw body when a parser consumed the stream', async () => {
    const { paymux, events, logged } = setup();
    const handler = paymux.webhooks.toNodeHandler('main');
    const url = await listen(async (request, response) => {
      await readStreamBody(request);
      await handler(request, response);
    });
    expect((await post(url, body)).status).toBe(500);
    expect(events).toEqual([]);
    expect(logged.join('\n')).toMatch(/before any body parser/);
  });
});

describe('toExpressHandler', () => {
  it("accepts node's request and response types, which Express's extend", () => {
    expectTypeOf<IncomingMessage>().toExtend<ExpressLikeRequest>();
    expectTypeOf<ServerResponse>().toExtend<ExpressLikeResponse>();
  });

  async function expressServer(parser: ReturnType<typeof bodyParser>) {
    const setupResult = setup();
    const handler = setupResult.paymux.webhooks.toExpressHandler('main');
    const forwarded: unknown[] = [];
    const url = await listen(async (request, response) => {
      await handler(await parser(request), response, (error) => {
        forwarded.push(error);
        response.writeHead(500).end();
      });
    });
    return { ...setupResult, url, forwarded };
  }

  it('takes the Buffer of express.raw and answers what the provider expects', async () => {
    const { url, events } = await expressServer(bodyParser('raw'));
    const ok = await post(url, body);
    expect([ok.status, await ok.text()]).toEqual([200, 'OK']);
    expect((await post(url, body, { 'x-fake-signature': 'forged' })).status).toBe(401);
    expect(events.map((event) => event.type)).toEqual(['payment.succeeded']);
  });

  it('reads the stream itself when no body parser ran', async () => {
    const { url, events } = await expressServer(bodyParser('none'));
    expect((await post(url, body)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it.each(['json', 'text'] as const)('passes a %s-parsed body to next() with the fix', async (kind) => {
    const { url, events, forwarded } = await expressServer(bodyParser(kind));
    expect((await post(url, body)).status).toBe(500);
    expect(events).toEqual([]);
    const error = forwarded[0] as Error;
    expect(ConfigurationError.is(error)).toBe(true);
    expect(error.message).toMatch(/express\.raw\(\{ type: "\*\/\*" \}\)/);
  });

  it('emits one event for the same delivery 50 times concurrently', async () => {
    const { url, events } = await expressServer(bodyParser('raw'));
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(url, body)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(events).toHaveLength(1);
  });
});

describe('toFetchHandler', () => {
  const request = (payload: string, headers: Record<string, string> = signed) =>
    new Request('http://127.0.0.1/webhooks/main?x=1', { method: 'POST', body: payload, headers });

  it('answers with a Response and fails closed', async () => {
    const { paymux, events } = setup();
    const handler = paymux.webhooks.toFetchHandler('main');
    const ok = await handler(request(body));
    expect([ok.status, await ok.text(), ok.headers.get('content-type')]).toEqual([200, 'OK', 'text/plain']);
    expect((await handler(request(body, { 'x-fake-signature': 'forged' }))).status).toBe(401);
    expect((await handler(request(body.slice(1)))).status).toBe(401);
    const broken = '{"id":';
    expect((await handler(request(broken, { 'x-fake-signature': signFake(secret, broken) }))).status).toBe(
      400,
    );
    expect(events).toHaveLength(1);
  });

  it('emits one event for the same delivery 50 times, sequentially and concurrently', async () => {
    const { paymux, events } = setup();
    const handler = paymux.webhooks.toFetchHandler('main');
    for (let i = 0; i < 50; i += 1) expect((await handler(request(body))).status).toBe(200);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async () => (await handler(request(body))).status),
    );
    expect(statuses).toEqual(Array(50).fill(200));
    expect(events).toHaveLength(1);
  });

  it('refuses a Request whose body was already read, saying how to pass the raw one', async () => {
    const { paymux, events } = setup();
    const used = request(body);
    await used.json();
    const error = await paymux.webhooks
      .toFetchHandler('main')(used)
      .catch((caught: unknown) => caught);
    expect(ConfigurationError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/Next\.js/);
    expect((error as Error).message).toMatch(/c\.req\.raw/);
    expect(events).toEqual([]);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const { paymux } = setup();
    const response = await paymux.webhooks.toFetchHandler('main')(request('x'.repeat(1024 * 1024 + 1)));
    expect(response.status).toBe(413);
  });
});
