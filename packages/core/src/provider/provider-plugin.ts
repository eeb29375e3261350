import type { z } from 'zod';
import type { RateLimiter } from '../http/rate-limiter';
import type { Logger } from '../logger';
import type { AccountState } from '../store/store';
import type { PaymentProvider } from './payment-provider';
import type { OperationName, ProviderCapabilities } from './provider-capabilities';

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
 * The schemas of an adapter's `providerOptions.<type>` per operation, e.g. `{ createPayment:
 * finraxPaymentOptionsSchema }`. Only the client's types read them: each adapter still validates
 * its own options at runtime.
 */
export type ProviderOptionsSchemas = { readonly [Operation in OperationName]?: z.ZodType };

/**
 * The object an adapter package exports so the client can create accounts from plain config.
 * `Type` is the literal `type` of config (keep it literal: write the plugin with
 * {@link definePlugin} or `satisfies`, not a `ProviderPlugin<…>` annotation, so `createPaymux`
 * can type each account's settings by it).
 *
 * @example
 * export const plugin = definePlugin({
 *   type: 'finrax', settingsSchema: finraxSettingsSchema, capabilities, secretFields: ['apiKey', 'apiSecret'],
 *   providerOptionsSchemas: { createPayment: finraxPaymentOptionsSchema },
 *   create: (settings, context) => createFinrax({ ...settings, account: context.account }),
 * });
 */
export interface ProviderPlugin<
  Settings extends z.ZodType = z.ZodType,
  Api = unknown,
  Type extends string = string,
  Options extends ProviderOptionsSchemas = ProviderOptionsSchemas,
> {
  /** The `type` value in config, e.g. `finrax`. */
  readonly type: Type;
  /** Strict schema of the account settings (without `type`). */
  readonly settingsSchema: Settings;
  /** The static capability map, for docs and routing before any account is created. */
  readonly capabilities: ProviderCapabilities;
  /** Settings keys that hold secrets: redacted everywhere. */
  readonly secretFields: readonly string[];
  /** The schemas of `providerOptions.<type>` per operation, so calls type them. */
  readonly providerOptionsSchemas?: Options;
  create(settings: z.output<Settings>, context: ProviderContext): PaymentProvider<Api>;
}

/**
 * Returns the plugin as given, keeping its literal `type`, settings schema, API and option
 * schemas in its type: what lets `createPaymux` check each account's settings at compile time.
 *
 * @example
 * export const plugin = definePlugin({
 *   type: 'acme', settingsSchema: acmeSettingsSchema, capabilities: acmeCapabilities, secretFields: ['apiKey'],
 *   create: (settings, context) => createAcme(settings, context),
 * });
 */
export function definePlugin<
  const Type extends string,
  Settings extends z.ZodType,
  Api,
  const Options extends ProviderOptionsSchemas = Record<never, never>,
>(plugin: ProviderPlugin<Settings, Api, Type, Options>): ProviderPlugin<Settings, Api, Type, Options> {
  return plugin;
}
