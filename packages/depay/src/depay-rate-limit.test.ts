import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureJson,
  signedJsonHeaders,
  TEST_API_KEY,
  TEST_PUBLIC_KEY_PEM,
} from './__fixtures__/depay-test-setup';
import { createDepay } from './depay-provider';

const arrivals: number[] = [];
let inFlight = 0;
let maxInFlight = 0;
let responseDelayMs = 120;
const server = createServer((request, response) => {
  arrivals.push(performance.now());
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const uuid = decodeURIComponent(request.url?.split('/').pop() ?? '');
  setTimeout(() => {
    inFlight -= 1;
    const body = JSON.stringify({ ...fixtureJson('get-payment-response.json'), uuid });
    response.writeHead(200, signedJsonHeaders(body));
    response.end(body);
  }, responseDelayMs);
});

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(async () => {
  server.close();
  await once(server, 'close');
});

describe('DePay rate limits', () => {
  it('never exceeds 10 requests per second nor 10 in flight, whatever the load', async () => {
    const { port } = server.address() as AddressInfo;
    const provider = createDepay({
      apiKey: TEST_API_KEY,
      publicKey: TEST_PUBLIC_KEY_PEM,
      baseUrl: `http://127.0.0.1:${port}/v2`,
    });
    const ids = Array.from({ length: 25 }, (_, index) => `load-test-${index}`);
    const payments = await Promise.all(ids.map((id) => provider.getPayment(id)));

    expect(payments.map((payment) => payment.id)).toEqual(ids);
    expect(arrivals).toHaveLength(25);
    expect(maxInFlight).toBeLessThanOrEqual(10);
    for (const [index, start] of arrivals.entries()) {
      const inWindow = arrivals.slice(index).filter((time) => time < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(10);
    }
  });

  it('holds the 11th request while 10 slow ones are in flight, even when the second has passed', async () => {
    const { port } = server.address() as AddressInfo;
    const provider = createDepay({
      apiKey: TEST_API_KEY,
      publicKey: TEST_PUBLIC_KEY_PEM,
      baseUrl: `http://127.0.0.1:${port}/v2`,
    });
    arrivals.length = 0;
    maxInFlight = 0;
    responseDelayMs = 1600;
    await Promise.all(Array.from({ length: 12 }, (_, index) => provider.getPayment(`slow-${index}`)));
    expect(maxInFlight).toBe(10);
    expect(arrivals[10]! - arrivals[0]!).toBeGreaterThanOrEqual(1500);
  });
});
