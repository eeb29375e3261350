import { ConfigurationError, connectionSettingsShape, type RetryPolicy } from '@paymux/core';
import { z } from 'zod';

/**
 * Strict schema of a mock account's settings (without `type`): the connection settings every
 * adapter accepts, the API key and the webhook secret. An unknown key is an error.
 */
export const mockSettingsSchema = z.strictObject({
  ...connectionSettingsShape,
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey: z.string().min(1),
  /** Key of the HMAC-SHA256 webhook signature. */
  webhookSecret: z.string().min(1),
});

/** Settings of a mock account, as written in config. */
export interface MockProviderSettings {
  apiKey: string;
  webhookSecret: string;
  /** Which preset base URL to use when `baseUrl` is not given (the presets are `.test` hosts). */
  environment?: 'production' | 'sandbox';
  /** The mock API's address, e.g. `createMockApiServer().baseUrl`. */
  baseUrl?: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** Settings keys that hold secrets: redacted everywhere. */
export const mockSecretFields = ['apiKey', 'webhookSecret'] as const;

/** Preset base URLs. `.test` never resolves: a mock account without `baseUrl` cannot reach anything. */
export const mockBaseUrls = {
  production: 'https://api.mock-provider.test',
  sandbox: 'https://sandbox.mock-provider.test',
} as const;

/** Validates settings, naming the bad key in a `ConfigurationError`. */
export function parseMockSettings(
  settings: unknown,
): MockProviderSettings & { environment: 'production' | 'sandbox' } {
  const parsed = mockSettingsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') || '(settings)';
  throw new ConfigurationError(`mock settings: ${path} ${issue?.message ?? 'is invalid'}`, {
    provider: 'mock',
    field: path,
  });
}
