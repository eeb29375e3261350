import {
  accountStateOrMemory,
  ConfigurationError,
  definePlugin,
  defineProvider,
  type PaymentProvider,
  type ProviderContext,
  resolveBaseUrl,
} from '@paymux/core';
import { forumpayCapabilities } from './forumpay-capabilities';
import { createForumpayClient, type ForumpayClient } from './forumpay-client';
import { createForumpayCurrencyMap } from './forumpay-networks';
import { forumpayOptionsSchemas } from './forumpay-options';
import { createForumpayOperations } from './forumpay-payments';
import { createForumpayRefundOperations } from './forumpay-refunds';
import { createForumpayPaymentMemory } from './forumpay-payment-memory';
import {
  FORUMPAY_TYPE,
  type ForumpaySettingsInput,
  forumpayBaseUrls,
  forumpaySecretFields,
  forumpaySettingsSchema,
} from './forumpay-settings';
import { parseForumpayWebhook } from './forumpay-webhook';

export { forumpayCapabilities } from './forumpay-capabilities';

/** A ForumPay account: the unified operations plus the typed low-level client as `api`. */
export type ForumpayProvider = PaymentProvider<ForumpayClient>;

/**
 * Creates a ForumPay (or white-label "Open API" v2) account.
 *
 * @example
 * const forumpay = createForumpay({ user: 'api-user', secret: process.env.FORUMPAY_SECRET!, posId: 'WEB1', environment: 'sandbox' });
 * const payment = await forumpay.createPayment({
 *   reference: 'order-42', amount: { amount: '48.25', currency: 'EUR' }, payWith: { symbol: 'BTC' },
 * });
 * payment.payIn?.address; // where the customer pays
 */
export function createForumpay(
  settings: ForumpaySettingsInput,
  context: Partial<ProviderContext> = {},
): ForumpayProvider {
  const parsed = forumpaySettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(settings)';
    throw new ConfigurationError(`forumpay settings: ${field} ${issue?.message ?? 'is invalid'}`, {
      provider: context.account ?? FORUMPAY_TYPE,
      field,
    });
  }
  const config = parsed.data;
  const account = context.account ?? FORUMPAY_TYPE;
  const now = context.now ?? (() => new Date());
  const { api, redact } = createForumpayClient({
    account,
    baseUrl: resolveBaseUrl(config, forumpayBaseUrls),
    user: config.user,
    secret: config.secret,
    posId: config.posId,
    locale: config.locale,
    paymentUser: config.paymentUser,
    startPaymentMethod: config.startPaymentMethod,
    timeoutMs: config.timeoutMs,
    transport: config.transport,
    proxy: config.proxy,
    retry: config.retry,
    rateLimiter: context.rateLimiter,
    logger: context.logger,
  });
  const currencies = createForumpayCurrencyMap(config.currencyNetworks, account);
  // What the adapter remembers (each payment's currency and address) lives in the account state
  // the client lends; an adapter created without a client keeps it in memory.
  const memory = createForumpayPaymentMemory(accountStateOrMemory(context), context.logger);
  const operationsContext = { api, account, currencies, now, memory };
  const operations = {
    ...createForumpayOperations(operationsContext),
    ...createForumpayRefundOperations(operationsContext),
  };
  return defineProvider({
    type: FORUMPAY_TYPE,
    account,
    capabilities: forumpayCapabilities,
    api,
    operations: {
      ...operations,
      parseWebhook: (request, webhookContext) =>
        parseForumpayWebhook(request, webhookContext, {
          api,
          account,
          currencies,
          now,
          redact,
          posId: config.posId,
          memoryFor: (webhook) =>
            webhook.state === undefined || webhook.state === context.state
              ? memory
              : createForumpayPaymentMemory(webhook.state, context.logger),
        }),
    },
  });
}

/**
 * The plugin the paymux client registers: `createPaymux({ plugins: [forumpay], providers: { pos: { type: 'forumpay', … } } })`.
 * Its `providerOptionsSchemas` are the map the operations parse `providerOptions.forumpay` with,
 * so they type each call's options exactly as they are checked at run time.
 *
 * @example
 * import { forumpay } from '@paymux/forumpay';
 * const paymux = createPaymux({ plugins: [forumpay], providers: { pos: { type: 'forumpay', user, secret, posId: 'WEB1' } } });
 * await paymux.createPayment({ reference, amount, payWith, providerOptions: { forumpay: { payerEmail: 'a@b.example' } } });
 */
export const forumpay = definePlugin({
  type: FORUMPAY_TYPE,
  settingsSchema: forumpaySettingsSchema,
  capabilities: forumpayCapabilities,
  secretFields: forumpaySecretFields,
  providerOptionsSchemas: forumpayOptionsSchemas,
  create: (settings, context): ForumpayProvider => createForumpay(settings, context),
});

/** Same object as `forumpay`, under the name the architecture gives every adapter's plugin. */
export const plugin = forumpay;
