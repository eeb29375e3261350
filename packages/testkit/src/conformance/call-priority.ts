import type { RateLimiter } from '@paymux/core';

/**
 * Evidence that an adapter hands `priority` to the rate limiter: with the limiter saturated (its
 * one slot held), a low-priority call (a tracker poll) is started first and a high-priority one
 * (a merchant call) second; once the slot frees, the high call's request must be the first sent.
 * `sent` lists the requests the provider received, in order; `highRequest` tells the high call's.
 * The limiter must allow one request in flight (`new RateLimiter({ inFlight: 1 })`).
 *
 * @example
 * const first = await firstRequestAfterSaturation(limiter, {
 *   low: () => provider.getPayment(idA, { priority: 'low' }),
 *   high: () => provider.getPayment(idB, { priority: 'high' }),
 *   sent: () => seen.map((request) => request.path),
 * });
 * expect(first).toContain(idBPath);
 */
export async function firstRequestAfterSaturation(
  limiter: RateLimiter,
  calls: { low: () => Promise<unknown>; high: () => Promise<unknown>; sent: () => readonly string[] },
): Promise<string | undefined> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let holding!: () => void;
  const slotTaken = new Promise<void>((resolve) => {
    holding = resolve;
  });
  const holder = limiter.schedule(async () => {
    holding();
    await held;
  }, 'high');
  await slotTaken;
  const before = calls.sent().length;
  const low = calls.low();
  await waitUntilQueued(limiter, 1);
  const high = calls.high();
  await waitUntilQueued(limiter, 2);
  release();
  await holder;
  await Promise.all([low, high]);
  return calls.sent()[before];
}

/** Waits until `count` requests are queued behind the held slot (each call queues its first). */
async function waitUntilQueued(limiter: RateLimiter, count: number): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (limiter.stats().queued < count) {
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${count} requests queued behind the saturated limiter, saw ${limiter.stats().queued}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
