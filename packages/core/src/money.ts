import { z } from 'zod';
import { decimalStringSchema, positiveDecimalStringSchema, providerDecimalSchema } from './decimal';
import { networkIdSchema } from './networks';

const currencyCode = z
  .string()
  .min(2)
  .max(16)
  .regex(/^[A-Za-z0-9.]+$/, 'must be a currency code such as "EUR" or "USDT"');

/** An amount in one currency: fiat (ISO 4217) or a crypto symbol. The amount is a decimal string. */
export const moneySchema = z.object({
  amount: decimalStringSchema,
  currency: currencyCode,
});
export type Money = z.infer<typeof moneySchema>;

/** Money given by a merchant as the amount of something: must be positive. */
export const positiveMoneySchema = z.strictObject({
  amount: positiveDecimalStringSchema,
  currency: currencyCode,
});

/** Money read from a provider: numbers are converted to exact decimal strings. */
export const providerMoneySchema = z.object({ amount: providerDecimalSchema, currency: z.string() });

/** A crypto asset on one network, e.g. USDT on tron. */
export const assetSchema = z.object({
  symbol: currencyCode,
  network: networkIdSchema,
  /** Token contract address, where the asset is a token and the provider needs it. */
  contract: z.string().optional(),
});
export type Asset = z.infer<typeof assetSchema>;

/** Builds a `Money` value. @example money('10.50', 'EUR') */
export function money(amount: string, currency: string): Money {
  return { amount, currency };
}
