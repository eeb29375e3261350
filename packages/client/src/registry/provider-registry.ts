// tsyringe checks for the Reflect metadata API when it is first imported, so the polyfill is
// loaded here, before tsyringe, and users need neither the import nor compiler flags.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  ConfigurationError,
  type Logger,
  type PaymentProvider,
  type ProviderPlugin,
  RateLimiter,
  type ValidationIssue,
} from '@paymux/core';
import { container, type DependencyContainer, instanceCachingFactory } from 'tsyringe';
import { configErrorMap, configurationError, issuesAt } from '../config/config-issues';
import type { AccountConfig } from '../config/config-schema';
import {
  type ConnectionDefaults,
  droppedDefaultMessage,
  proxySecrets,
  withConnectionDefaults,
} from '../config/connection-defaults';
import type { SecretRegistry } from '../secrets/secret-redaction';
import { type AccountState, accountStateOf, isProcessLocalStore, type Store } from '@paymux/core';
import { CLOCK, LOGGER, STORE } from './tokens';

interface AccountEntry {
  name: string;
  type: string;
  plugin: ProviderPlugin;
  providerToken: symbol;
  limiterToken: symbol;
  /** The account's durable key-value space in the store. */
  state: AccountState;
  /** The created provider, once resolved. */
  provider?: PaymentProvider;
}

/** An account whose settings passed its plugin's schema, ready to be registered. */
interface CheckedAccount {
  name: string;
  plugin: ProviderPlugin;
  settings: unknown;
}

export interface RegistryDependencies {
  store: Store;
  logger: Logger;
  now: () => Date;
  secrets: SecretRegistry;
  /** The config-wide `transport` and `proxy`, for accounts that set neither. */
  connectionDefaults?: ConnectionDefaults;
}

/**
 * Plugins and accounts of one client, held in a tsyringe child container of its own (so two
 * clients in one process never share accounts). Each account is a cached factory registration:
 * its `PaymentProvider` and its `RateLimiter` are created once, on registration.
 */
export class ProviderRegistry {
  private readonly container: DependencyContainer = container.createChildContainer();
  private readonly plugins = new Map<string, ProviderPlugin>();
  private readonly accounts = new Map<string, AccountEntry>();
  /** This client instance among those sharing the store: holder of its rate slots and tracker leases. */
  readonly instanceId = randomUUID();

  constructor(private readonly dependencies: RegistryDependencies) {
    this.container.register(STORE, { useValue: dependencies.store });
    this.container.register(LOGGER, { useValue: dependencies.logger });
    this.container.register(CLOCK, { useValue: dependencies.now });
  }

  /** Adds a provider type. Registering the same plugin object again is a no-op. */
  registerPlugin(plugin: ProviderPlugin): void {
    const existing = this.plugins.get(plugin.type);
    if (existing === plugin) return;
    if (existing) {
      throw new ConfigurationError(`A provider plugin of type "${plugin.type}" is already registered`);
    }
    this.plugins.set(plugin.type, plugin);
    this.container.register(Symbol.for(`paymux.plugin.${plugin.type}`), { useValue: plugin });
  }

  knownTypes(): string[] {
    return [...this.plugins.keys()].sort();
  }

  /** Validates one account's settings with its plugin's strict schema; issues are prefixed `providers.<name>.`. */
  checkAccount(name: string, config: AccountConfig): { issues: ValidationIssue[] } | CheckedAccount {
    const prefix = ['providers', name];
    if (this.accounts.has(name)) {
      return { issues: [{ path: prefix.join('.'), message: `account "${name}" already exists` }] };
    }
    const plugin = this.plugins.get(config.type);
    if (!plugin) {
      const known = this.knownTypes();
      const list =
        known.length > 0 ? `known types: ${known.join(', ')}` : 'no provider plugins are registered';
      return {
        issues: [
          { path: [...prefix, 'type'].join('.'), message: `Unknown provider type "${config.type}"; ${list}` },
        ],
      };
    }
    const { type: _type, ...own } = config;
    const { settings, filled } = withConnectionDefaults(own, this.dependencies.connectionDefaults ?? {});
    const { secrets } = this.dependencies;
    secrets.addFromSettings(settings, plugin.secretFields);
    secrets.addValues(proxySecrets(settings.proxy));
    const parsed = plugin.settingsSchema.safeParse(settings, { error: configErrorMap });
    if (!parsed.success)
      return { issues: this.explainDefaults(issuesAt(prefix, parsed.error.issues), prefix, filled, plugin) };
    // A schema that strips unknown keys would drop a filled-in default without a word, and that
    // account would send around the config-wide proxy.
    const kept = parsed.data as Record<string, unknown> | undefined;
    const dropped = filled.filter(
      (key) => typeof kept !== 'object' || kept === null || kept[key] === undefined,
    );
    if (dropped.length > 0) {
      return {
        issues: dropped.map((key) => ({
          path: [...prefix, key].join('.'),
          message: droppedDefaultMessage(key, plugin.type),
        })),
      };
    }
    return { name, plugin, settings: parsed.data };
  }

  /** An unknown-key issue on a filled-in default says where the key came from. */
  private explainDefaults(
    issues: ValidationIssue[],
    prefix: readonly string[],
    filled: readonly string[],
    plugin: ProviderPlugin,
  ): ValidationIssue[] {
    return issues.map((issue) => {
      const key = filled.find((name) => issue.path === [...prefix, name].join('.'));
      return key !== undefined && issue.message === 'Unknown key'
        ? { ...issue, message: droppedDefaultMessage(key, plugin.type) }
        : issue;
    });
  }

  /** Registers a checked account and creates its provider, so adapter errors surface now, not on first use. */
  register(account: CheckedAccount): PaymentProvider {
    const { name, plugin, settings } = account;
    const entry: AccountEntry = {
      name,
      type: plugin.type,
      plugin,
      providerToken: Symbol(`paymux.account.${name}`),
      limiterToken: Symbol(`paymux.rate-limiter.${name}`),
      state: accountStateOf(this.dependencies.store, name),
    };
    this.container.register(entry.limiterToken, {
      useFactory: instanceCachingFactory((c) => {
        const store = c.resolve<Store>(STORE);
        return new RateLimiter({
          ...plugin.capabilities.rateLimits,
          key: name,
          quotaStore: store,
          // A store other instances can use makes the account's limits global across them; the
          // memory store is this process's alone, so its limiter keeps the in-process fast path.
          shared: isProcessLocalStore(store) ? undefined : { slots: store, holder: this.instanceId },
        });
      }),
    });
    this.container.register(entry.providerToken, {
      useFactory: instanceCachingFactory((c) =>
        plugin.create(settings, {
          account: name,
          logger: c.resolve<Logger>(LOGGER),
          rateLimiter: c.resolve<RateLimiter>(entry.limiterToken),
          now: c.resolve<() => Date>(CLOCK),
          state: entry.state,
        }),
      ),
    });
    this.accounts.set(name, entry);
    try {
      // The factory caches its instance; keeping it here spares a container lookup on every call
      // and every webhook.
      entry.provider = this.container.resolve<PaymentProvider>(entry.providerToken);
      return entry.provider;
    } catch (error) {
      this.accounts.delete(name);
      const message = this.dependencies.secrets.redact((error as Error).message ?? String(error));
      throw new ConfigurationError(`providers.${name}: ${message}`, {
        field: `providers.${name}`,
        cause: error,
      });
    }
  }

  /** Checks and registers one account; throws a `ConfigurationError` naming the bad key. */
  addAccount(name: string, config: AccountConfig): PaymentProvider {
    const checked = this.checkAccount(name, config);
    if ('issues' in checked) throw configurationError(checked.issues);
    return this.register(checked);
  }

  hasAccount(name: string): boolean {
    return this.accounts.has(name);
  }

  accountNames(): string[] {
    return [...this.accounts.keys()];
  }

  /** The provider type of an account. */
  accountType(name: string): string {
    return this.entry(name).type;
  }

  provider<Api = unknown>(name: string): PaymentProvider<Api> {
    const entry = this.entry(name);
    return (entry.provider ??
      this.container.resolve<PaymentProvider>(entry.providerToken)) as PaymentProvider<Api>;
  }

  /** The account's durable key-value space, lent to its adapter (provider and webhook contexts). */
  accountState(name: string): AccountState {
    return this.entry(name).state;
  }

  /** The account's limiter, shared by its adapter's direct calls and background polling. */
  rateLimiter(name: string): RateLimiter {
    return this.container.resolve<RateLimiter>(this.entry(name).limiterToken);
  }

  private entry(name: string): AccountEntry {
    const entry = this.accounts.get(name);
    if (!entry) {
      const known = this.accountNames();
      throw new ConfigurationError(
        `Unknown account "${name}"; accounts: ${known.length > 0 ? known.join(', ') : '(none)'}`,
        { field: 'account' },
      );
    }
    return entry;
  }
}
