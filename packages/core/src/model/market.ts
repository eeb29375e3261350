import { z } from 'zod';
import { decimalStringSchema } from '../decimal';
import { assetSchema, moneySchema } from '../money';

const isoDate = z.string().datetime({ offset: true });

/** A price quote: how much of `to` one gets for `from`. */
export const quoteSchema = z.object({
  provider: z.string(),
  from: moneySchema,
  to: moneySchema,
  /** Price of one unit of `to.currency` in `from.currency`. */
  rate: decimalStringSchema,
  networkFee: moneySchema.optional(),
  expiresAt: isoDate.optional(),
  raw: z.unknown(),
});
export type Quote = z.infer<typeof quoteSchema>;

/** A balance of one wallet or asset held at the provider. */
export const balanceSchema = z.object({
  provider: z.string(),
  asset: assetSchema.optional(),
  currency: z.string(),
  available: decimalStringSchema,
  pending: decimalStringSchema.optional(),
  address: z.string().optional(),
  raw: z.unknown(),
});
export type Balance = z.infer<typeof balanceSchema>;

/** A currency a provider accepts, with its limits. */
export const currencyInfoSchema = z.object({
  provider: z.string(),
  symbol: z.string(),
  name: z.string().optional(),
  networks: z.array(z.string()),
  canPayIn: z.boolean(),
  canPayOut: z.boolean(),
  minAmount: decimalStringSchema.optional(),
  maxAmount: decimalStringSchema.optional(),
  decimals: z.number().int().nonnegative().optional(),
  raw: z.unknown(),
});
export type CurrencyInfo = z.infer<typeof currencyInfoSchema>;

/** An estimate of what a payout will cost. */
export const payoutFeeEstimateSchema = z.object({
  provider: z.string(),
  amount: moneySchema,
  fee: moneySchema,
  minAmount: decimalStringSchema.optional(),
  maxAmount: decimalStringSchema.optional(),
  raw: z.unknown(),
});
export type PayoutFeeEstimate = z.infer<typeof payoutFeeEstimateSchema>;

/** The answer to `validateAddress`. */
export const addressValidationSchema = z.object({
  valid: z.boolean(),
  supported: z.boolean(),
  asset: assetSchema,
  address: z.string(),
});
export type AddressValidation = z.infer<typeof addressValidationSchema>;

/** A page of results with an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
