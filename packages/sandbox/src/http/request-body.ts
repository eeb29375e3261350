import type { JsonObject } from '../core/json-fields';
import { asObject } from '../core/json-fields';
import { parseJson } from '../core/json-value';
import type { SandboxRequest } from './http-types';

/** The media type of the request, lowercase, without parameters (`''` when absent). */
export function mediaTypeOf(request: SandboxRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The body as text (UTF-8). */
export function bodyText(request: SandboxRequest): string {
  return request.rawBody.toString('utf8');
}

/**
 * The body as a JSON object: `{}` for an empty body, `undefined` when it is not a JSON object.
 * Numbers keep their exact text (see `JsonNumber`).
 */
export function jsonObjectBody(request: SandboxRequest): JsonObject | undefined {
  const text = bodyText(request).trim();
  if (text === '') return {};
  try {
    return asObject(parseJson(text));
  } catch {
    return undefined;
  }
}

/** The body as form fields (`application/x-www-form-urlencoded`). */
export function formBody(request: SandboxRequest): URLSearchParams {
  return new URLSearchParams(bodyText(request));
}
