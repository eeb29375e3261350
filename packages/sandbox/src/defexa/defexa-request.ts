import { type JsonObject, readText } from '../core/json-fields';
import { jsonObjectBody, mediaTypeOf } from '../http/request-body';
import type { RouteHandler, SandboxRequest, SandboxResponse } from '../http/http-types';
import { checkDefexaBearer, type DefexaSessions } from './defexa-auth';
import { defexaError, DefexaFailure } from './defexa-errors';

/** What Defexa's route handlers share. */
export interface DefexaAuthContext {
  merchantPrivateKey: string;
  sessions: DefexaSessions;
}

/** A Defexa handler: given the parsed body, throws DefexaFailure for engine errors. */
export type DefexaHandler = (request: SandboxRequest, body: JsonObject) => SandboxResponse;

/**
 * Wraps a handler with the engine's checks: the merchant key on every call, JSON bodies, and for
 * `/api/v1/da/*` a live `session_token` (query string on GET, body on POST).
 */
export function defexaRoute(
  auth: DefexaAuthContext,
  needsSession: boolean,
  handler: DefexaHandler,
): RouteHandler {
  return (request) => {
    try {
      checkDefexaBearer(request, auth.merchantPrivateKey);
      const body = parseBody(request);
      if (needsSession) {
        const token =
          request.method === 'GET' ? request.query.get('session_token') : readText(body, 'session_token');
        auth.sessions.check(token ?? request.query.get('session_token') ?? undefined);
      }
      return handler(request, body);
    } catch (error) {
      if (error instanceof DefexaFailure) return defexaError(error.code, error.kind);
      throw error;
    }
  };
}

function parseBody(request: SandboxRequest): JsonObject {
  if (request.method === 'GET' || request.rawBody.length === 0) return {};
  const mediaType = mediaTypeOf(request);
  if (mediaType !== 'application/json')
    throw new DefexaFailure('content_type_not_allowed', 'invalid_request_error');
  const body = jsonObjectBody(request);
  if (!body) throw new DefexaFailure('invalid_json', 'invalid_request_error');
  return body;
}

/** A required string field, or the engine error `code`. */
export function requireText(body: JsonObject, key: string, code: string): string {
  const value = readText(body, key);
  if (value === undefined) throw new DefexaFailure(code, 'invalid_request_error');
  return value;
}
