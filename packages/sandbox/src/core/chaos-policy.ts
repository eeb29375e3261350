import { SeededRandom } from './seeded-random';

/**
 * Faults the sandbox can inject, all off by default. Rates are probabilities in [0, 1].
 *
 * @example
 * await startSandbox({ chaos: { seed: 7, webhookDuplicateRate: 0.5, serverErrorRate: 0.1 } });
 */
export interface ChaosOptions {
  /** Seed of the random choices, so a failing run can be replayed. Default 1. */
  seed?: number;
  /** API requests answered 500/502/503 before anything is processed. */
  serverErrorRate?: number;
  /** API requests processed, then their connection destroyed without an answer (an ambiguous outcome). */
  dropConnectionRate?: number;
  /** Webhooks delivered twice. */
  webhookDuplicateRate?: number;
  /** Webhooks held back long enough for later ones to overtake them. */
  webhookReorderRate?: number;
  /** Every webhook waits a random extra delay up to this many sandbox ms (scaled by `timeScale`). */
  webhookDelayMs?: number;
}

const SERVER_ERRORS = [500, 502, 503] as const;
const REORDER_HOLD_MS = 5_000;

/** Decides, request by request and webhook by webhook, which fault (if any) to inject. */
export class ChaosPolicy {
  private options: ChaosOptions;
  private random: SeededRandom;

  constructor(options: ChaosOptions = {}) {
    this.options = { ...options };
    this.random = new SeededRandom(options.seed ?? 1);
  }

  /** Replaces the options (and reseeds when a seed is given). */
  update(options: ChaosOptions): void {
    this.options = { ...options };
    if (options.seed !== undefined) this.random = new SeededRandom(options.seed);
  }

  /** The current options. */
  current(): ChaosOptions {
    return { ...this.options };
  }

  /** An HTTP status to fail this API request with, or undefined. */
  serverError(): number | undefined {
    if (!this.random.chance(this.options.serverErrorRate)) return undefined;
    return SERVER_ERRORS[this.random.below(SERVER_ERRORS.length)];
  }

  /** Whether to drop this API request's connection after processing it. */
  dropConnection(): boolean {
    return this.random.chance(this.options.dropConnectionRate);
  }

  /** Whether to deliver this webhook twice. */
  duplicateWebhook(): boolean {
    return this.random.chance(this.options.webhookDuplicateRate);
  }

  /** Extra sandbox ms before this webhook's first attempt (delay and reordering). */
  webhookExtraDelay(): number {
    const max = this.options.webhookDelayMs ?? 0;
    let delay = max > 0 ? this.random.below(max + 1) : 0;
    if (this.random.chance(this.options.webhookReorderRate)) delay += Math.max(REORDER_HOLD_MS, max * 2);
    return delay;
  }
}
