import { connectionSettingsShape, resolveBaseUrl } from '@paymux/core';
import { z } from 'zod';

/**
 * Base URLs of the Defexa Business API. The seed names one host for both environments (its
 * sandbox snippets point at the production host too): sandbox credentials select the sandbox.
 */
export const defexaBaseUrls = {
  production: 'https://business.payments.defexa.io/',
  sandbox: 'https://business.payments.defexa.io/',
} as const;

/** What a user-supplied callback signature check receives. */
export interface DefexaSignatureCheck {
  /** The callback body exactly as received. */
  rawBody: string;
  /** The parsed callback body. */
  body: Readonly<Record<string, unknown>>;
  /** The callback's `signature` field, or `undefined` when absent. */
  signature: string | undefined;
}

/**
 * Checks a callback's `signature` field. Defexa has not published how it is computed, so the
 * adapter never guesses; merchants who obtained the recipe plug it in here.
 */
export type DefexaSignatureVerifier = (check: DefexaSignatureCheck) => boolean | Promise<boolean>;

const currencyCode = z.string().regex(/^[A-Z0-9]{2,16}$/, 'must be an upper-case Defexa currency code');

/**
 * Settings of one Defexa account.
 *
 * @example
 * const settings = defexaSettingsSchema.parse({ merchantPrivateKey: process.env.DEFEXA_KEY, callbackUrl: 'https://shop.example/hooks/defexa' });
 */
export const defexaSettingsSchema = z.strictObject({
  ...connectionSettingsShape,
  /** The merchant private key: sent as `Authorization: Bearer …` on every call. */
  merchantPrivateKey: z.string().min(1),
  /** Default notification URL for charges, deposit addresses and payouts. */
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Logo shown on the hosted widget. */
  logoUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** A session token is replaced this many seconds before its `expiration`. */
  sessionRefreshMarginSeconds: z.number().int().min(0).max(3600).default(60),
  /**
   * Merchant wallet address to send payouts from, per Defexa currency code. When a currency is
   * missing, the adapter reads the wallets and uses the only (or the main) wallet of that currency.
   */
  payoutFromAddresses: z.record(currencyCode, z.string().min(1)).optional(),
  /** Optional check of the callback `signature` field, in addition to the read-back. */
  verifyCallbackSignature: z
    .custom<DefexaSignatureVerifier>((value) => typeof value === 'function', 'must be a function')
    .optional(),
});

/** Settings as written in config. */
export type DefexaSettingsInput = z.input<typeof defexaSettingsSchema>;
/** Settings after defaults. */
export type DefexaSettings = z.output<typeof defexaSettingsSchema>;

/** The base URL an account uses: its `baseUrl`, or the preset of its environment. */
export function defexaBaseUrl(settings: Partial<Pick<DefexaSettings, 'baseUrl' | 'environment'>>): string {
  return resolveBaseUrl(settings, defexaBaseUrls);
}
