import { timingSafeEqual } from 'node:crypto';
import { JsonNumber } from '../core/json-value';
import { asObject } from '../core/json-fields';
import { parseJson } from '../core/json-value';
import { jsonResponse } from '../http/http-responses';
import type { SandboxRequest, SandboxResponse } from '../http/http-types';
import { bodyText, mediaTypeOf } from '../http/request-body';

/**
 * A ForumPay error. ForumPay answers errors as `{err, err_code}`, often with HTTP 200: a client
 * must treat any body with an `err` key as an error.
 */
export function forumPayError(
  status: number,
  err: string,
  errCode: string,
  additional?: string,
): SandboxResponse {
  return jsonResponse(status, { err, err_code: errCode, additional });
}

/** Thrown in handlers, answered as {@link forumPayError}. */
export class ForumPayFailure extends Error {
  constructor(
    readonly status: number,
    readonly errCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Checks `Authorization: Basic base64(apiUser:apiSecret)`; an error response when it fails. */
export function checkForumPayAuth(
  request: SandboxRequest,
  apiUser: string,
  apiSecret: string,
): SandboxResponse | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec((request.headers.authorization ?? '').trim());
  if (!match?.[1]) return forumPayError(401, 'No api key', 'api_key_missing');
  const given = Buffer.from(Buffer.from(match[1], 'base64').toString('utf8'));
  const expected = Buffer.from(`${apiUser}:${apiSecret}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return forumPayError(401, 'Invalid API key or authentication failed', 'api_key_invalid');
  }
  return undefined;
}

/**
 * The call's parameters: the query string on GET; form fields or a JSON object on POST (ForumPay's
 * own client posts forms, the seed shows GET). Query parameters are merged under body fields.
 */
export function forumPayParams(request: SandboxRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  if (request.method !== 'POST' || request.rawBody.length === 0) return params;
  const mediaType = mediaTypeOf(request);
  if (mediaType === 'application/json') {
    let object: ReturnType<typeof asObject>;
    try {
      object = asObject(parseJson(bodyText(request)));
    } catch {
      object = undefined;
    }
    if (!object) throw new ForumPayFailure(400, 'invalid_request', 'Request body is not a JSON object');
    for (const [key, value] of Object.entries(object)) {
      if (typeof value === 'string') params.set(key, value);
      else if (value instanceof JsonNumber) params.set(key, value.text);
      else if (typeof value === 'boolean') params.set(key, value ? 'true' : 'false');
    }
    return params;
  }
  for (const [key, value] of new URLSearchParams(bodyText(request))) params.set(key, value);
  return params;
}

/** A required parameter, or a 400 ForumPay error naming it. */
export function requireParam(params: URLSearchParams, name: string): string {
  const value = params.get(name)?.trim();
  if (!value) throw new ForumPayFailure(400, 'missing_parameter', `Missing parameter: ${name}`);
  return value;
}

/** ForumPay flags arrive as `true`/`false`/`1`/`0`. */
export function flagParam(params: URLSearchParams, name: string): boolean {
  const value = params.get(name)?.trim().toLowerCase();
  return value === 'true' || value === '1' || value === 'yes';
}
