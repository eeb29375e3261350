import type { TrackerClock } from './tracker-options';

interface Slot {
  at: number;
  /** Insertion order, so that items due at the same time run in the order they were scheduled. */
  order: number;
  run: () => void;
  cancelled: boolean;
}

/** A handle to cancel one scheduled callback. */
export interface QueuedTimer {
  cancel(): void;
}

/**
 * Many callbacks on one clock timer: a binary min-heap of due times, and a single `setTimeout` for
 * the earliest. Ten thousand tracked objects cost one pending timer instead of ten thousand,
 * which keeps fake clocks (which scan every pending timer on each tick) fast.
 */
export class TimerQueue {
  private readonly heap: Slot[] = [];
  private order = 0;
  private armed: { at: number; handle: unknown } | undefined;

  constructor(private readonly clock: TrackerClock) {}

  /** Runs `run` `delayMs` from now. */
  schedule(delayMs: number, run: () => void): QueuedTimer {
    const slot: Slot = {
      at: this.clock.now() + Math.max(0, delayMs),
      order: this.order++,
      run,
      cancelled: false,
    };
    this.push(slot);
    this.arm();
    return {
      cancel: () => {
        slot.cancelled = true;
      },
    };
  }

  /** Drops every callback and the clock timer. */
  clear(): void {
    this.heap.length = 0;
    if (this.armed) this.clock.clearTimeout(this.armed.handle);
    this.armed = undefined;
  }

  private arm(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    const first = this.heap[0];
    if (!first) {
      if (this.armed) this.clock.clearTimeout(this.armed.handle);
      this.armed = undefined;
      return;
    }
    if (this.armed && this.armed.at <= first.at) return;
    if (this.armed) this.clock.clearTimeout(this.armed.handle);
    const at = first.at;
    this.armed = { at, handle: this.clock.setTimeout(() => this.fire(), Math.max(0, at - this.clock.now())) };
  }

  private fire(): void {
    this.armed = undefined;
    const now = this.clock.now();
    const due: Slot[] = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const slot = this.pop();
      if (!slot.cancelled) due.push(slot);
    }
    for (const slot of due) if (!slot.cancelled) slot.run();
    this.arm();
  }

  private before(a: Slot, b: Slot): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private push(slot: Slot): void {
    const heap = this.heap;
    heap.push(slot);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private pop(): Slot {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === index) break;
        [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
        index = smallest;
      }
    }
    return top;
  }
}
