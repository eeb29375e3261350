import type { Paymux } from '@paymux/client';
import type { WebhookEvent } from '@paymux/core';

interface Waiter {
  match: (event: WebhookEvent) => boolean;
  resolve: (event: WebhookEvent) => void;
}

/**
 * Collects the events the clients announce for webhooks (everything but `verifiedBy: 'direct'`,
 * which comes from the demo's own API calls), so a step can wait for the one it expects.
 */
export class WebhookEventTracker {
  /** Every webhook event announced so far, oldest first. */
  readonly events: WebhookEvent[] = [];
  readonly #waiters = new Set<Waiter>();

  /** Listens to a client's events with `paymux.on('*', …)`. */
  attach(paymux: Paymux): void {
    paymux.on('*', (event) => {
      if (event.verifiedBy === 'direct') return;
      this.events.push(event);
      for (const waiter of this.#waiters) {
        if (waiter.match(event)) {
          this.#waiters.delete(waiter);
          waiter.resolve(event);
        }
      }
    });
  }

  /** The first matching event (already seen or still to come), or undefined after `timeoutMs`. */
  waitFor(match: (event: WebhookEvent) => boolean, timeoutMs: number): Promise<WebhookEvent | undefined> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        match,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
