import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError, type ProviderPlugin } from '@paymux/core';

/** True for an object shaped like an adapter's exported `ProviderPlugin`. */
export function isProviderPlugin(value: unknown): value is ProviderPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const plugin = value as Record<string, unknown>;
  return (
    typeof plugin.type === 'string' &&
    typeof plugin.create === 'function' &&
    typeof (plugin.settingsSchema as { safeParse?: unknown } | undefined)?.safeParse === 'function' &&
    typeof plugin.capabilities === 'object' &&
    plugin.capabilities !== null &&
    Array.isArray(plugin.secretFields)
  );
}

const isNotFound = (error: unknown, specifier: string): boolean => {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  // Vite's loader (tests) words it differently and sets no code.
  const message = error instanceof Error ? error.message : '';
  return message.includes(specifier) && /cannot find|failed to (load|resolve)|does not exist/i.test(message);
};

const isPath = (specifier: string) =>
  specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier);

/**
 * Imports a module by name or path. A path is relative to `baseDir` (the config file's folder);
 * a package is looked up next to the CLI first, then from `baseDir`, so a plugin installed in the
 * merchant's project is found even when the CLI is installed elsewhere. `undefined` when absent.
 */
export async function importFrom(
  specifier: string,
  baseDir: string,
): Promise<Record<string, unknown> | undefined> {
  const load = (target: string) => import(/* @vite-ignore */ target) as Promise<Record<string, unknown>>;
  if (isPath(specifier)) {
    const url = pathToFileURL(resolve(baseDir, specifier)).href;
    try {
      return await load(url);
    } catch (error) {
      if (isNotFound(error, specifier) || isNotFound(error, url)) return undefined;
      throw error;
    }
  }
  try {
    return await load(specifier);
  } catch (error) {
    if (!isNotFound(error, specifier)) throw error;
  }
  let resolved: string;
  try {
    resolved = createRequire(join(baseDir, 'package.json')).resolve(specifier);
  } catch {
    return undefined;
  }
  return load(pathToFileURL(resolved).href);
}

/** The provider plugins a module exports: `plugin`, else `default`, else every plugin-shaped export. */
export function pluginsOf(module: Record<string, unknown>): ProviderPlugin[] {
  for (const key of ['plugin', 'default']) {
    if (isProviderPlugin(module[key])) return [module[key]];
  }
  const found = new Set<ProviderPlugin>();
  for (const value of Object.values(module)) if (isProviderPlugin(value)) found.add(value);
  return [...found];
}

/** Loads the plugins of one module named in config; a missing module or one without a plugin is a `ConfigurationError`. */
export async function loadPluginModule(specifier: string, baseDir: string): Promise<ProviderPlugin[]> {
  let module: Record<string, unknown> | undefined;
  try {
    module = await importFrom(specifier, baseDir);
  } catch (error) {
    throw new ConfigurationError(
      `Plugin module ${specifier} failed to load: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (module === undefined) {
    throw new ConfigurationError(`Plugin module ${specifier} is not installed (npm install ${specifier})`, {
      field: 'plugins',
    });
  }
  const plugins = pluginsOf(module);
  if (plugins.length === 0) {
    throw new ConfigurationError(`Module ${specifier} exports no provider plugin`, { field: 'plugins' });
  }
  return plugins;
}
