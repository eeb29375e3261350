import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signMockWebhook } from '../webhook-signers';
import type {
  MockPayoutStatus,
  MockStatus,
  MockWirePayment,
  MockWirePayout,
  MockWireWebhook,
} from './mock-api';
import { type MockApiAnswer, MockApiState, apiError } from './mock-api-state';

/** Options of `createMockApiServer`. */
export interface MockApiServerOptions {
  /** The bearer key the server accepts. Default `mock_test_key_0001`. */
  apiKey?: string;
  /** The secret webhooks are signed with. Default `mock_test_whsec_0001`. */
  webhookSecret?: string;
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
}

/** A failure the server answers instead of the next requests (for retry and fallback tests). */
export interface MockApiFailure {
  status: number;
  /** How many requests get it. Default 1. */
  times?: number;
  /** Sent as `Retry-After` (seconds). */
  retryAfter?: number;
}

/** The answer of the merchant's endpoint to a webhook. */
export interface MockWebhookDelivery {
  status: number;
  body: string;
}

/** An in-memory mock API on loopback HTTP. */
export interface MockApiServer {
  /** e.g. `http://127.0.0.1:53211`: give it to `createMockProvider` as `baseUrl`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly webhookSecret: string;
  /** Moves a payment (or a payout) to a status, filling in received amount and txid as a provider would. */
  setStatus(
    id: string,
    status: MockStatus | MockPayoutStatus | (string & {}),
    options?: { receivedAmount?: string; txid?: string; failureReason?: string },
  ): MockWirePayment | MockWirePayout;
  /** Posts the current state of a payment (or payout), signed, to `url`, and returns the answer. */
  sendWebhook(url: string, payment: string | MockWirePayment | MockWirePayout): Promise<MockWebhookDelivery>;
  /** Makes the next request(s) fail with `failure.status`. */
  failNext(failure: MockApiFailure): void;
  /** The payment as the server holds it, or `undefined`. */
  getPayment(id: string): MockWirePayment | undefined;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function checkoutPage(payment: MockWirePayment): string {
  const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Mock checkout ${escapeHtml(payment.id)}</title></head><body><h1>Pay ${escapeHtml(payment.pay_amount)} ${escapeHtml(payment.pay_currency)}</h1><p>Network: ${escapeHtml(payment.network)}</p><p>Address: <code>${escapeHtml(payment.address)}</code></p><p>Status: <strong>${escapeHtml(payment.status)}</strong></p></body></html>`;
}

/**
 * Starts the mock provider's API (see `mock-api.ts`) on a loopback port, in memory, so examples and
 * tests can run the mock provider end to end without nock.
 *
 * @example
 * const server = await createMockApiServer();
 * const provider = createMockProvider({ apiKey: server.apiKey, webhookSecret: server.webhookSecret, baseUrl: server.baseUrl });
 * const payment = await provider.createPayment({ reference: 'order-1', amount: { amount: '10.00', currency: 'EUR' } });
 * server.setStatus(payment.id, 'paid');
 * await server.sendWebhook('http://127.0.0.1:3000/webhooks/mock', payment.id);
 * await server.close();
 */
export async function createMockApiServer(options: MockApiServerOptions = {}): Promise<MockApiServer> {
  const apiKey = options.apiKey ?? 'mock_test_key_0001';
  const webhookSecret = options.webhookSecret ?? 'mock_test_whsec_0001';
  let baseUrl = '';
  const state = new MockApiState(() => baseUrl);
  const failures: MockApiFailure[] = [];
  let webhookSequence = 0;

  function route(
    method: string,
    path: string,
    body: unknown,
    idempotencyKey: string | undefined,
  ): MockApiAnswer {
    if (method === 'POST' && path === '/payments') return state.createPayment(body, idempotencyKey);
    if (method === 'POST' && path === '/payouts') return state.createPayout(body, idempotencyKey);
    const match = /^\/(payments|payouts)\/([^/]+)$/.exec(path);
    if (method === 'GET' && match)
      return state.get(match[1] as 'payments' | 'payouts', decodeURIComponent(match[2]!));
    return apiError(404, 'not_found', `no route ${method} ${path}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = `req_${randomUUID()}`;
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://mock').pathname;
    const send = (answer: MockApiAnswer, headers: Record<string, string> = {}) => {
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...headers,
      });
      response.end(JSON.stringify(answer.body));
    };
    const checkout = /^\/checkout\/([^/]+)$/.exec(path);
    if (method === 'GET' && checkout) {
      const payment = state.payments.get(decodeURIComponent(checkout[1]!));
      response.writeHead(payment ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(payment ? checkoutPage(payment) : '<h1>Not found</h1>');
      return;
    }
    const failure = failures[0];
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.shift();
      const retryAfter: Record<string, string> =
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
      send(
        apiError(
          failure.status,
          failure.status === 429 ? 'rate_limited' : 'internal_error',
          'injected failure',
        ),
        retryAfter,
      );
      return;
    }
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      send(apiError(401, 'unauthorized', 'missing or unknown API key'));
      return;
    }
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      send(apiError(400, 'invalid_request', 'body is not JSON'));
      return;
    }
    const key = request.headers['idempotency-key'];
    send(route(method, path, body, typeof key === 'string' ? key : undefined));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'internal_error', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    apiKey,
    webhookSecret,
    setStatus: (id, status, statusOptions) => state.setStatus(id, status, statusOptions),
    getPayment: (id) => state.payments.get(id),
    failNext: (failure) => {
      failures.push({ ...failure });
    },
    async sendWebhook(url, payment) {
      const object =
        typeof payment === 'string' ? (state.payments.get(payment) ?? state.payouts.get(payment)) : payment;
      if (!object) throw new Error(`mock API: no payment or payout ${String(payment)}`);
      webhookSequence += 1;
      const envelope: MockWireWebhook = {
        id: `evt_${webhookSequence}_${object.id}_${object.status}`,
        type: 'pay_amount' in object ? 'payment.updated' : 'payout.updated',
        created_at: new Date().toISOString(),
        data: object,
      };
      const signed = signMockWebhook(envelope, webhookSecret);
      const answer = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
      return { status: answer.status, body: await answer.text() };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
