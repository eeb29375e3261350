import { type IdempotencyRecord, silentLogger, type ValidationIssue } from '@paymux/core';
import { configErrorMap, configurationError, issuesAt } from '../config/config-issues';
import { paymuxConfigSchema } from '../config/config-schema';
import { connectionDefaultsIssues, proxySecrets } from '../config/connection-defaults';
import type { AnyProviderPlugin, TypedPaymuxConfig } from '../config/typed-config';
import type { ProviderOptionsByPlugins } from '../config/typed-provider-options';
import { EventPublisher } from '../events/event-publisher';
import { PaymuxEvents } from '../events/paymux-events';
import { IdempotentExecutor } from '../idempotency/idempotent-executor';
import { ProviderRegistry } from '../registry/provider-registry';
import { Router } from '../routing/router';
import { redactingLogger, SecretRegistry } from '../secrets/secret-redaction';
import { PaymuxTelemetry } from '../telemetry/paymux-telemetry';
import { recoverUnsettledRecords } from '../idempotency/recover-unsettled';
import { resolveStore } from '../store/resolve-store';
import { storeLocationPassword } from '../store/store-location';
import { createAutoTrack } from '../tracker/auto-track';
import { StatusTracker } from '../tracker/status-tracker';
import { resolveTrackerOptions } from '../tracker/tracker-options';
import { WebhookPipeline } from '../webhooks/webhook-pipeline';
import { OperationRunner } from './operation-runner';
import { Paymux } from './paymux-client';
import { createPaymuxWebhooks } from './paymux-webhooks';
import { leftoverReconciler } from './reconcile';

/**
 * Creates a client from config. The config is validated as a whole: a bad key, an unknown
 * provider type or a routing name that matches no account is a `ConfigurationError` that lists
 * every problem by path (`providers.main.apiKey: Required`).
 *
 * Written in code, the config is also checked at compile time: each account's settings are typed
 * by its plugin's `type`, routing may name only its accounts (or an account's type), and the
 * client's `providerOptions` are typed per provider type. Accounts kept in a variable need
 * `as const` (or `defineConfig`) so their `type` stays a literal; data from `loadConfigFile`
 * (`string` keys) is checked at runtime only.
 *
 * A config-wide `proxy` (or `transport`) applies to every account that sets neither itself.
 *
 * @example
 * const paymux = createPaymux({
 *   plugins: [finrax, forumpay],
 *   providers: {
 *     main: { type: 'finrax', apiKey: env('FINRAX_KEY'), apiSecret: env('FINRAX_SECRET'), businessId: 'b1' },
 *     pos: { type: 'forumpay', user: 'u', secret: env('FORUMPAY_SECRET'), posId: 'WEB1' },
 *   },
 *   routing: { default: 'main', rules: [{ when: { payWith: 'ALGO' }, use: 'pos' }], fallback: ['pos'] },
 * });
 */
export function createPaymux<
  const Plugins extends readonly AnyProviderPlugin[] = readonly AnyProviderPlugin[],
  Name extends string = string,
  Type extends string = string,
>(config: TypedPaymuxConfig<Plugins, Name, Type>): Paymux<ProviderOptionsByPlugins<Plugins>> {
  const parsed = paymuxConfigSchema.safeParse(config, { error: configErrorMap });
  if (!parsed.success) throw configurationError(issuesAt([], parsed.error.issues));
  const data = parsed.data;

  const secrets = new SecretRegistry();
  if (typeof data.store === 'string') {
    secrets.addFromSettings({ password: storeLocationPassword(data.store) }, ['password']);
  }
  secrets.addValues(proxySecrets(data.proxy));
  const connectionDefaults = { transport: data.transport, proxy: data.proxy };
  const defaultsIssues = connectionDefaultsIssues(connectionDefaults);
  if (defaultsIssues.length > 0) throw configurationError(defaultsIssues);
  const logger = redactingLogger(data.logger ?? silentLogger, secrets);
  const now = data.now ?? (() => new Date());
  // Crash recovery starts once the store is open: at once for a store object, else on first use.
  let recovery: Promise<unknown> | undefined;
  const startRecovery = () => {
    recovery ??= recoverUnsettledRecords({ store, executor, logger, lookupFor }).catch((error: unknown) =>
      logger.error('paymux crash recovery failed', { error: String(error) }),
    );
  };
  const resolved = resolveStore(data.store, { logger, onOpen: startRecovery });
  const store = resolved.store;
  const registry = new ProviderRegistry({ store, logger, now, secrets, connectionDefaults });

  const issues: ValidationIssue[] = [];
  const pluginIssues = (data.plugins ?? []).flatMap((plugin, index) => {
    try {
      registry.registerPlugin(plugin);
      return [];
    } catch (error) {
      return [{ path: `plugins.${index}`, message: (error as Error).message }];
    }
  });
  issues.push(...pluginIssues);
  const checked = Object.entries(data.providers).map(([name, account]) =>
    registry.checkAccount(name, account),
  );
  for (const result of checked) if ('issues' in result) issues.push(...result.issues);
  if (issues.length > 0) throw configurationError(issues);
  for (const result of checked) if (!('issues' in result)) registry.register(result);

  const routing = {
    default: data.routing?.default,
    rules: data.routing?.rules ?? [],
    fallback: data.routing?.fallback ?? [],
  };
  const routingIssues = Router.check(routing, registry);
  if (routingIssues.length > 0) throw configurationError(routingIssues);
  const router = new Router(routing, registry);

  const events = new PaymuxEvents(logger, (error) => secrets.scrubError(error));
  const publisher = new EventPublisher(store, events, secrets);
  const executor = new IdempotentExecutor(store, logger, now, {
    ...data.idempotency,
    onSettled: async (record, result) => {
      for (const { kind, providerId } of leftoverReconciler(record)?.created(result) ?? []) {
        await store.rememberObject(record.account!, kind, providerId);
      }
    },
  });
  const lookupFor = (record: IdempotencyRecord) => {
    const reconciler = leftoverReconciler(record);
    const account = record.account;
    if (!reconciler || account === undefined || !registry.accountNames().includes(account)) return undefined;
    return () => reconciler.lookup(registry.provider(account), record);
  };
  if (!resolved.opensLazily) startRecovery();
  const telemetry = PaymuxTelemetry.create(data.telemetry, secrets.redact);
  const runner = new OperationRunner({
    registry,
    router,
    executor,
    publisher,
    store,
    secrets,
    logger,
    telemetry,
  });
  const pipeline = new WebhookPipeline(registry, store, publisher, logger, now, telemetry);
  const trackerOptions = resolveTrackerOptions(data.tracker);
  const tracker = new StatusTracker({
    registry,
    publisher,
    events,
    store,
    logger,
    scrubError: (error) => secrets.scrubError(error),
    options: trackerOptions,
    instanceId: registry.instanceId,
    telemetry,
  });
  // resume() logs its own store errors; the scan goes on after a failed one.
  if (trackerOptions.resume) void tracker.resume().catch(() => undefined);
  return new Paymux({
    registry,
    runner,
    events,
    store,
    webhooks: createPaymuxWebhooks(pipeline, logger),
    tracker,
    autoTrack: createAutoTrack({ enabled: trackerOptions.autoTrack, tracker, registry, logger }),
    close: async () => {
      await tracker.stop();
      await recovery;
      if (resolved.owned) await store.close();
    },
  });
}
