import { connectionSettingsShape, networkIdSchema } from '@paymux/core';
import { z } from 'zod';
import { depayPublicKeyProblem } from './depay-public-key';

/**
 * Base URL presets. DePay has one public API and no separate sandbox: tests use the public,
 * heavily rate-limited test key against the same host, so both presets point at it. The seed's
 * older host `https://api.depay.fi/v2` still answers and can be set with `baseUrl`.
 */
export const depayBaseUrls = {
  production: 'https://api.depay.com/v2',
  sandbox: 'https://api.depay.com/v2',
} as const;

/**
 * DePay's published global public key (2048-bit RSA) that verifies callback signatures. Used
 * when the settings give no `publicKey`.
 */
export const DEPAY_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtqsu0wy94cpz90W4pGsJ
Sf0bfvmsq3su+R1J4AoAYz0XoAu2MXJZM8vrQvG3op7OgB3zze8pj4joaoPU2piT
dH7kcF4Mde6QG4qKEL3VE+J8CL3qK2dUY0Umu20x/O9O792tlv8+Q/qAVv8yPfdM
n5Je9Wc7VI5XeIBKP2AzsCkrXuzQlR48Ac5LpViNSSLu0mz5NTBoHkW2sz1sNWc6
UpYISJkiKTvYc8Bo4p5xD6+ZmlL4hj1Ad/+26SjYcisX2Ut4QD7YKRBP2SbItVkI
qp9mp6c6MCKNmEUkosxAr0KVfOcrk6/fcc4tI8g+KYZ32G11Ri8Xo4fgHH06DLYP
3QIDAQAB
-----END PUBLIC KEY-----
`;

/** A merchant wallet on one chain: the default receiver there and a source of balances. */
export const depayWalletSchema = z.strictObject({
  network: networkIdSchema,
  address: z.string().min(1).max(128),
});
export type DepayWallet = z.infer<typeof depayWalletSchema>;

/**
 * Settings of one DePay account. Strict: an unknown key is a configuration error.
 *
 * @example
 * const settings = depaySettingsSchema.parse({
 *   apiKey: process.env.DEPAY_API_KEY,
 *   wallets: [{ network: 'bsc', address: '0xab5801a7d398351b8be11c439e05c5b3259aec9b' }],
 * });
 */
export const depaySettingsSchema = z.strictObject({
  ...connectionSettingsShape,
  /** Sent as `x-api-key`. */
  apiKey: z.string().min(1),
  /**
   * PEM RSA public key (2048 bits or more) that verifies DePay's signatures of callbacks and of
   * `GET /payments/{id}` answers; DePay's published key when absent. Checked when the config is
   * read, so a bad key fails `createPaymux` instead of every callback.
   */
  publicKey: z
    .string()
    .min(1)
    .superRefine((pem, check) => {
      const problem = depayPublicKeyProblem(pem);
      if (problem) check.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /**
   * Secret from which tracking uuids are derived (HMAC of the idempotency key), so that a retry
   * with the same key reaches the same tracking. Defaults to `apiKey`; set it when `apiKey` is
   * DePay's public test key, which would make derived uuids guessable.
   */
  uuidSecret: z.string().min(16).optional(),
  /** The merchant's receiving wallets: default receiver per chain, and what `getBalances` reads. */
  wallets: z.array(depayWalletSchema).max(50).optional(),
  /**
   * How a successful callback is answered: `release` (HTTP 200, DePay forwards the customer at
   * once) or `hold` (HTTP 202: call `releasePayment(paymentId)` once your own processing is done).
   */
  callbackAnswer: z.enum(['release', 'hold']).default('release'),
  /** Attempts of `POST /payments/release` before giving up (DePay asks to retry until 200). */
  releaseAttempts: z.number().int().min(1).max(20).default(6),
});

export type DepaySettings = z.output<typeof depaySettingsSchema>;
export type DepaySettingsInput = z.input<typeof depaySettingsSchema>;
