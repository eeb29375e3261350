import type { PaymentStatus } from '@paymux/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signFake } from '../../test/fake-provider';
import {
  MINUTE,
  SECOND,
  seedPayment,
  setStatus,
  trackerClient,
  webhookSecret,
} from '../../test/tracker-fixture';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

const lifecycles: PaymentStatus[][] = [
  ['processing', 'succeeded'],
  ['processing', 'on_hold', 'failed'],
  ['expired', 'processing', 'succeeded'],
  ['cancelled'],
];

describe('tracker and webhooks on one event stream', () => {
  it('property: polls and webhooks, in any timing, announce each state at most once and the final one exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: lifecycles.length - 1 }).chain((which) =>
          fc.record({
            which: fc.constant(which),
            // When each status happens at the provider, and whether (and how late) its webhook comes.
            steps: fc.array(
              fc.record({
                afterMs: fc.integer({ min: 0, max: 90 * SECOND }),
                webhookDelayMs: fc.option(fc.integer({ min: 0, max: 60 * SECOND }), { nil: undefined }),
              }),
              { minLength: lifecycles[which]!.length, maxLength: lifecycles[which]!.length },
            ),
          }),
        ),
        async ({ which, steps }) => {
          const statuses = lifecycles[which]!;
          const { backend, paymux, events } = trackerClient();
          seedPayment(backend, 'pay_p');
          paymux.tracker.track({ kind: 'payment', id: 'pay_p', account: 'main' });
          const deliveries: Promise<unknown>[] = [];
          for (const [index, status] of statuses.entries()) {
            const step = steps[index]!;
            await vi.advanceTimersByTimeAsync(step.afterMs);
            setStatus(backend, 'pay_p', status);
            if (step.webhookDelayMs === undefined) continue;
            const rawBody = JSON.stringify({
              id: `evt_${index}`,
              paymentId: 'pay_p',
              status,
              occurredAt: new Date(Date.now()).toISOString(),
            });
            deliveries.push(
              new Promise((resolve) => setTimeout(resolve, step.webhookDelayMs)).then(() =>
                paymux.webhooks.handle('main', {
                  rawBody,
                  headers: { 'x-fake-signature': signFake(webhookSecret, rawBody) },
                }),
              ),
            );
          }
          await vi.advanceTimersByTimeAsync(30 * MINUTE);
          await Promise.all(deliveries);
          const final = statuses.at(-1)!;
          const types = events.map((event) => event.type);
          expect(new Set(types).size).toBe(types.length);
          expect(events.filter((event) => event.data.status === final)).toHaveLength(1);
          expect(events.at(-1)?.data.status).toBe(final);
          expect(paymux.tracker.isTracking('payment', 'pay_p')).toBe(false);
          await paymux.tracker.stop();
        },
      ),
      { numRuns: 200 },
    );
  });
});
