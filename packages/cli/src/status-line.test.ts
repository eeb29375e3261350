import { describe, expect, it } from 'vitest';
import { TextSink } from './cli-test-support';
import { StatusLine } from './status-line';
import { waitForStatus } from './wait-for-status';

class FakeTty extends TextSink {
  override readonly isTTY: boolean = true;
}

const CLEAR = '\r\u001b[2K';

/** A clock the test moves, for elapsed times that do not depend on the machine's speed. */
function fakeClock() {
  let now = 1_000_000;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('StatusLine', () => {
  it('writes one line per change of status or confirmations when not a terminal', () => {
    const sink = new TextSink();
    const line = new StatusLine(sink, 'payment p1', true);
    line.show({ status: 'requires_payment', elapsedMs: 0 });
    line.show({ status: 'requires_payment', elapsedMs: 2_000 });
    line.show({ status: 'processing', elapsedMs: 4_100, confirmations: '1/3' });
    line.show({ status: 'processing', elapsedMs: 6_000, confirmations: '1/3' });
    line.show({ status: 'processing', elapsedMs: 8_000, confirmations: '2/3' });
    line.show({ status: 'succeeded', elapsedMs: 10_500, confirmations: '3/3' });
    line.finish(true);
    expect(sink.text).toBe(
      [
        '… Waiting for payment p1: requires_payment  0s',
        '… Waiting for payment p1: processing  4s  confirmations 1/3',
        '… Waiting for payment p1: processing  8s  confirmations 2/3',
        '… Waiting for payment p1: succeeded  10s  confirmations 3/3',
        '✓ payment p1: succeeded  10s  confirmations 3/3',
        '',
      ].join('\n'),
    );
    expect(sink.text).not.toContain('\r');
  });

  it('rewrites one line in place on a terminal, and ends it with the outcome', () => {
    const sink = new FakeTty();
    const clock = fakeClock();
    const line = new StatusLine(sink, 'payment p1', true, clock.now);
    line.show({ status: 'requires_payment', elapsedMs: 0 });
    line.show({ status: 'requires_payment', elapsedMs: 2_000 });
    line.show({ status: 'processing', elapsedMs: 3_000, confirmations: '1' });
    line.finish(false);
    expect(sink.text).toBe(
      [
        `${CLEAR}… Waiting for payment p1: requires_payment  0s`,
        `${CLEAR}… Waiting for payment p1: requires_payment  2s`,
        `${CLEAR}… Waiting for payment p1: processing  3s  confirmations 1`,
        `${CLEAR}✗ payment p1: processing  3s  confirmations 1\n`,
      ].join(''),
    );
    // Only the last line stays: one newline, at the end.
    expect(sink.text.match(/\n/g)).toHaveLength(1);
  });

  it('keeps the elapsed time ticking on a terminal between two reads', async () => {
    const sink = new FakeTty();
    const clock = fakeClock();
    const line = new StatusLine(sink, 'payout po1', true, clock.now);
    line.show({ status: 'pending', elapsedMs: 0 });
    clock.advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    line.finish(true);
    expect(sink.text).toContain(`${CLEAR}… Waiting for payout po1: pending  5s`);
    const written = sink.text.length;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(sink.text.length).toBe(written);
  });

  it('stops ticking and ends the line when the wait fails', async () => {
    const sink = new FakeTty();
    const line = new StatusLine(sink, 'payment p1', true);
    line.show({ status: 'processing', elapsedMs: 0 });
    line.abandon();
    const written = sink.text;
    expect(written.endsWith('processing  0s\n')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(sink.text).toBe(written);
  });

  it('writes nothing with --quiet', () => {
    const sink = new FakeTty();
    const line = new StatusLine(sink, 'payment p1', false);
    line.show({ status: 'processing', elapsedMs: 0 });
    line.finish(true);
    expect(sink.text).toBe('');
  });
});

describe('waitForStatus', () => {
  it('reports every read with the time since the wait began, until a final status', async () => {
    const clock = fakeClock();
    const statuses = ['processing', 'processing', 'succeeded'];
    const reads: [string, number][] = [];
    const result = await waitForStatus(
      async () => {
        clock.advance(1_000);
        return { status: statuses.shift() ?? 'succeeded' };
      },
      new Set(['requires_payment', 'processing']),
      {
        intervalMs: 1,
        timeoutMs: 60_000,
        now: clock.now,
        onRead: (value, elapsedMs) => reads.push([value.status, elapsedMs]),
      },
      { status: 'requires_payment' },
    );
    expect(result).toEqual({ value: { status: 'succeeded' }, settled: true });
    expect(reads).toEqual([
      ['requires_payment', 0],
      ['processing', 1_000],
      ['processing', 2_000],
      ['succeeded', 3_000],
    ]);
  });

  it('gives up unsettled at the timeout', async () => {
    const clock = fakeClock();
    const result = await waitForStatus(
      async () => {
        clock.advance(400);
        return { status: 'processing' };
      },
      new Set(['processing']),
      { intervalMs: 1, timeoutMs: 1_000, now: clock.now },
    );
    expect(result.settled).toBe(false);
  });
});
