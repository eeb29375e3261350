import type { Logger, ProviderPlugin, ProxySetting, Transport } from '@paymux/core';
import { z } from 'zod';
import { routingRuleSchema, type RoutingRuleInput } from '../routing/routing-rules';
import { configProxySchema, configTransportSchema } from './connection-defaults';
import { isStore, type Store } from '@paymux/core';
import { parseStoreLocation, STORE_LOCATION_HINT, type StoreLocation } from '../store/store-location';
import { type TelemetryOptions, telemetryOptionsSchema } from '../telemetry/telemetry-options';
import { type TrackerOptions, trackerOptionsSchema } from '../tracker/tracker-options';

/** Account names end up in keys and URLs: letters, digits, `_`, `-` and `.` only. */
export const accountNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][\w.-]{0,63}$/,
    'must be 1-64 letters, digits, _ . or -, starting with a letter or digit',
  );

/** One provider account: its plugin `type` plus the plugin's own settings (checked by its schema). */
export const accountConfigSchema = z.looseObject({ type: z.string().min(1) });

function isPlugin(value: unknown): value is ProviderPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const plugin = value as Partial<Record<keyof ProviderPlugin, unknown>>;
  return (
    typeof plugin.type === 'string' &&
    plugin.type.length > 0 &&
    typeof plugin.create === 'function' &&
    typeof (plugin.settingsSchema as { safeParse?: unknown } | undefined)?.safeParse === 'function' &&
    typeof plugin.capabilities === 'object' &&
    plugin.capabilities !== null &&
    Array.isArray(plugin.secretFields)
  );
}

const isLogger = (value: unknown): value is Logger =>
  typeof value === 'object' &&
  value !== null &&
  ['debug', 'info', 'warn', 'error'].every(
    (level) => typeof (value as Record<string, unknown>)[level] === 'function',
  );

export const pluginSchema = z.custom<ProviderPlugin>(isPlugin, {
  message: 'must be a provider plugin: { type, settingsSchema, capabilities, secretFields, create }',
});

export const routingConfigSchema = z.strictObject({
  /** The account used when no rule matches and the call names none. */
  default: z.string().min(1).optional(),
  /** Checked in order; the first rule that matches wins. */
  rules: z.array(routingRuleSchema).optional(),
  /**
   * Accounts tried in order when the chosen one certainly created nothing (connection refused, a
   * 503, a rate limit). Never after an ambiguous outcome or a timeout.
   */
  fallback: z.array(z.string().min(1)).optional(),
});

export const idempotencyConfigSchema = z.strictObject({
  /** How long a duplicate call waits for a first one running in another instance. Default 30 s. */
  pendingWaitMs: z.number().int().positive().max(600_000).optional(),
  /** A pending record older than this is treated as an ambiguous outcome. Default 5 min. */
  staleAfterMs: z.number().int().positive().optional(),
});

/** A `Store` object, or a location string the client opens (`'sqlite:…'`, `'postgres://…'`, `'memory:'`). */
export const storeOptionSchema = z.custom<Store | StoreLocation>(
  (value) =>
    isStore(value) || (typeof value === 'string' && !('issue' in parseStoreLocation(value, process.cwd()))),
  { message: STORE_LOCATION_HINT },
);

/** The schema of `createPaymux`'s config. Everything but plugins, store, logger, `now` and the tracker's clock is plain data. */
export const paymuxConfigSchema = z.strictObject({
  plugins: z.array(pluginSchema).optional(),
  providers: z.record(accountNameSchema, accountConfigSchema),
  routing: routingConfigSchema.optional(),
  store: storeOptionSchema.optional(),
  logger: z.custom<Logger>(isLogger, { message: 'must have debug, info, warn and error methods' }).optional(),
  now: z
    .custom<() => Date>((value) => typeof value === 'function', { message: 'must be a function' })
    .optional(),
  idempotency: idempotencyConfigSchema.optional(),
  tracker: trackerOptionsSchema.optional(),
  telemetry: telemetryOptionsSchema.optional(),
  transport: configTransportSchema,
  proxy: configProxySchema.optional(),
});

/** One account in config: `{ type: 'finrax', apiKey: '…', … }`. */
export interface AccountConfig {
  /** The plugin type, e.g. `finrax`. */
  type: string;
  [setting: string]: unknown;
}

/** Routing: a default account, rules (first match wins) and a fallback list. */
export interface RoutingConfig {
  default?: string;
  rules?: RoutingRuleInput[];
  fallback?: string[];
}

/**
 * What `createPaymux` takes. Plain data apart from `plugins`, `store`, `logger` and `now`, so it can
 * be loaded from a file (`loadConfigFile`) and switching providers is a config change.
 *
 * @example
 * const config: PaymuxConfig = {
 *   plugins: [finrax],
 *   providers: { main: { type: 'finrax', apiKey: '…', apiSecret: '…', businessId: '…' } },
 *   routing: { default: 'main' },
 * };
 */
export interface PaymuxConfig {
  plugins?: ProviderPlugin[];
  providers: Record<string, AccountConfig>;
  routing?: RoutingConfig;
  /**
   * Where idempotency records, webhook event ids, object states and tracked objects live:
   * `'sqlite:<path>'`, `'postgres://user:password@host/db'` (needs `@paymux/store-postgres`),
   * `'memory:'` (tests only), or any `Store`. Default: a SQLite file at `.paymux/state.db` under
   * the working directory, opened on first use. `paymux.close()` closes a store given as a string;
   * a `Store` object is closed by whoever created it.
   */
  store?: Store | StoreLocation;
  logger?: Logger;
  /** The clock (tests inject one). */
  now?: () => Date;
  idempotency?: { pendingWaitMs?: number; staleAfterMs?: number };
  /** The status tracker (`paymux.tracker`): schedule, load shedding, auto-tracking, clock. */
  tracker?: TrackerOptions;
  /**
   * OpenTelemetry providers for paymux's spans and metrics (docs/observability.md). Default: the
   * global ones; nothing when `@opentelemetry/api` is not installed.
   */
  telemetry?: TelemetryOptions;
  /**
   * What sends every account's requests (`fetchTransport(fetch)`, `axiosTransport(instance)`…),
   * unless the account sets its own `transport` or `proxy`. Default `node:http`.
   */
  transport?: Transport;
  /**
   * An HTTP CONNECT proxy for every account that sets neither its own `transport` nor `proxy`:
   * a URL (`'http://user:pass@proxy.internal:3128'`), `{ url, noProxy? }`, or
   * `{ fromEnvironment: true }`. Its credentials are secrets, kept out of errors and logs. An
   * account whose plugin has no `proxy` setting is a `ConfigurationError`, never a direct route.
   */
  proxy?: ProxySetting | string;
}
