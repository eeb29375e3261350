import { createHmac } from 'node:crypto';
import http from 'node:http';

/** What the hand-written baseline needs to read one Finrax payment from the sandbox. */
export interface BareFinraxTarget {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * The baseline of the provider-call benchmark: the least code that reads a Finrax payment. A
 * keep-alive `http.request` with Finrax's required HMAC `Authorization` header, the body collected
 * and `JSON.parse`d. No validation, no mapping, no retries, no events: what paymux adds on top of
 * this is what the benchmark measures.
 */
export function createBareFinraxGet(target: BareFinraxTarget): {
  get(paymentId: string): Promise<unknown>;
  close(): void;
} {
  // Idle sockets are dropped after 4 s, before the sandbox's 5 s keep-alive timeout closes them:
  // the baseline has no retry, and a request on a socket the server is closing hangs up.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
  const base = new URL(target.baseUrl.endsWith('/') ? target.baseUrl : `${target.baseUrl}/`);
  return {
    get(paymentId) {
      const url = new URL(`api/v1/payments/${encodeURIComponent(paymentId)}`, base);
      const timestamp = String(Date.now());
      const signature = createHmac('sha256', target.apiSecret)
        .update(`${url.pathname}${timestamp}`)
        .digest('hex');
      return new Promise((resolve, reject) => {
        const request = http.request(
          url,
          {
            agent,
            method: 'GET',
            headers: {
              accept: 'application/json',
              authorization: `FRX-API API-Key=${target.apiKey},Signature=${signature},Timestamp=${timestamp}`,
            },
          },
          (response) => {
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
          },
        );
        request.on('error', reject);
        request.end();
      });
    },
    close: () => agent.destroy(),
  };
}
