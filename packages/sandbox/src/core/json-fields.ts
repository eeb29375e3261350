import { isDecimal } from './decimal-amount';
import { JsonNumber, type JsonValue } from './json-value';

/** A JSON object as parsed by `parseJson`. */
export type JsonObject = { [key: string]: JsonValue };

/** The value as a JSON object, or undefined. */
export function asObject(value: JsonValue | undefined): JsonObject | undefined {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  if (Array.isArray(value) || value instanceof JsonNumber) return undefined;
  return value;
}

/** A non-empty string field (JSON numbers are accepted and written back as their text). */
export function readText(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (value instanceof JsonNumber) return value.text;
  return undefined;
}

/** A decimal amount given as a JSON number or a decimal string; undefined when absent or malformed. */
export function readDecimal(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  if (value instanceof JsonNumber) return value.toDecimal();
  if (typeof value === 'string' && isDecimal(value.trim())) return value.trim();
  return undefined;
}

/** A non-negative integer given as a JSON number or a digit string. */
export function readInteger(object: JsonObject, key: string): number | undefined {
  const value = object[key];
  const text = value instanceof JsonNumber ? value.text : typeof value === 'string' ? value.trim() : '';
  return /^\d{1,15}$/.test(text) ? Number.parseInt(text, 10) : undefined;
}

/** A boolean given as JSON true/false or as the strings "true"/"false"/"1"/"0". */
export function readBoolean(object: JsonObject, key: string): boolean | undefined {
  const value = object[key];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' || value instanceof JsonNumber) {
    const text = typeof value === 'string' ? value : value.text;
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
  }
  return undefined;
}
