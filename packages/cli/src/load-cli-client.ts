import { access } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigurationError, type Logger, type ProviderPlugin } from '@paymux/core';
import { createPaymux, loadConfigFile, type Paymux, type PaymuxConfig } from '@paymux/client';
import type { CliIo } from './cli-io';
import { loadPluginModule } from './plugin-loader';

/** The config file read when `--config` is not given, relative to the working directory. */
export const DEFAULT_CONFIG_FILE = 'paymux.config.json';

/**
 * The client's own default store file (`.paymux/state.db`), resolved here against the command's
 * working directory rather than the process's.
 */
const DEFAULT_SQLITE_PATH = '.paymux/state.db';

/** A client built from a config file, with where it came from. */
export interface CliClient {
  paymux: Paymux;
  configPath: string;
  /** Provider plugins by type, for capability listings. */
  plugins: ReadonlyMap<string, ProviderPlugin>;
}

/**
 * Reads the config file (`${env:NAME}` filled from `io.env`), loads the adapter plugins it names
 * (`"plugins": ["@paymux/finrax", "./acme-plugin.js"]`) and, for each account type still without
 * one, the conventional `@paymux/<type>` package, then builds the client. The client package never
 * imports an adapter statically: adapters depend on it, not the reverse.
 */
export async function loadCliClient(
  configOption: string | undefined,
  io: CliIo,
  logger?: Logger,
): Promise<CliClient> {
  const configFile = configOption ?? DEFAULT_CONFIG_FILE;
  const configPath = resolve(io.cwd, configFile);
  await access(configPath).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== 'ENOENT') return;
    // The first thing a new user meets: say how to get a config, not only that there is none.
    throw new ConfigurationError(
      `No config file at ${configPath}. Run \`paymux sandbox --write-config ${configFile}\` for one that works with the local emulators, or write it (docs/cli.md#configuration).`,
      { field: 'config', cause: error },
    );
  });
  const data = (await loadConfigFile(configPath, { env: io.env })) as unknown as Record<string, unknown>;
  const { plugins: pluginNames = [], ...rest } = data;
  if (!Array.isArray(pluginNames) || !pluginNames.every((name) => typeof name === 'string')) {
    throw new ConfigurationError('plugins: must be a list of module names, e.g. ["@paymux/finrax"]', {
      field: 'plugins',
    });
  }
  const baseDir = dirname(configPath);
  const plugins = new Map<string, ProviderPlugin>();
  for (const name of pluginNames) {
    for (const plugin of await loadPluginModule(name, baseDir)) plugins.set(plugin.type, plugin);
  }
  const providers = rest.providers;
  if (typeof providers === 'object' && providers !== null) {
    for (const account of Object.values(providers)) {
      const type = (account as { type?: unknown } | null)?.type;
      // A missing or malformed type is left to createPaymux, which reports it by path.
      if (typeof type !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(type) || plugins.has(type)) continue;
      const conventional = `@paymux/${type}`;
      const loaded = await loadPluginModule(conventional, baseDir).catch((error: unknown) => {
        throw new ConfigurationError(
          `No plugin for provider type "${type}": install ${conventional} or name the adapter's module in "plugins" (${(error as Error).message})`,
          { field: 'plugins', cause: error },
        );
      });
      for (const plugin of loaded) plugins.set(plugin.type, plugin);
    }
  }
  const paymux = createPaymux({
    ...(rest as unknown as PaymuxConfig),
    store: cliStore(rest.store, io.cwd) as PaymuxConfig['store'],
    plugins: [...plugins.values()],
    logger,
  });
  return { paymux, configPath, plugins };
}

/**
 * The config's store with SQLite paths (and the default file, `.paymux/state.db`) resolved
 * against the command's working directory, so every command run there shares one state: a
 * `payments create --reference R` run twice returns the first payment. Anything else is passed
 * on for `createPaymux` to check.
 */
function cliStore(store: unknown, cwd: string): unknown {
  if (store === undefined) return `sqlite:${resolve(cwd, DEFAULT_SQLITE_PATH)}`;
  if (typeof store === 'string' && store.startsWith('sqlite:')) {
    const path = store.slice('sqlite:'.length);
    if (path.trim() !== '' && !isAbsolute(path)) return `sqlite:${resolve(cwd, path)}`;
  }
  return store;
}
