/**
 * The sandbox's notion of "now": the real clock plus an offset that `advanceTime` moves forward,
 * so session lifetimes, expirations and retry schedules can be crossed without waiting.
 */
export class SandboxClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, sandbox time. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Sandbox time as an ISO-8601 string with milliseconds. */
  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves sandbox time forward by `ms` (never backwards). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceTime needs a non-negative number of ms');
    this.offsetMs += ms;
  }
}

/** `2023-03-28 22:52:59 UTC`, the way the ReactivePay engine writes times. */
export function formatUtcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `2022-11-10 08:43:33`, the way ForumPay writes times. */
export function formatPlainSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
