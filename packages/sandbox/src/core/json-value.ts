import { decimalFromJsonNumber } from './decimal-amount';

/**
 * A JSON number kept as the exact text it was written with, so that amounts read from a request
 * or written into a response never pass through a float.
 */
export class JsonNumber {
  constructor(readonly text: string) {}

  /** The value as a plain decimal string (`"1e-7"` → `"0.0000001"`). */
  toDecimal(): string {
    return decimalFromJsonNumber(this.text) ?? this.text;
  }
}

/** A parsed JSON document whose numbers are {@link JsonNumber}s. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** What {@link writeJson} accepts: JSON values, safe integers as numbers, and `undefined` (omitted). */
export type JsonOut =
  | null
  | undefined
  | boolean
  | string
  | number
  | JsonNumber
  | readonly JsonOut[]
  | { readonly [key: string]: JsonOut };

/** Writes decimal text as a JSON number (e.g. Finrax amounts, Defexa `13.0`). */
export function rawNumber(decimal: string): JsonNumber {
  return new JsonNumber(decimal);
}

/** Serialises a value, writing {@link JsonNumber}s verbatim. */
export function writeJson(value: JsonOut): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`Only integers may be written as numbers: ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(item)).join(',')}]`;
  const record = value as { readonly [key: string]: JsonOut };
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${writeJson(record[key])}`);
  return `{${members.join(',')}}`;
}

const NUMBER_TEXT = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text, keeping numbers as {@link JsonNumber}s. Throws SyntaxError on bad input. */
export function parseJson(text: string): JsonValue {
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`Invalid JSON at position ${at}: ${what}`);
  };
  const skipSpace = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const readString = (): string => {
    const start = at;
    at += 1;
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '\\') at += 2;
      else if (char === '"') break;
      else at += 1;
    }
    if (at >= text.length) fail('unterminated string');
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (): JsonValue => {
    skipSpace();
    const char = text.charAt(at);
    if (char === '{') {
      at += 1;
      const result: { [key: string]: JsonValue } = {};
      skipSpace();
      if (text.charAt(at) === '}') {
        at += 1;
        return result;
      }
      for (;;) {
        skipSpace();
        if (text.charAt(at) !== '"') fail('expected a key');
        const key = readString();
        skipSpace();
        if (text.charAt(at) !== ':') fail('expected ":"');
        at += 1;
        result[key] = readValue();
        skipSpace();
        if (text.charAt(at) === ',') at += 1;
        else if (text.charAt(at) === '}') {
          at += 1;
          return result;
        } else fail('expected "," or "}"');
      }
    }
    if (char === '[') {
      at += 1;
      const items: JsonValue[] = [];
      skipSpace();
      if (text.charAt(at) === ']') {
        at += 1;
        return items;
      }
      for (;;) {
        items.push(readValue());
        skipSpace();
        if (text.charAt(at) === ',') at += 1;
        else if (text.charAt(at) === ']') {
          at += 1;
          return items;
        } else fail('expected "," or "]"');
      }
    }
    if (char === '"') return readString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    NUMBER_TEXT.lastIndex = at;
    const match = NUMBER_TEXT.exec(text);
    if (!match) return fail('unexpected character');
    at += match[0].length;
    return new JsonNumber(match[0]);
  };
  const value = readValue();
  skipSpace();
  if (at !== text.length) fail('trailing characters');
  return value;
}
