import type { CliStream } from './cli-io';

/** One reading of a record being waited on. */
export interface StatusReading {
  status: string;
  elapsedMs: number;
  /** `1/3`, or `1` when the required count is unknown; absent when the record has none. */
  confirmations?: string;
}

const CLEAR_LINE = '\r\u001b[2K';

const seconds = (ms: number) => `${Math.floor(ms / 1000)}s`;

/**
 * The live line of `--wait`, on stderr so stdout keeps the result alone. On a terminal it is one
 * line rewritten in place (status, elapsed time, confirmations), the clock ticking between polls;
 * elsewhere (CI logs, pipes) one line per change of status or confirmations, so a log shows
 * each step once.
 */
export class StatusLine {
  #last: StatusReading | undefined;
  #lastLogged = '';
  #startedAt = 0;
  #ticker: ReturnType<typeof setInterval> | undefined;

  /**
   * @param label What is waited on, e.g. `payment pay_1`.
   * @param now The clock the TTY ticker reads (tests pass a fake).
   */
  constructor(
    private readonly stream: CliStream,
    private readonly label: string,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Shows a reading: redraws the line on a terminal, else writes a line if something changed. */
  show(reading: StatusReading): void {
    if (!this.enabled) return;
    this.#last = reading;
    this.#startedAt = this.now() - reading.elapsedMs;
    if (this.stream.isTTY) {
      this.#draw(reading);
      if (this.#ticker === undefined) {
        this.#ticker = setInterval(() => this.#tick(), 1000);
        this.#ticker.unref?.();
      }
      return;
    }
    const change = this.#text('Waiting for ', reading, false);
    if (change === this.#lastLogged) return;
    this.#lastLogged = change;
    this.stream.write(`… ${this.#text('Waiting for ', reading, true)}\n`);
  }

  /** Ends the line with the outcome: `settled` (a final status) or given up. */
  finish(settled: boolean): void {
    if (!this.enabled || this.#last === undefined) return;
    this.#stopTicker();
    const outcome = `${settled ? '✓' : '✗'} ${this.#text('', this.#last, true)}`;
    this.stream.write(this.stream.isTTY ? `${CLEAR_LINE}${outcome}\n` : `${outcome}\n`);
  }

  /** Stops redrawing without an outcome (the read failed); the error is printed by the caller. */
  abandon(): void {
    if (!this.enabled || this.#ticker === undefined) return;
    this.#stopTicker();
    this.stream.write('\n');
  }

  #tick(): void {
    if (this.#last === undefined) return;
    this.#draw({ ...this.#last, elapsedMs: this.now() - this.#startedAt });
  }

  #draw(reading: StatusReading): void {
    this.stream.write(`${CLEAR_LINE}… ${this.#text('Waiting for ', reading, true)}`);
  }

  #stopTicker(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  #text(lead: string, reading: StatusReading, withTime: boolean): string {
    return [
      `${lead}${this.label}: ${reading.status}`,
      withTime ? seconds(reading.elapsedMs) : undefined,
      reading.confirmations === undefined ? undefined : `confirmations ${reading.confirmations}`,
    ]
      .filter((part) => part !== undefined)
      .join('  ');
  }
}
