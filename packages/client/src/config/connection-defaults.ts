import {
  connectionSettingsShape,
  type ProxySetting,
  proxySettingSchema,
  resolveProxy,
  type Transport,
  type ValidationIssue,
} from '@paymux/core';
import { z } from 'zod';

/**
 * The config-wide `proxy`: a setting as an account takes it, or (as a JSON config file holds it) a
 * plain URL string. Its issues never quote the URL, which may hold a password.
 */
export const configProxySchema = z.union([
  z
    .url({ protocol: /^https?$/, error: 'expected an http: or https: proxy URL' })
    .transform((url): ProxySetting => ({ url })),
  proxySettingSchema,
]);

/** The config-wide `transport`: the same check an account's `transport` gets. */
export const configTransportSchema = connectionSettingsShape.transport;

/** What every account uses unless it sets its own `transport` or `proxy`. */
export interface ConnectionDefaults {
  transport?: Transport | undefined;
  proxy?: ProxySetting | undefined;
}

/** The settings a config-wide default may fill in. */
const routeKeys = ['transport', 'proxy'] as const;

/**
 * Issues of the config-wide defaults themselves: a proxy together with a transport is refused, as
 * it is in one account, because that transport carries its own proxy and the config-wide one
 * would be ignored.
 */
export function connectionDefaultsIssues(defaults: ConnectionDefaults): ValidationIssue[] {
  if (defaults.transport === undefined || defaults.proxy === undefined) return [];
  return [
    {
      path: 'proxy',
      message:
        'a config-wide proxy cannot go with a config-wide transport (that transport carries its own proxy); set one of them',
    },
  ];
}

/**
 * The account's settings with the config-wide defaults filled in, and the keys that were filled.
 * An account that sets its own `transport` or `proxy` takes neither default: its choice is its
 * whole route (a transport of its own with the config-wide proxy would be refused, a proxy of its
 * own needs the default transport).
 */
export function withConnectionDefaults(
  settings: Record<string, unknown>,
  defaults: ConnectionDefaults,
): { settings: Record<string, unknown>; filled: readonly string[] } {
  if (routeKeys.some((key) => settings[key] !== undefined)) return { settings, filled: [] };
  const filled = routeKeys.filter((key) => defaults[key] !== undefined);
  if (filled.length === 0) return { settings, filled };
  const merged = { ...settings };
  for (const key of filled) merged[key] = defaults[key];
  return { settings: merged, filled };
}

/**
 * The issue of a filled-in default the plugin's settings schema did not keep (refused as an
 * unknown key, or stripped): that account would send around the config-wide proxy or transport.
 */
export function droppedDefaultMessage(key: string, pluginType: string): string {
  return `the config-wide ${key} cannot apply: plugin "${pluginType}" has no ${key} setting`;
}

/**
 * Every form of the credentials in a proxy setting's URL (the URL as given, the password, the
 * `user:password` pair, the Basic token), for the client's redaction. Nothing for
 * `fromEnvironment`, whose values the HTTP client reads and scrubs itself.
 */
export function proxySecrets(setting: unknown): string[] {
  const url = (setting as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string' || url === '') return [];
  try {
    return resolveProxy({ url }, 'https:')?.secrets ?? [url];
  } catch {
    // Not a URL: refused by the settings schema, and its text still kept out of every message.
    return [url];
  }
}
