import { createHmac } from 'node:crypto';
import http from 'node:http';
import { type BenchTransportName, loadFromCore } from './bench-transports';

/** What the hand-written baseline needs to read one Finrax payment from the sandbox. */
export interface BareFinraxTarget {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
}

// The parts of undici and axios the bare sides use: both are @paymux/core's dev dependencies,
// loaded from there, so the bench has no types of its own for them.
interface BareUndici {
  Agent: new (options: { keepAliveTimeout: number }) => { close(): Promise<void> };
  request(
    url: URL,
    options: { method: 'GET'; headers: Record<string, string>; dispatcher: unknown },
  ): Promise<{ statusCode: number; body: { json(): Promise<unknown> } }>;
}
interface BareAxios {
  create(config: { validateStatus: () => boolean }): {
    get(url: string, config: { headers: Record<string, string> }): Promise<{ status: number; data: unknown }>;
  };
}

/** A bare Finrax read: `get` resolves to the parsed body. */
export interface BareFinraxGet {
  get(paymentId: string): Promise<unknown>;
  close(): void;
}

function signedRequest(target: BareFinraxTarget, base: URL, paymentId: string) {
  const url = new URL(`api/v1/payments/${encodeURIComponent(paymentId)}`, base);
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', target.apiSecret)
    .update(`${url.pathname}${timestamp}`)
    .digest('hex');
  return {
    url,
    headers: {
      accept: 'application/json',
      authorization: `FRX-API API-Key=${target.apiKey},Signature=${signature},Timestamp=${timestamp}`,
    },
  };
}

/**
 * The baseline of one transport's rows: the same read made with that HTTP client used bare, so
 * that a row shows what paymux adds on top of the client it was given, not how two HTTP clients
 * compare. `node` is {@link createBareFinraxGet}; the others are the least code with `undici`,
 * the runtime's `fetch` and axios (keep-alive, as paymux's transports use them).
 */
export function createBareFinraxGetOn(name: BenchTransportName, target: BareFinraxTarget): BareFinraxGet {
  if (name === 'node') return createBareFinraxGet(target);
  const base = new URL(target.baseUrl.endsWith('/') ? target.baseUrl : `${target.baseUrl}/`);
  const checked = (status: number, body: unknown) => {
    if (status !== 200) throw new Error(`bare ${name} GET answered HTTP ${status}`);
    return body;
  };
  switch (name) {
    case 'undici': {
      const undici = loadFromCore('undici') as BareUndici;
      const dispatcher = new undici.Agent({ keepAliveTimeout: 4_000 });
      return {
        async get(paymentId) {
          const { url, headers } = signedRequest(target, base, paymentId);
          const response = await undici.request(url, { method: 'GET', headers, dispatcher });
          return checked(response.statusCode, await response.body.json());
        },
        close: () => void dispatcher.close(),
      };
    }
    case 'fetch':
      return {
        async get(paymentId) {
          const { url, headers } = signedRequest(target, base, paymentId);
          const response = await fetch(url, { headers });
          return checked(response.status, await response.json());
        },
        close: () => {},
      };
    case 'axios': {
      const axios = loadFromCore('axios') as BareAxios;
      // Node's global agent, as the `axios.create()` the paymux side is given uses it.
      const instance = axios.create({ validateStatus: () => true });
      return {
        async get(paymentId) {
          const { url, headers } = signedRequest(target, base, paymentId);
          const response = await instance.get(url.href, { headers });
          return checked(response.status, response.data);
        },
        close: () => {},
      };
    }
  }
}

/**
 * The baseline of the provider-call benchmark: the least code that reads a Finrax payment. A
 * keep-alive `http.request` with Finrax's required HMAC `Authorization` header, the body collected
 * and `JSON.parse`d. No validation, no mapping, no retries, no events: what paymux adds on top of
 * this is what the benchmark measures.
 */
export function createBareFinraxGet(target: BareFinraxTarget): BareFinraxGet {
  // Idle sockets are dropped after 4 s, before the sandbox's 5 s keep-alive timeout closes them:
  // the baseline has no retry, and a request on a socket the server is closing hangs up.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
  const base = new URL(target.baseUrl.endsWith('/') ? target.baseUrl : `${target.baseUrl}/`);
  return {
    get(paymentId) {
      const { url, headers } = signedRequest(target, base, paymentId);
      return new Promise((resolve, reject) => {
        const request = http.request(url, { agent, method: 'GET', headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            if (response.statusCode !== 200) {
              reject(new Error(`bare GET answered HTTP ${response.statusCode}`));
              return;
            }
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (error) {
              reject(error);
            }
          });
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end();
      });
    },
    close: () => agent.destroy(),
  };
}
