import type { z } from 'zod';
import type { RateLimiter } from '../http/rate-limiter';
import type { Logger } from '../logger';
import type { AccountState } from '../store/store';
import type { PaymentProvider } from './payment-provider';
import type { ProviderCapabilities } from './provider-capabilities';

/** What the client gives an adapter when it creates a provider account. */
export interface ProviderContext {
  /** The account name from config. */
  account: string;
  logger?: Logger;
  /** The account's limiter, shared by direct calls and the tracker. */
  rateLimiter?: RateLimiter;
  /** The current time; injectable for tests. */
  now?: () => Date;
  /**
   * The account's durable key-value space in the client's store: what the adapter must remember
   * later goes here, never into process memory. Absent when an adapter is created on its own;
   * use `accountStateOrMemory(context)`.
   */
  state?: AccountState;
}

/**
 * The object an adapter package exports so the client can create accounts from plain config.
 *
 * @example
 * export const plugin: ProviderPlugin<typeof finraxSettingsSchema> = {
 *   type: 'finrax', settingsSchema: finraxSettingsSchema, capabilities, secretFields: ['apiKey', 'apiSecret'],
 *   create: (settings, context) => createFinrax({ ...settings, account: context.account }),
 * };
 */
export interface ProviderPlugin<Settings extends z.ZodType = z.ZodType, Api = unknown> {
  /** The `type` value in config, e.g. `finrax`. */
  readonly type: string;
  /** Strict schema of the account settings (without `type`). */
  readonly settingsSchema: Settings;
  /** The static capability map, for docs and routing before any account is created. */
  readonly capabilities: ProviderCapabilities;
  /** Settings keys that hold secrets: redacted everywhere. */
  readonly secretFields: readonly string[];
  create(settings: z.output<Settings>, context: ProviderContext): PaymentProvider<Api>;
}
