import type { z } from 'zod';
import { parseInput } from '../errors/validation';

// Which schema each already-parsed input passed. Keyed weakly by the parsed object itself, so it
// holds no state beyond the input's own life, and only core's parse can put an object in it.
const validatedBy = new WeakMap<object, z.ZodType>();

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
}

/**
 * `parseInput`, remembering that its result passed `schema`: `defineProvider` then hands that
 * very object to the adapter without parsing it a second time. The result is frozen (deeply), so
 * what was validated is what the adapter gets. Anything else reaching an operation (a plain
 * object, or one parsed with another schema) is parsed by `defineProvider` as always.
 *
 * @example
 * const input = parseOperationInput(createPaymentInputSchema, raw, { operation: 'createPayment' });
 * await provider.createPayment(input); // not parsed again
 */
export function parseOperationInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  context: { provider?: string; operation?: string } = {},
): z.output<T> {
  const parsed = parseInput(schema, value, context);
  if (typeof parsed === 'object' && parsed !== null) {
    deepFreeze(parsed);
    validatedBy.set(parsed, schema);
  }
  return parsed;
}

/**
 * Whether `value` is the result of `parseOperationInput` with this very `schema`.
 *
 * @example
 * if (!wasParsedWith(input, createPaymentInputSchema)) input = parseInput(createPaymentInputSchema, input);
 */
export function wasParsedWith(value: unknown, schema: z.ZodType): boolean {
  return typeof value === 'object' && value !== null && validatedBy.get(value) === schema;
}
