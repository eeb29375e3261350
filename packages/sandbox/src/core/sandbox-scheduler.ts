import type { SandboxClock } from './sandbox-clock';

interface Job {
  dueAt: number;
  run: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Runs work after a delay in sandbox time. A job fires at whichever comes first: its delay
 * multiplied by `timeScale` in real time (so a DePay retry after 15 s takes 15 ms at 0.001), or
 * `advanceTime` moving the sandbox clock past its due time.
 */
export class SandboxScheduler {
  private readonly jobs = new Set<Job>();
  private closed = false;

  constructor(
    private readonly clock: SandboxClock,
    private timeScale: number,
  ) {}

  /** Runs `run` after `delayMs` of sandbox time; returns a function that cancels it. */
  schedule(delayMs: number, run: () => void): () => void {
    if (this.closed) return () => undefined;
    const job: Job = {
      dueAt: this.clock.now() + delayMs,
      run,
      timer: setTimeout(() => this.fire(job), Math.max(0, delayMs * this.timeScale)),
    };
    job.timer.unref();
    this.jobs.add(job);
    return () => {
      clearTimeout(job.timer);
      this.jobs.delete(job);
    };
  }

  /** Fires every job whose due time the sandbox clock has reached (after `advanceTime`). */
  runDue(): void {
    const now = this.clock.now();
    const due = [...this.jobs].filter((job) => job.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    for (const job of due) this.fire(job);
  }

  /** Real milliseconds per sandbox millisecond for scheduled work. */
  scale(): number {
    return this.timeScale;
  }

  /** Cancels everything and refuses new jobs. */
  close(): void {
    this.closed = true;
    for (const job of this.jobs) clearTimeout(job.timer);
    this.jobs.clear();
  }

  private fire(job: Job): void {
    if (!this.jobs.delete(job)) return;
    clearTimeout(job.timer);
    job.run();
  }
}
