import type { Logger, WebhookEvent } from '@paymux/core';
import { EventEmitter } from 'eventemitter3';
import type { PaymuxEventListeners, PaymuxEventName } from './event-map';

// Listeners are kept by identity: the caller's function maps to the wrappers registered for it.
type Wrapped = (...args: unknown[]) => void;

/**
 * The typed event emitter behind `paymux.on(…)`. Listeners are wrapped so that one that throws
 * (or rejects) neither stops the others nor fails the webhook or call that produced the event:
 * the error goes to `'error'` listeners, or to the logger when there are none.
 */
export class PaymuxEvents {
  private readonly emitter = new EventEmitter();
  private readonly wrappers = new Map<PaymuxEventName, Map<unknown, Wrapped[]>>();

  constructor(
    private readonly logger: Logger,
    /** Removes secrets from a listener's error before anyone sees it. */
    private readonly scrub: (error: unknown) => unknown = (error) => error,
  ) {}

  on<N extends PaymuxEventName>(name: N, listener: PaymuxEventListeners[N]): this {
    this.emitter.on(name, this.wrap(name, listener, false));
    return this;
  }

  once<N extends PaymuxEventName>(name: N, listener: PaymuxEventListeners[N]): this {
    this.emitter.once(name, this.wrap(name, listener, true));
    return this;
  }

  off<N extends PaymuxEventName>(name: N, listener: PaymuxEventListeners[N]): this {
    const byListener = this.wrappers.get(name);
    const wrapped = byListener?.get(listener);
    const last = wrapped?.pop();
    if (last) this.emitter.off(name, last);
    if (wrapped && wrapped.length === 0) byListener?.delete(listener);
    return this;
  }

  listenerCount(name: PaymuxEventName): number {
    return this.emitter.listenerCount(name);
  }

  /** Announces one event under its type, then under `'*'` and `'event'`. */
  emit(event: WebhookEvent): void {
    this.emitter.emit(event.type, event);
    this.emitter.emit('*', event);
    this.emitter.emit('event', event);
  }

  private wrap(name: PaymuxEventName, listener: unknown, once: boolean): Wrapped {
    const report = (thrown: unknown, event: unknown) => {
      const error = this.scrub(thrown);
      if (name !== 'error' && this.emitter.listenerCount('error') > 0) {
        this.emitter.emit('error', error, event);
      } else {
        this.logger.error('paymux event listener failed', { event: name, error: String(error) });
      }
    };
    const wrapped: Wrapped = (...args) => {
      if (once) this.forget(name, listener, wrapped);
      try {
        const result = (listener as (...values: unknown[]) => unknown)(...args);
        if (result instanceof Promise) result.catch((error: unknown) => report(error, args[0]));
      } catch (error) {
        report(error, args[0]);
      }
    };
    let byListener = this.wrappers.get(name);
    if (!byListener) {
      byListener = new Map();
      this.wrappers.set(name, byListener);
    }
    byListener.set(listener, [...(byListener.get(listener) ?? []), wrapped]);
    return wrapped;
  }

  private forget(name: PaymuxEventName, listener: unknown, wrapped: Wrapped): void {
    const byListener = this.wrappers.get(name);
    const remaining = (byListener?.get(listener) ?? []).filter((item) => item !== wrapped);
    if (remaining.length > 0) byListener?.set(listener, remaining);
    else byListener?.delete(listener);
  }
}
