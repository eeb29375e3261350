import { z } from 'zod';
import { providerDecimalSchema } from '../decimal';

// Lenient pieces of response schemas that every adapter needs: written once here.

/**
 * An amount in a provider response that may be missing, `null` or `""`: an exact decimal string
 * (from a JSON number or a string), else `undefined`.
 *
 * @example
 * z.looseObject({ refund: optionalWireDecimal }).parse({ refund: '' }) // { refund: undefined }
 */
export const optionalWireDecimal = z
  .union([z.null(), z.literal(''), providerDecimalSchema])
  .optional()
  .transform((value) => (value === null || value === '' ? undefined : value));

/**
 * An id sent as a string or a number (`661`, `"661"`): always a string.
 *
 * @example
 * wireIdSchema.parse(661) // '661'
 */
export const wireIdSchema = z.union([z.string(), z.number(), z.bigint()]).transform(String);
