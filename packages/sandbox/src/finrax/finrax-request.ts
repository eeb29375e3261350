import type { JsonObject } from '../core/json-fields';
import { readDecimal, readText } from '../core/json-fields';
import type { SandboxRequest } from '../http/http-types';
import { jsonObjectBody, mediaTypeOf } from '../http/request-body';
import { FinraxFailure } from './finrax-errors';

/** The JSON object body of a POST/PATCH: 415 without a JSON content type, 400 when malformed. */
export function finraxBody(request: SandboxRequest): JsonObject {
  if (mediaTypeOf(request) !== 'application/json')
    throw new FinraxFailure(415, 'Content-Type must be application/json');
  const body = jsonObjectBody(request);
  if (!body) throw new FinraxFailure(400, 'Malformed JSON request body');
  return body;
}

/** A required string field (400 naming it otherwise). */
export function requiredText(body: JsonObject, key: string): string {
  const value = readText(body, key);
  if (value === undefined) throw new FinraxFailure(400, `${key} must not be blank`);
  return value;
}

/** An optional amount: Finrax documents strings; JSON numbers are accepted and read exactly. */
export function optionalAmount(body: JsonObject, key: string): string | undefined {
  if (body[key] === undefined || body[key] === null) return undefined;
  const value = readDecimal(body, key);
  if (value === undefined) throw new FinraxFailure(400, `${key} must be a decimal number`);
  return value;
}

/** An optional enum field (400 when not one of `allowed`). */
export function optionalEnum<T extends string>(
  body: JsonObject,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = readText(body, key);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new FinraxFailure(400, `${key} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
