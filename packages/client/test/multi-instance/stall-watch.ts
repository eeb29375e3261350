/** A stall of this process's event loop: when it ended (`performance.now()`) and how long it lasted. */
export interface Stall {
  endedAt: number;
  ms: number;
}

/**
 * Records when this process's event loop stalled: a timer due every `everyMs` that fires more
 * than `reportOverMs` late marks a stall. Requests that reach a stalled provider are stamped
 * together when it resumes, so the test lines its arrivals up with these.
 */
export class StallWatch {
  readonly stalls: Stall[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;

  constructor(
    private readonly everyMs = 10,
    private readonly reportOverMs = 50,
  ) {}

  start(): void {
    this.stalls.length = 0;
    this.last = performance.now();
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = now - this.last - this.everyMs;
      if (late > this.reportOverMs) this.stalls.push({ endedAt: now, ms: Math.round(late) });
      this.last = now;
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The longest stall recorded, in milliseconds (0 without one). */
  get longestMs(): number {
    return this.stalls.reduce((longest, stall) => Math.max(longest, stall.ms), 0);
  }

  /** Stalls that overlap `[from, to]`. */
  between(from: number, to: number): Stall[] {
    return this.stalls.filter((stall) => stall.endedAt >= from && stall.endedAt - stall.ms <= to);
  }
}
