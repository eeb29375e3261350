import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimerQueue } from './timer-queue';
import { systemClock } from './tracker-options';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TimerQueue', () => {
  it('runs callbacks in due order on a single clock timer, skipping cancelled ones', () => {
    const queue = new TimerQueue(systemClock);
    const ran: string[] = [];
    for (const [name, delay] of [
      ['c', 300],
      ['a', 100],
      ['b', 200],
      ['a2', 100],
      ['x', 150],
    ] as const) {
      const timer = queue.schedule(delay, () => ran.push(name));
      if (name === 'x') timer.cancel();
    }
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(150);
    expect(ran).toEqual(['a', 'a2']);
    queue.schedule(10, () => ran.push('d'));
    vi.advanceTimersByTime(1_000);
    expect(ran).toEqual(['a', 'a2', 'd', 'b', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clear drops everything', () => {
    const queue = new TimerQueue(systemClock);
    const ran: number[] = [];
    for (let i = 0; i < 100; i += 1) queue.schedule(i * 10, () => ran.push(i));
    queue.clear();
    vi.advanceTimersByTime(10_000);
    expect(ran).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
