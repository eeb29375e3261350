import { TimeoutError } from '@paymux/core';
import type { ForumpayCallOptions } from './forumpay-client';

/**
 * One time budget shared by every request of a task (a webhook verification: its transaction
 * search, its CheckPayment, and every retry of each). Each call gets the shared `signal`, which
 * aborts requests in flight and retry back-offs alike when the budget is spent, and a per-attempt
 * timeout no longer than what is left.
 *
 * @example
 * const deadline = startForumpayDeadline(1_600, 'pos');
 * try { await api.checkPayment(params, deadline.callOptions()); } finally { deadline.dispose(); }
 */
export interface ForumpayDeadline {
  /** Aborted, with a `TimeoutError` as reason, once the budget is spent. */
  readonly signal: AbortSignal;
  /** Milliseconds left (0 once spent). */
  remainingMs(): number;
  /** Whether the budget is spent. */
  expired(): boolean;
  /** Call options for the next request; throws the deadline's `TimeoutError` when none is left. */
  callOptions(): ForumpayCallOptions;
  /** The error that says the budget ran out. */
  readonly error: TimeoutError;
  /** Waits for `work` (a store read, say) no longer than the budget allows. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Stops the timer; call when the task ends. */
  dispose(): void;
}

/** Starts a deadline `budgetMs` from now. */
export function startForumpayDeadline(budgetMs: number, account: string): ForumpayDeadline {
  const endsAt = performance.now() + budgetMs;
  const controller = new AbortController();
  const error = new TimeoutError(`forumpay: the ${budgetMs} ms verification deadline passed`, {
    provider: account,
    operation: 'parseWebhook',
    retryable: true,
  });
  const timer = setTimeout(() => controller.abort(error), budgetMs);
  timer.unref?.();
  const remainingMs = () => Math.max(0, Math.floor(endsAt - performance.now()));
  return {
    signal: controller.signal,
    error,
    remainingMs,
    expired: () => controller.signal.aborted || remainingMs() === 0,
    callOptions() {
      const left = remainingMs();
      if (left === 0 || controller.signal.aborted) throw error;
      return { signal: controller.signal, timeoutMs: left, priority: 'high' };
    },
    race<T>(work: Promise<T>): Promise<T> {
      if (controller.signal.aborted) return Promise.reject(error);
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(error);
        controller.signal.addEventListener('abort', onAbort, { once: true });
        work.then(
          (value) => {
            controller.signal.removeEventListener('abort', onAbort);
            resolve(value);
          },
          (failure: unknown) => {
            controller.signal.removeEventListener('abort', onAbort);
            reject(failure);
          },
        );
      });
    },
    dispose: () => clearTimeout(timer),
  };
}
