import { AsyncLocalStorage } from 'node:async_hooks';
import type { PaymuxErrorCode } from '../errors/paymux-error';

/**
 * What the HTTP layer reports about one provider call while it runs, for tracing and metrics.
 * Every argument is an operation name, a status, a code or a count: never a header, a body or a URL.
 */
export interface ProviderCallObserver {
  /** One attempt got an answer (any HTTP status). */
  answered(operation: string, httpStatus: number, attempt: number): void;
  /** A failed attempt is repeated after `delayMs`. */
  retrying(operation: string, code: PaymuxErrorCode, attempt: number, delayMs: number): void;
  /** The rate limiter held one request back this long before it went out. */
  rateLimitWaited(waitedMs: number): void;
}

// One storage per process, shared through a registered symbol: an adapter may load another copy of
// @paymux/core than the client, and its HTTP client must still see the client's observer.
const STORAGE = Symbol.for('paymux.telemetry.providerCallStorage');
type Slot = { [STORAGE]?: AsyncLocalStorage<ProviderCallObserver> };

/**
 * Runs `call` with `observer` receiving what the HTTP clients and rate limiters report meanwhile,
 * however deep in the adapter they run. The storage is created on first use, so a process whose
 * client has no telemetry never enables async context tracking at all.
 *
 * @example
 * const result = await observeProviderCall(
 *   { answered: (op, status) => (lastStatus = status), retrying: () => (retries += 1), rateLimitWaited: () => {} },
 *   () => provider.getPayment(id),
 * );
 */
export function observeProviderCall<T>(observer: ProviderCallObserver, call: () => T): T {
  const slot = globalThis as Slot;
  slot[STORAGE] ??= new AsyncLocalStorage<ProviderCallObserver>();
  return slot[STORAGE].run(observer, call);
}

/** The observer of the provider call running now, if a client observes it. */
export function currentProviderCallObserver(): ProviderCallObserver | undefined {
  return (globalThis as Slot)[STORAGE]?.getStore();
}
