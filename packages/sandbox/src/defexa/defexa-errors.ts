import { jsonResponse } from '../http/http-responses';
import type { SandboxResponse } from '../http/http-types';

/** The engine's error kinds. */
export type DefexaErrorKind =
  | 'api_error'
  | 'authentication_error'
  | 'invalid_request_error'
  | 'processing_error';

/**
 * An engine error: HTTP 403 with `{success:false, result:1, status:403, errors:[{code, kind}]}`.
 *
 * @example
 * defexaError('incorrect_amount', 'invalid_request_error')
 */
export function defexaError(code: string, kind: DefexaErrorKind): SandboxResponse {
  return jsonResponse(403, { success: false, result: 1, status: 403, errors: [{ code, kind }] });
}

/** Thrown inside Defexa handlers and turned into {@link defexaError} at the edge. */
export class DefexaFailure extends Error {
  constructor(
    readonly code: string,
    readonly kind: DefexaErrorKind,
  ) {
    super(code);
  }
}
