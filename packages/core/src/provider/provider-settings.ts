import { z } from 'zod';
import type { ProxySetting } from '../http/proxy';
import type { Transport } from '../http/transport';

/** Retry settings an account may override. */
export const retrySettingsSchema = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(10),
    baseDelayMs: z.number().int().min(0),
    maxDelayMs: z.number().int().min(0),
    maxRetryAfterSeconds: z.number().min(0),
  })
  .partial();

/** The `proxy` setting (see `ProxySetting`): strict, and its URL never quoted in an issue. */
export const proxySettingSchema: z.ZodType<ProxySetting> = z.union([
  z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'expected an http: or https: proxy URL' }),
    noProxy: z.array(z.string().min(1)).optional(),
  }),
  z.strictObject({ fromEnvironment: z.literal(true) }),
]);

/**
 * Settings every adapter accepts besides its credentials: spread `connectionSettingsShape` into
 * the adapter's strict settings schema.
 *
 * @example
 * export const finraxSettingsSchema = z.strictObject({ ...connectionSettingsShape, apiKey: z.string().min(1) });
 */
export const connectionSettingsShape = {
  /** Which preset base URL to use when `baseUrl` is not given. */
  environment: z.enum(['production', 'sandbox']).default('production'),
  /** Overrides the preset, e.g. a white-label host or the local `@paymux/sandbox`. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Per-request timeout in milliseconds. */
  timeoutMs: z.number().int().positive().max(120_000).optional(),
  retry: retrySettingsSchema.optional(),
  /**
   * An HTTP CONNECT proxy: `{ url, noProxy? }`, or `{ fromEnvironment: true }` to honour
   * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (never read otherwise). Its credentials are secrets.
   */
  proxy: proxySettingSchema.optional(),
  /** What sends the requests: `fetchTransport(fetch)`, `axiosTransport(instance)`… (default `node:http`). */
  transport: z
    .custom<Transport>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as Transport).send === 'function' &&
        typeof (value as Transport).name === 'string',
      { message: 'expected a paymux Transport (fetchTransport(fetch), axiosTransport(axios)…)' },
    )
    .optional(),
};

/** Picks the base URL: the explicit one, or the preset of the environment. */
export function resolveBaseUrl(
  settings: { baseUrl?: string | undefined; environment?: 'production' | 'sandbox' | undefined },
  presets: { production: string; sandbox: string },
): string {
  return settings.baseUrl ?? presets[settings.environment ?? 'production'];
}
