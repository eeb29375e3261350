import { connectionSettingsShape, networkIdSchema } from '@paymux/core';
import { z } from 'zod';

/** The provider type of this adapter, as written in paymux config. */
export const FORUMPAY_TYPE = 'forumpay';

/**
 * ForumPay's own hosts. A white-label copy of the "Open API" v2 is reached by giving its
 * `baseUrl` instead (e.g. the seed's `https://api.demoURL.com/v2/`).
 *
 * @example
 * resolveBaseUrl({ environment: 'sandbox' }, forumpayBaseUrls) // "https://sandbox.api.forumpay.com/pay/v2/"
 */
export const forumpayBaseUrls = {
  production: 'https://api.forumpay.com/pay/v2/',
  sandbox: 'https://sandbox.api.forumpay.com/pay/v2/',
} as const;

/**
 * Settings of one ForumPay (or white-label "Open API" v2) account. Strict: an unknown key is an
 * error that names it.
 *
 * @example
 * const settings = forumpaySettingsSchema.parse({
 *   user: 'api-user', secret: process.env.FORUMPAY_SECRET, posId: 'WEB1', environment: 'sandbox',
 * });
 */
export const forumpaySettingsSchema = z.strictObject({
  ...connectionSettingsShape,
  /** API user: the user name of HTTP Basic authentication. */
  user: z.string().min(1),
  /** API secret (the API key): the password of HTTP Basic authentication. */
  secret: z.string().min(1),
  /** Point of sale id sent as `pos_id` on every payment call (`POS1`, `WEB1`, …). */
  posId: z.string().min(1).max(64),
  /** Sent as `locale` on every call (e.g. `en-GB`), for the provider's localized texts. */
  locale: z.string().min(2).max(16).optional(),
  /** Sent as `user` on every call: assigns payments to this ForumPay user. */
  paymentUser: z.string().min(1).max(128).optional(),
  /**
   * How StartPayment is sent: `POST` with form fields (what ForumPay's own client does, the
   * default) or `GET` with query parameters (what the seed shows).
   */
  startPaymentMethod: z.enum(['POST', 'GET']).default('POST'),
  /**
   * Extra ForumPay currency codes and the network each one lives on, for tokens whose chain the
   * adapter cannot know from the code alone, e.g. `{ "USDT": "ethereum" }`.
   */
  currencyNetworks: z.record(z.string().min(1).max(32), networkIdSchema).optional(),
});

/** Settings as given in config (defaults not yet applied). */
export type ForumpaySettingsInput = z.input<typeof forumpaySettingsSchema>;
/** Settings after validation. */
export type ForumpaySettings = z.output<typeof forumpaySettingsSchema>;

/**
 * Settings keys that hold secrets: redacted wherever paymux prints config.
 *
 * @example
 * forumpaySecretFields // ['secret']
 */
export const forumpaySecretFields = ['secret'] as const;
