import { readFile } from 'node:fs/promises';
import { ConfigurationError, type ProxySetting } from '@paymux/core';
import type { StoreLocation } from '../store/store-location';
import type { AccountConfig, RoutingConfig } from './config-schema';

/** Environment variables to read `${env:NAME}` from. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** The plain-data part of the config, as a file holds it. */
export interface PaymuxConfigData {
  providers: Record<string, AccountConfig>;
  routing?: RoutingConfig;
  /** `'sqlite:<path>'`, `'postgres://…'` (often `"${env:DATABASE_URL}"`) or `'memory:'`; default the SQLite file `.paymux/state.db`. */
  store?: StoreLocation;
  idempotency?: { pendingWaitMs?: number; staleAfterMs?: number };
  /**
   * The config-wide HTTP CONNECT proxy, as a URL string (often `"${env:PAYMUX_PROXY_URL}"`, as its
   * credentials are secrets) or `{ url, noProxy? }` / `{ fromEnvironment: true }`.
   */
  proxy?: string | ProxySetting;
}

const REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces every `${env:NAME}` in the string values of `value` (at any depth) by the variable's
 * value. A variable that is not set is a `ConfigurationError` naming it and the key that used it.
 *
 * @example
 * interpolateEnv({ apiKey: '${env:FINRAX_KEY}' }, { FINRAX_KEY: 'k' }) // { apiKey: 'k' }
 */
export function interpolateEnv(value: unknown, env: EnvSource, path: readonly string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        const where = path.length > 0 ? path.join('.') : '(config)';
        throw new ConfigurationError(`${where}: environment variable ${name} is not set`, { field: where });
      }
      return found;
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => interpolateEnv(item, env, [...path, String(index)]));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, env, [...path, key])]),
    );
  }
  return value;
}

/**
 * Reads a JSON config file and fills in `${env:NAME}` references. The result is plain data: add
 * plugins (and a store or logger) before passing it to `createPaymux`, which validates it.
 *
 * @example
 * // paymux.json: { "providers": { "main": { "type": "finrax", "apiKey": "${env:FINRAX_KEY}" } } }
 * const data = await loadConfigFile('paymux.json');
 * const paymux = createPaymux({ ...data, plugins: [finrax] });
 */
export async function loadConfigFile(
  path: string,
  options: { env?: EnvSource } = {},
): Promise<PaymuxConfigData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`Cannot read config file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`Config file ${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigurationError(`Config file ${path} must hold a JSON object`);
  }
  return interpolateEnv(parsed, options.env ?? process.env) as PaymuxConfigData;
}

/**
 * Reads one environment variable for a config written in code; a missing one is a
 * `ConfigurationError` naming it.
 *
 * @example
 * providers: { main: { type: 'finrax', apiKey: env('FINRAX_KEY') } }
 */
export function env(name: string, source: EnvSource = process.env): string {
  const value = source[name];
  if (value === undefined) throw new ConfigurationError(`Environment variable ${name} is not set`);
  return value;
}
