import type { EventType, WebhookEvent } from '@paymux/core';

type NarrowEvent<E, T> = E extends { type: infer U } ? (T extends U ? E & { type: T } : never) : never;

/**
 * The event announced under one type: `EventOfType<'payment.succeeded'>` has `data: Payment`.
 * Payout types cover both single payouts and batches (`object: 'payout' | 'payout_batch'`).
 */
export type EventOfType<T extends EventType> = NarrowEvent<WebhookEvent, T>;

/**
 * Every event name the client emits, with its listener. `'*'` and `'event'` receive every event;
 * `'error'` receives what a listener threw (listeners never break the pipeline or each other).
 *
 * @example
 * paymux.on('payment.succeeded', (event) => fulfil(event.data.reference));
 * paymux.on('*', (event) => audit.write(event.type, event.id));
 */
export type PaymuxEventListeners = { [T in EventType]: (event: EventOfType<T>) => unknown } & {
  '*': (event: WebhookEvent) => unknown;
  event: (event: WebhookEvent) => unknown;
  error: (error: unknown, event: WebhookEvent | undefined) => unknown;
};

export type PaymuxEventName = keyof PaymuxEventListeners;
