import type { Logger } from '@paymux/core';
import type { Store } from '@paymux/core';

// Symbol tokens, so nothing in the container depends on class names or decorators.

/** The client's `Store`. */
export const STORE: unique symbol = Symbol('paymux.store');
/** The client's logger, already wrapped to redact secrets. */
export const LOGGER: unique symbol = Symbol('paymux.logger');
/** The clock. */
export const CLOCK: unique symbol = Symbol('paymux.clock');

export interface TokenTypes {
  [STORE]: Store;
  [LOGGER]: Logger;
  [CLOCK]: () => Date;
}
