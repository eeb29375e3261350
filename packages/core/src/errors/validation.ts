import type { z } from 'zod';
import { ValidationError } from './error-classes';

/**
 * Parses merchant input with a strict schema and turns zod's issues into a `ValidationError` that
 * names the first bad field. Used at the top of every operation, before any I/O.
 *
 * @example
 * const input = parseInput(createPaymentInputSchema, raw, { provider: 'finrax', operation: 'createPayment' });
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  context: { provider?: string; operation?: string } = {},
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    // zod reports unknown keys on the parent object; name the first unknown key itself.
    const path =
      issue.code === 'unrecognized_keys' && issue.keys.length > 0
        ? [...issue.path, issue.keys[0]]
        : issue.path;
    return { path: path.map(String).join('.') || '(input)', message: issue.message };
  });
  const first = issues[0];
  const where = context.operation ? `${context.operation}: ` : '';
  throw new ValidationError(`${where}${first ? `${first.path} ${first.message}` : 'invalid input'}`, {
    ...context,
    field: first?.path,
    issues,
  });
}
