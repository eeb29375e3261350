import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from '../http/http-client';
import { RateLimiter } from '../http/rate-limiter';
import {
  currentProviderCallObserver,
  observeProviderCall,
  type ProviderCallObserver,
} from './provider-call-observer';

const BASE = 'https://api.observed.test';

/** An observer that writes down every report, in order. */
function recorder() {
  const reports: string[] = [];
  const waits: number[] = [];
  const observer: ProviderCallObserver = {
    answered: (operation, status, attempt) => reports.push(`answered ${operation} ${status} #${attempt}`),
    retrying: (operation, code, attempt) => reports.push(`retrying ${operation} ${code} #${attempt}`),
    rateLimitWaited: (ms) => waits.push(ms),
  };
  return { observer, reports, waits };
}

const http = (limiter?: RateLimiter) =>
  createHttpClient({
    providerType: 'observed',
    account: 'main',
    baseUrl: BASE,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    rateLimiter: limiter,
  });

afterEach(() => nock.cleanAll());

describe('observeProviderCall', () => {
  it('hears every answer and every retry of the HTTP client inside the call', async () => {
    nock(BASE).get('/payments/p1').reply(503, 'busy').get('/payments/p1').reply(200, { id: 'p1' });
    const { observer, reports } = recorder();
    const result = await observeProviderCall(observer, () =>
      http().request({
        operation: 'getPayment',
        method: 'GET',
        path: '/payments/p1',
        schema: z.looseObject({ id: z.string() }),
      }),
    );
    expect(result.data.id).toBe('p1');
    expect(reports).toEqual([
      'answered getPayment 503 #1',
      'retrying getPayment provider_unavailable #1',
      'answered getPayment 200 #2',
    ]);
  });

  it('hears how long the rate limiter held a request back, and nothing of one it started at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let now = 0;
    const limiter = new RateLimiter({ requestsPerSecond: 1, safetyMarginMs: 0, now: () => now });
    const { observer, waits } = recorder();
    const first = observeProviderCall(observer, () => limiter.schedule(async () => 'a'));
    const second = observeProviderCall(observer, () => limiter.schedule(async () => 'b'));
    await first;
    // The second start waits for the window: the clock moves, then the limiter's timer fires.
    now = 1000;
    await vi.advanceTimersByTimeAsync(1000);
    await second;
    vi.useRealTimers();
    // The first started at once: only the held-back one reports a wait.
    expect(waits).toEqual([1000]);
  });

  it('reports nothing outside an observed call, and keeps concurrent calls apart', async () => {
    expect(currentProviderCallObserver()).toBeUndefined();
    nock(BASE).get('/a').reply(200, {}).get('/b').reply(404, {});
    const a = recorder();
    const b = recorder();
    const get = (path: string) =>
      http().request({ operation: path, method: 'GET', path, schema: z.unknown() });
    await Promise.allSettled([
      observeProviderCall(a.observer, () => get('/a')),
      observeProviderCall(b.observer, () => get('/b')),
    ]);
    expect(a.reports).toEqual(['answered /a 200 #1']);
    expect(b.reports).toEqual(['answered /b 404 #1']);
    expect(currentProviderCallObserver()).toBeUndefined();
  });
});
