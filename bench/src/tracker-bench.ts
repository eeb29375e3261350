import { createPaymux } from '@paymux/client';
import { plugin as depay } from '@paymux/depay';
import { startSandbox } from '@paymux/sandbox';
import { createDepayTrackings } from './depay-trackings';
import { FakeTimeDriver } from './fake-time-driver';
import { heapUsedAfterGc } from './heap';
import { HttpTrafficMonitor } from './http-traffic-monitor';
import { type LatencyProxy, startLatencyProxy } from './latency-proxy';
import { auditRateLimits, type ProviderLimits, type RateLimitAudit } from './rate-limit-audit';
import { formatNumber, formatTable, verdict } from './table';

/** Target: at most this many requests per tracked payment over the simulated window. */
export const REQUESTS_PER_PAYMENT_TARGET = 15;

/** The DePay emulator's default limits, the ones the real DePay publishes. */
export const DEPAY_LIMITS: ProviderLimits = { requestsPerSecond: 10, inFlight: 10, requestsPerDay: 14_400 };

const WINDOW_MS = 30 * 60_000;
const ACCOUNT = 'wallet';
const DAY_MS = 86_400_000;

/** Simulated one-way network delay between the client and the emulator, drawn per leg. */
export interface SimulatedLatency {
  minMs: number;
  maxMs: number;
}

export interface TrackerScenarioResult {
  payments: number;
  latency: SimulatedLatency | undefined;
  simulatedMinutes: number;
  /** GET /payments/{uuid} the emulator received in the window, per tracked payment. */
  requestsPerPayment: number;
  /** What the tracker itself counted (`stats().requestsSent`), for cross-checking. */
  trackerRequestsSent: number;
  deferred: number;
  audit: RateLimitAudit;
  /** With simulated latency: the most requests outstanding at once between client and emulator. */
  maxInFlightEndToEnd: number | undefined;
  /** Heap growth from `track()`ing every payment, per payment (tracker state and its timer). */
  bytesPerPayment: number;
  /** Real time spent creating the trackings, and in the tracking window itself. */
  realSeconds: { setup: number; tracking: number };
}

/** mulberry32: a small seeded generator, so the jitter (and thus the run) is reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `payments` pending DePay trackings, tracked by `paymux.tracker` for 30 simulated minutes against
 * the DePay emulator (in this process, default limits: 10 per sliding second, 10 in flight,
 * 14,400 per day). Time is `@sinonjs/fake-timers`; requests are real loopback HTTP, counted on the
 * server side and checked against the limits per sliding second and per day.
 *
 * The trackings are created first, straight over HTTP within the limits, ending before a UTC
 * midnight; tracking starts at that midnight, so it has the new day's whole quota, as a process
 * (re)starting with open payments would. With `latency`, a proxy delays each request and each
 * answer by that many simulated ms (seeded), so requests overlap and arrive unevenly.
 *
 * @example
 * const result = await runTrackerScenario(10_000, { minMs: 20, maxMs: 300 });
 * console.log(result.requestsPerPayment, result.audit.violations);
 */
export async function runTrackerScenario(
  payments: number,
  latency?: SimulatedLatency,
): Promise<TrackerScenarioResult> {
  const realStart = process.hrtime.bigint();
  const traffic = new HttpTrafficMonitor((path) => path.startsWith('/depay/'));
  const sandbox = await startSandbox();
  const midnight = Date.UTC(2026, 10, 22);
  const creationMs = Math.ceil(payments / 10) * 1001;
  const driver = new FakeTimeDriver(midnight - creationMs - 60_000, traffic);
  let proxy: LatencyProxy | undefined;
  try {
    const { baseUrl, apiKey, callbackPublicKey } = sandbox.providers.depay;
    const trackings = await createDepayTrackings(driver, { baseUrl, apiKey }, payments);
    await driver.runUntil(midnight);
    traffic.resetArrivals();

    const clock = driver.clock;
    let clientBaseUrl = baseUrl;
    if (latency) {
      const random = seededRandom(13);
      proxy = await startLatencyProxy({
        target: sandbox.url,
        minDelayMs: latency.minMs,
        maxDelayMs: latency.maxMs,
        setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
        random,
      });
      const heldBy = proxy;
      driver.heldRequests = () => heldBy.held;
      clientBaseUrl = `${proxy.url}${new URL(baseUrl).pathname}`;
    }
    const paymux = createPaymux({
      plugins: [depay],
      providers: {
        [ACCOUNT]: { type: 'depay', apiKey, baseUrl: clientBaseUrl, publicKey: callbackPublicKey },
      },
      store: 'memory:', // the fake-time driver cannot drive the SQLite default's real I/O
      tracker: {
        clock: {
          now: () => clock.now,
          setTimeout: (callback: () => void, ms: number) => clock.setTimeout(callback, ms),
          clearTimeout: (handle: unknown) =>
            clock.clearTimeout(handle as Parameters<typeof clock.clearTimeout>[0]),
        },
        random: seededRandom(8),
      },
    });
    const heapBefore = heapUsedAfterGc();
    for (const tracking of trackings) {
      paymux.tracker.track({
        kind: 'payment',
        id: tracking.uuid,
        account: ACCOUNT,
        expiresAt: Date.parse(tracking.createdAt) + DAY_MS,
      });
    }
    const heapAfter = heapUsedAfterGc();

    const trackingStart = process.hrtime.bigint();
    const start = driver.now();
    await driver.runUntil(start + WINDOW_MS);
    const trackingEnd = process.hrtime.bigint();
    const stats = paymux.tracker.stats();
    const audit = auditRateLimits(traffic.arrivals, traffic.maxServerInFlight, DEPAY_LIMITS);
    const polls = traffic.arrivals.filter(
      (arrival) => arrival.method === 'GET' && arrival.path.includes('/payments/'),
    );

    // Polls already running finish in fake time too, so keep the clock going while stop() waits.
    let stopped = false;
    const stopping = paymux.tracker.stop().finally(() => {
      stopped = true;
    });
    while (!stopped) await driver.runUntil(driver.now() + 1000);
    await stopping;

    return {
      payments,
      latency,
      simulatedMinutes: WINDOW_MS / 60_000,
      requestsPerPayment: polls.length / payments,
      trackerRequestsSent: stats.requestsSent,
      deferred: stats.deferred,
      maxInFlightEndToEnd: proxy?.maxInFlight,
      audit,
      bytesPerPayment: (heapAfter - heapBefore) / payments,
      realSeconds: {
        setup: Number(trackingStart - realStart) / 1e9,
        tracking: Number(trackingEnd - trackingStart) / 1e9,
      },
    };
  } finally {
    driver.uninstall();
    traffic.close();
    await proxy?.close();
    await sandbox.close();
  }
}

/** The table and verdicts printed by `pnpm bench`. */
export function formatTrackerReport(results: readonly TrackerScenarioResult[]): string {
  return formatTable([
    [
      'open payments',
      'latency',
      'requests',
      'per payment',
      `≤ ${REQUESTS_PER_PAYMENT_TARGET}`,
      'deferred',
      'max/sliding s',
      'max in flight (server / end to end)',
      'max/day',
      '429s',
      'violations',
      'bytes/payment',
      'real s (setup + tracking)',
    ],
    ...results.map((result) => [
      formatNumber(result.payments, 0),
      result.latency ? `${result.latency.minMs}-${result.latency.maxMs} ms` : '0',
      formatNumber(result.audit.requests, 0),
      result.requestsPerPayment.toFixed(2),
      verdict(result.requestsPerPayment <= REQUESTS_PER_PAYMENT_TARGET),
      formatNumber(result.deferred, 0),
      `${result.audit.maxPerSlidingSecond} / ${DEPAY_LIMITS.requestsPerSecond}`,
      `${result.audit.maxInFlight} / ${result.maxInFlightEndToEnd ?? '-'} (limit ${DEPAY_LIMITS.inFlight})`,
      `${formatNumber(result.audit.maxPerDay, 0)} / ${formatNumber(DEPAY_LIMITS.requestsPerDay, 0)}`,
      String(result.audit.refused),
      `${result.audit.violations} (${verdict(result.audit.violations === 0)})`,
      // Heap growth of a few dozen objects is lost in the collector's noise.
      result.payments >= 1000 ? formatNumber(result.bytesPerPayment, 0) : 'n/a',
      `${result.realSeconds.setup.toFixed(1)} + ${result.realSeconds.tracking.toFixed(1)}`,
    ]),
  ]);
}
