import { parseProviderOptions } from '@paymux/core';
import { z } from 'zod';

/**
 * `providerOptions.finrax` of `createPayment`: what Finrax offers beyond the unified input.
 *
 * @example
 * provider.createPayment({ ..., providerOptions: { finrax: { rateType: 'FIXED', type: 'REUSABLE' } } })
 */
export const finraxPaymentOptionsSchema = z.strictObject({
  /** FIXED keeps the quoted crypto amount until expiry; FLOATING follows the market. */
  rateType: z.enum(['FIXED', 'FLOATING']).optional(),
  /** ONE_TIME (default) takes one payment; REUSABLE keeps its address for further deposits. */
  type: z.enum(['ONE_TIME', 'REUSABLE']).optional(),
  /** Locale of the hosted page for this payment; the account's `locale` otherwise. */
  locale: z.string().min(2).max(16).optional(),
  /** Minutes before the payment expires (Finrax's `expirationMinutes`); overrides `expiresInMinutes`. */
  expirationMinutes: z
    .number()
    .int()
    .nonnegative()
    .max(60 * 24 * 365)
    .optional(),
});
export type FinraxPaymentOptions = z.output<typeof finraxPaymentOptionsSchema>;

/** `providerOptions.finrax` of `createPayout`. */
export const finraxPayoutOptionsSchema = z.strictObject({
  /** Fiat currency the withdrawal is displayed in; the account's `defaultDisplayCurrency` otherwise. */
  displayCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Which balance pays: CRYPTO or FIAT; Finrax's organisation default otherwise. */
  withdrawalAccount: z.enum(['CRYPTO', 'FIAT']).optional(),
});
export type FinraxPayoutOptions = z.output<typeof finraxPayoutOptionsSchema>;

/** An empty options object: for operations that take no Finrax options. */
export const finraxNoOptionsSchema = z.strictObject({});

/**
 * Validates `providerOptions.finrax` of an input; a bad key is a `ValidationError` naming
 * `providerOptions.finrax.<key>`.
 */
export function parseFinraxOptions<Schema extends z.ZodType>(
  schema: Schema,
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  context: { provider: string; operation: string },
): z.output<Schema> {
  return parseProviderOptions('finrax', schema, providerOptions, context);
}
