import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A payment as the Acme API stores and sends it. */
interface StoredPayment {
  id: string;
  order_id: string;
  status: 'new' | 'seen' | 'paid' | 'expired' | 'cancelled';
  price: string;
  currency: string;
  pay_currency: string;
  pay_amount: string;
  pay_address: string;
  received: string;
  checkout_url: string;
  created: string;
  updated: string;
  webhook_url?: string;
}

/** The running fake Acme API. */
export interface AcmeApi {
  /** `http://127.0.0.1:<port>` */
  url: string;
  apiKey: string;
  webhookSecret: string;
  /** Plays the customer: the payment is paid in full, and its webhook is sent (and awaited). */
  pay(id: string): Promise<void>;
  /** How many payments Acme holds. */
  paymentCount(): number;
  close(): Promise<void>;
}

// Fixed demo rates, so amounts are deterministic: how much of each coin one EUR buys.
const perEur: Record<string, string> = { BTC: '0.000025', USDT: '1.08' };

function multiply(amount: string, rate: string): string {
  const scale = 10n ** 8n;
  const toUnits = (value: string) => {
    const [whole = '0', fraction = ''] = value.split('.');
    return BigInt(whole) * scale + BigInt(fraction.padEnd(8, '0').slice(0, 8));
  };
  const product = (toUnits(amount) * toUnits(rate)) / scale;
  const text = `${product / scale}.${(product % scale).toString().padStart(8, '0')}`;
  return text.replace(/\.?0+$/, '');
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/**
 * Starts a tiny in-memory Acme API on loopback, the provider the custom-provider example talks to.
 *
 * @example
 * const api = await startAcmeApi();
 * // … createAcme({ apiKey: api.apiKey, webhookSecret: api.webhookSecret, baseUrl: api.url })
 * await api.close();
 */
export async function startAcmeApi(): Promise<AcmeApi> {
  const apiKey = `ak_${randomBytes(12).toString('hex')}`;
  const webhookSecret = `wh_${randomBytes(12).toString('hex')}`;
  const payments = new Map<string, StoredPayment>();
  let url = '';

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() =>
      send(response, 500, { code: 'internal', message: 'internal error' }),
    );
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    if (request.headers['x-api-key'] !== apiKey)
      return send(response, 401, { code: 'unauthorized', message: 'bad API key' });
    const path = new URL(request.url ?? '/', url).pathname;
    if (request.method === 'POST' && path === '/v1/payments') {
      const body = await readJson(request);
      const { order_id: orderId, price, currency } = body;
      const payCurrency = typeof body.pay_currency === 'string' ? body.pay_currency : 'USDT';
      const rate = perEur[payCurrency];
      if (
        typeof orderId !== 'string' ||
        typeof price !== 'string' ||
        currency !== 'EUR' ||
        rate === undefined
      ) {
        return send(response, 400, {
          code: 'invalid_request',
          message: 'order_id, price, currency EUR and pay_currency BTC|USDT',
        });
      }
      const existing = [...payments.values()].find((payment) => payment.order_id === orderId);
      if (existing)
        return send(
          response,
          existing.price === price ? 200 : 409,
          existing.price === price ? existing : { code: 'duplicate_order', message: 'order_id already used' },
        );
      const now = new Date().toISOString();
      const id = `acp_${randomUUID().slice(0, 12)}`;
      const payment: StoredPayment = {
        id,
        order_id: orderId,
        status: 'new',
        price,
        currency,
        pay_currency: payCurrency,
        pay_amount: multiply(price, rate),
        pay_address: `acme-${payCurrency.toLowerCase()}-${id}`,
        received: '0',
        checkout_url: `${url}/checkout/${id}`,
        created: now,
        updated: now,
        ...(typeof body.webhook_url === 'string' ? { webhook_url: body.webhook_url } : {}),
      };
      payments.set(id, payment);
      return send(response, 201, payment);
    }
    const match = /^\/v1\/payments\/([^/]+)$/.exec(path);
    const payment = match?.[1] ? payments.get(decodeURIComponent(match[1])) : undefined;
    if (request.method === 'GET' && match) {
      return payment
        ? send(response, 200, payment)
        : send(response, 404, { code: 'not_found', message: 'no such payment' });
    }
    send(response, 404, { code: 'not_found', message: 'no such endpoint' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiKey,
    webhookSecret,
    async pay(id) {
      const payment = payments.get(id);
      if (!payment) throw new Error(`acme: no payment ${id}`);
      Object.assign(payment, {
        status: 'paid',
        received: payment.pay_amount,
        updated: new Date().toISOString(),
      });
      if (!payment.webhook_url) return;
      const body = JSON.stringify({ event_id: randomUUID(), occurred_at: payment.updated, payment });
      const signature = createHmac('sha256', webhookSecret).update(body).digest('hex');
      const answer = await fetch(payment.webhook_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'acme-signature': signature },
        body,
      });
      if (answer.status !== 200) throw new Error(`acme: the webhook was answered ${answer.status}`);
    },
    paymentCount: () => payments.size,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
