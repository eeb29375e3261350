// Characters JSON.stringify would escape in a string: quote, backslash, controls, and surrogates
// (a lone one is escaped; a pair is not, but the slow path gets that right too).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(parts)` for a list of strings, written without building an array when no part
 * needs escaping. Store keys (event ids, object states) are built this way on every webhook and
 * call, and shared stores hold them: the text must stay exactly what JSON.stringify gives.
 *
 * @example
 * jsonTupleKey(['payment', 'main', 'pay_1']) // '["payment","main","pay_1"]'
 */
export function jsonTupleKey(parts: readonly string[]): string {
  let key = '[';
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    if (NEEDS_ESCAPE.test(part)) return JSON.stringify(parts);
    key += index === 0 ? `"${part}"` : `,"${part}"`;
  }
  return `${key}]`;
}
