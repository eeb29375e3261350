import { randomUuid } from '../core/random-ids';
import { jsonResponse } from '../http/http-responses';
import type { SandboxResponse } from '../http/http-types';

/**
 * A Finrax error body: `{requestId, message}`.
 *
 * @example
 * finraxError(409, 'Payment with this clientPaymentId already exists')
 */
export function finraxError(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { requestId: randomUuid(), message });
}

/** Thrown inside Finrax handlers, answered as {@link finraxError}. */
export class FinraxFailure extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 415,
    message: string,
  ) {
    super(message);
  }
}
