import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TimeoutError, WebhookVerificationError } from '@paymux/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SECRET, FAKE_USER, seedResponse } from './__fixtures__/forumpay-fixtures';
import { createForumpay } from './forumpay-provider';
import { FORUMPAY_WEBHOOK_DEADLINE_MS } from './forumpay-webhook';

// A loopback ForumPay that answers every request after `delayMs` (or never): verification must
// end within ForumPay's 2 s as a whole, however many reads and retries it would take.

let server: http.Server;
let baseUrl: string;
let delayMs = 0;
const requests: string[] = [];
const sockets = new Set<import('node:net').Socket>();

const paymentId = '123e4567-e89b-12d3-a456-426614174000';
const address = '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69';
const transactions = [{ ...seedResponse<Record<string, unknown>[]>('get-transactions')[0] }];
const confirmed = { ...seedResponse('check-payment'), state: 'confirmed', payment: '0.00668125' };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    if (!Number.isFinite(delayMs)) return; // Never answers.
    setTimeout(() => {
      const body = request.url?.includes('GetTransactions') ? transactions : confirmed;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }, delayMs);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/`;
});
afterEach(() => {
  requests.length = 0;
  for (const socket of sockets) socket.destroy();
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function provider() {
  // The account's own timeout and retries are generous: only the shared deadline can end early.
  return createForumpay(
    {
      user: FAKE_USER,
      secret: FAKE_SECRET,
      posId: 'POS1',
      baseUrl,
      timeoutMs: 1_500,
      retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 100 },
    },
    { account: 'pos' },
  );
}

const seedNotification = JSON.stringify({
  event: 'payment.confirmed',
  payment_id: paymentId,
  pos_id: 'POS1',
  status: 'confirmed',
  amount: '0.00701648',
  currency: 'BTC',
  timestamp: '2024-01-15T10:30:00Z',
});

async function timed(run: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { ms: performance.now() - started, error };
}

function expectDeadlineFailure(error: unknown): void {
  expect(WebhookVerificationError.is(error)).toBe(true);
  const failure = error as WebhookVerificationError;
  // Retryable: the client answers 503 and ForumPay delivers the notification again.
  expect(failure.retryable).toBe(true);
  expect(TimeoutError.is(failure.cause)).toBe(true);
  expect(failure.message).toContain('deadline');
}

describe('forumpay webhook verification deadline', () => {
  it('stays under 2 s as a whole when each read is slow (search + CheckPayment, with retries)', async () => {
    delayMs = 1_200;
    const { ms, error } = await timed(() =>
      provider().parseWebhook({ rawBody: seedNotification, headers: {} }, { now: () => new Date() }),
    );
    expectDeadlineFailure(error);
    expect(ms).toBeLessThan(2_600);
    expect(ms).toBeGreaterThanOrEqual(FORUMPAY_WEBHOOK_DEADLINE_MS - 100);
  });

  it('stays under 2 s when ForumPay never answers, and stops retrying once the budget is spent', async () => {
    delayMs = Number.POSITIVE_INFINITY;
    const { ms, error } = await timed(() =>
      provider().parseWebhook(
        { rawBody: JSON.stringify({ payment_id: paymentId, currency: 'BTC', address }), headers: {} },
        { now: () => new Date() },
      ),
    );
    expectDeadlineFailure(error);
    expect(ms).toBeLessThan(2_600);
    // One attempt hung for the whole budget: no retry was started after it ran out.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests.filter((url) => url.includes('CheckPayment'))).toHaveLength(1);
  });

  it('verifies normally when the reads fit in the budget together', async () => {
    delayMs = 300;
    const { events } = await provider().parseWebhook(
      { rawBody: seedNotification, headers: {} },
      { now: () => new Date() },
    );
    expect(events[0]).toMatchObject({ type: 'payment.succeeded', verifiedBy: 'refetch' });
    expect(requests.map((url) => url.split('?')[0])).toEqual(['/v2/GetTransactions/', '/v2/CheckPayment/']);
  });
});

describe('forumpay webhook deadline and a slow account state', () => {
  it('does not wait past the budget for a store that never answers', async () => {
    delayMs = 10;
    const stalled = new Promise<never>(() => undefined);
    const state = {
      get: () => stalled,
      set: () => stalled,
      setIfAbsent: () => stalled,
      delete: () => stalled,
    };
    const { ms, error } = await timed(() =>
      provider().parseWebhook({ rawBody: seedNotification, headers: {} }, { now: () => new Date(), state }),
    );
    expectDeadlineFailure(error);
    expect(ms).toBeLessThan(2_600);
  });
});
