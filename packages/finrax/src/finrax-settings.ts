import { connectionSettingsShape } from '@paymux/core';
import { z } from 'zod';

/**
 * Base URLs of Finrax's environments. Finrax moved its sandbox from
 * `https://sandbox-payments.finrax.com` to `https://api.sandbox.finrax.com`; the current one is the
 * preset, and `baseUrl` reaches any other host (the older sandbox, `@paymux/sandbox`).
 */
export const finraxBaseUrls = {
  production: 'https://payments.finrax.com',
  sandbox: 'https://api.sandbox.finrax.com',
} as const;

/**
 * Settings of one Finrax account. Strict: an unknown key is an error.
 *
 * @example
 * const settings = finraxSettingsSchema.parse({
 *   apiKey: process.env.FINRAX_KEY, apiSecret: process.env.FINRAX_SECRET,
 *   businessId: '407710f4-de33-454b-a47f-dda792e272c8', callbackPublicKey: process.env.FINRAX_CALLBACK_KEY,
 * });
 */
export const finraxSettingsSchema = z.strictObject({
  ...connectionSettingsShape,
  /** The API key: sent in the `Authorization` header's `API-Key` component. */
  apiKey: z.string().min(1),
  /** The API secret: signs every request (HMAC-SHA256); never sent. */
  apiSecret: z.string().min(1),
  /** The business payments and withdrawals belong to. */
  businessId: z.string().min(1),
  /** Locale of the hosted payment page. */
  locale: z.string().min(2).max(16).default('en-US'),
  /**
   * Finrax's callback public key for this environment (PEM, SPKI or PKCS#1), which verifies the
   * RSA-SHA512 `Signature` header of callbacks. Without it every callback is refused.
   */
  callbackPublicKey: z.string().min(1).optional(),
  /** How far ahead of this server's clock a callback's signed `Timestamp` may be (clock skew), seconds. */
  callbackToleranceSeconds: z
    .number()
    .int()
    .positive()
    .max(24 * 3600)
    .default(300),
  /**
   * How old a validly signed callback `Timestamp` may be, in seconds. Finrax retries a callback
   * every 2 minutes for 24 hours, and nothing says a retry is signed again: a retry may carry its
   * first `Timestamp`. The default, 24 hours plus the tolerance, accepts every genuine retry; a
   * repeat of a delivery already handled has the same event id, and the client drops it.
   */
  callbackMaxAgeSeconds: z
    .number()
    .int()
    .positive()
    .max(7 * 24 * 3600)
    .default(24 * 3600 + 300),
  /**
   * Fiat currency a crypto-denominated withdrawal is displayed in: Finrax requires one on every
   * withdrawal. No default: without it (or `providerOptions.finrax.displayCurrency`), a
   * crypto-sized payout is refused with a `ValidationError` before any request.
   */
  defaultDisplayCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"')
    .optional(),
  /**
   * Path prefix of the API. Finrax serves `/api/v1/...` on `payments.finrax.com`; its newest
   * documents show the same endpoints as `/v1/...` on another host, reachable with `''`.
   */
  pathPrefix: z
    .string()
    .regex(/^(\/[\w.-]+)*$/, 'must be empty or start with "/" and not end with one')
    .default('/api'),
});

/** Finrax settings as given (defaults not yet applied). */
export type FinraxSettingsInput = z.input<typeof finraxSettingsSchema>;
/** Finrax settings after validation. */
export type FinraxSettings = z.output<typeof finraxSettingsSchema>;
