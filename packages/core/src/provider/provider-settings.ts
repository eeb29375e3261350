import { z } from 'zod';

/** Retry settings an account may override. */
export const retrySettingsSchema = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(10),
    baseDelayMs: z.number().int().min(0),
    maxDelayMs: z.number().int().min(0),
    maxRetryAfterSeconds: z.number().min(0),
  })
  .partial();

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
};

/** Picks the base URL: the explicit one, or the preset of the environment. */
export function resolveBaseUrl(
  settings: { baseUrl?: string | undefined; environment?: 'production' | 'sandbox' | undefined },
  presets: { production: string; sandbox: string },
): string {
  return settings.baseUrl ?? presets[settings.environment ?? 'production'];
}
