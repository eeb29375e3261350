import { z } from 'zod';
import { parseInput } from '../errors/validation';

/**
 * Validates `providerOptions.<type>` of an input with the adapter's strict schema; a bad key is a
 * `ValidationError` naming `providerOptions.<type>.<key>`. Absent options parse as `{}`.
 *
 * @example
 * const extra = parseProviderOptions('defexa', defexaListPaymentsOptionsSchema, input.providerOptions, where);
 */
export function parseProviderOptions<Schema extends z.ZodType>(
  type: string,
  schema: Schema,
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  where: { provider: string; operation: string },
): z.output<Schema> {
  const wrapper = z.object({ providerOptions: z.object({ [type]: schema.optional() }).optional() });
  const parsed = parseInput(wrapper, { providerOptions }, where) as {
    providerOptions?: Record<string, z.output<Schema> | undefined>;
  };
  return (parsed.providerOptions?.[type] ?? schema.parse({})) as z.output<Schema>;
}
