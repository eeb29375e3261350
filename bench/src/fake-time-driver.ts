import { type Clock, install } from '@sinonjs/fake-timers';
import type { HttpTrafficMonitor } from './http-traffic-monitor';

// Captured before any clock is installed: the driver itself must wait in real time.
const realSetImmediate = setImmediate;
const nextTurn = () => new Promise<void>((resolve) => realSetImmediate(resolve));

/** Real-time limit for one settle: a request that never answers is a failure, not a hang. */
const SETTLE_LIMIT_NS = 10_000_000_000n;

/**
 * Runs simulated time with real loopback I/O in between. Timers, `Date` and `performance` are
 * faked (the rate limiters read the last two); `setImmediate`, `process.nextTick` and I/O stay
 * real. The driver jumps from one timer to the next (`nextAsync`) and, at each simulated instant,
 * lets real I/O run until no client request is waiting for its answer, so a request and its
 * response happen at the same simulated time, as on a fast network.
 */
export class FakeTimeDriver {
  readonly clock: Clock;
  /** Timers fired so far. */
  steps = 0;
  /**
   * Client requests deliberately held back on the simulated clock (by a latency proxy): they are
   * answered only when simulated time moves on, so settling must not wait for them.
   */
  heldRequests: () => number = () => 0;

  constructor(
    startMs: number,
    private readonly traffic: HttpTrafficMonitor,
  ) {
    this.clock = install({
      now: startMs,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
      shouldClearNativeTimers: false,
    });
  }

  /** Simulated milliseconds since the epoch. */
  now(): number {
    return this.clock.now;
  }

  /** Lets real I/O finish at the current simulated instant. */
  async settle(): Promise<void> {
    const started = process.hrtime.bigint();
    let quietTurns = 0;
    // A few quiet turns: work that follows a response (the limiter's next start, the tracker's
    // next poll) goes through promise chains before its request is visible.
    while (quietTurns < 3) {
      await nextTurn();
      const waiting = this.traffic.clientPending - this.heldRequests();
      if (waiting > 0) {
        quietTurns = 0;
        if (process.hrtime.bigint() - started > SETTLE_LIMIT_NS) {
          throw new Error(`${waiting} HTTP requests unanswered after 10 s of real time`);
        }
      } else {
        quietTurns++;
      }
    }
  }

  /** Advances simulated time to `endMs`, firing every timer due on the way, each followed by `settle`. */
  async runUntil(endMs: number): Promise<void> {
    await this.settle();
    let reached = false;
    const sentinel = this.clock.setTimeout(
      () => {
        reached = true;
      },
      Math.max(0, endMs - this.clock.now),
    );
    try {
      while (!reached) {
        await this.clock.nextAsync();
        this.steps++;
        await this.settle();
      }
    } finally {
      this.clock.clearTimeout(sentinel);
    }
  }

  uninstall(): void {
    this.clock.uninstall();
  }
}
