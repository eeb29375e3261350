import {
  accountStateOrMemory,
  ConfigurationError,
  definePlugin,
  defineProvider,
  type PaymentProvider,
  type ProviderCapabilities,
  type ProviderContext,
} from '@paymux/core';
import { defexaCapabilities } from './defexa-capabilities';
import { type DefexaClient, createDefexaClient } from './defexa-client';
import { estimateDefexaPayoutFee, getDefexaBalances } from './defexa-account';
import type { DefexaOperationContext } from './defexa-operation-context';
import { DefexaPaymentMemory } from './defexa-payment-memory';
import { createDefexaPayoutBatch, getDefexaPayoutBatch } from './defexa-payout-batches';
import { createDefexaPayment, getDefexaPayment, listDefexaPayments } from './defexa-payments';
import { createDefexaPayout, getDefexaPayout, listDefexaPayouts } from './defexa-payouts';
import {
  defexaCreatePaymentOptionsSchema,
  defexaListPaymentsOptionsSchema,
  defexaListPayoutsOptionsSchema,
  defexaPayoutOptionsSchema,
  defexaRefundOptionsSchema,
} from './defexa-provider-options';
import { createDefexaRefund } from './defexa-refunds';
import { type DefexaSettingsInput, defexaBaseUrl, defexaSettingsSchema } from './defexa-settings';
import { parseDefexaWebhook } from './defexa-webhook';

/** A Defexa account: the unified operations and `api`, the low-level client. */
export type DefexaProvider = PaymentProvider<DefexaClient>;

/**
 * Creates a Defexa account.
 *
 * @example
 * const defexa = createDefexa({ merchantPrivateKey: process.env.DEFEXA_KEY!, callbackUrl: 'https://shop.example/hooks/defexa' }, { account: 'crypto' });
 * const payment = await defexa.createPayment({ reference: 'order-1', amount: { amount: '10', currency: 'ALGO' }, returnUrl: 'https://shop.example/done' });
 * // redirect the customer to payment.checkoutUrl
 */
export function createDefexa(settingsInput: DefexaSettingsInput, context?: ProviderContext): DefexaProvider {
  const parsed = defexaSettingsSchema.safeParse(settingsInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(settings)';
    throw new ConfigurationError(`defexa settings: ${field} ${issue?.message ?? 'is invalid'}`, {
      provider: 'defexa',
      field,
    });
  }
  const settings = parsed.data;
  const account = context?.account ?? 'defexa';
  const now = context?.now ?? (() => new Date());
  const api = createDefexaClient({
    account,
    baseUrl: defexaBaseUrl(settings),
    merchantPrivateKey: settings.merchantPrivateKey,
    timeoutMs: settings.timeoutMs,
    transport: settings.transport,
    proxy: settings.proxy,
    retry: settings.retry,
    rateLimiter: context?.rateLimiter,
    logger: context?.logger,
    now,
    sessionRefreshMarginSeconds: settings.sessionRefreshMarginSeconds,
  });
  const operationContext: DefexaOperationContext = {
    api,
    settings,
    account,
    redact: api.http.redact,
    now,
    // The client's durable account state; a process-memory one when created without a client.
    memory: new DefexaPaymentMemory(accountStateOrMemory(context ?? {})),
  };
  const capabilities: ProviderCapabilities = settings.verifyCallbackSignature
    ? {
        ...defexaCapabilities,
        webhooks: { ...defexaCapabilities.webhooks, verification: ['signature', 'refetch'] },
      }
    : defexaCapabilities;
  return defineProvider({
    type: 'defexa',
    account,
    capabilities,
    api,
    operations: {
      createPayment: (input, options) => createDefexaPayment(operationContext, input, options),
      getPayment: (id, options) => getDefexaPayment(operationContext, id, options),
      listPayments: (input, options) => listDefexaPayments(operationContext, input, options),
      createRefund: (input, options) => createDefexaRefund(operationContext, input, options),
      createPayout: (input, options) => createDefexaPayout(operationContext, input, options),
      createPayoutBatch: (input, options) => createDefexaPayoutBatch(operationContext, input, options),
      getPayout: (id, options) => getDefexaPayout(operationContext, id, options),
      getPayoutBatch: (id, options) => getDefexaPayoutBatch(operationContext, id, options),
      listPayouts: (input, options) => listDefexaPayouts(operationContext, input, options),
      estimatePayoutFee: (input, options) => estimateDefexaPayoutFee(operationContext, input, options),
      getBalances: (options) => getDefexaBalances(operationContext, options),
      parseWebhook: (request, webhookContext) =>
        parseDefexaWebhook(operationContext, request, webhookContext),
    },
  }) as DefexaProvider;
}

// The schemas of `providerOptions.defexa` per operation: the very constants the operations parse
// their options with, so what the client's types accept is what runs.
const defexaProviderOptionsSchemas = {
  createPayment: defexaCreatePaymentOptionsSchema,
  listPayments: defexaListPaymentsOptionsSchema,
  createRefund: defexaRefundOptionsSchema,
  createPayout: defexaPayoutOptionsSchema,
  createPayoutBatch: defexaPayoutOptionsSchema,
  estimatePayoutFee: defexaPayoutOptionsSchema,
  listPayouts: defexaListPayoutsOptionsSchema,
} as const;

/**
 * The Defexa plugin for `createPaymux({ plugins: [defexa] })`. Its `providerOptionsSchemas` type
 * each call's `providerOptions.defexa`.
 *
 * @example
 * const paymux = createPaymux({ plugins: [defexa], providers: { crypto: { type: 'defexa', merchantPrivateKey: env('DEFEXA_KEY') } } });
 * await paymux.createPayment({ reference, amount, providerOptions: { defexa: { payFeeForClient: true } } });
 */
export const defexa = definePlugin({
  type: 'defexa',
  settingsSchema: defexaSettingsSchema,
  capabilities: defexaCapabilities,
  secretFields: ['merchantPrivateKey'],
  providerOptionsSchemas: defexaProviderOptionsSchemas,
  create: (settings, context): DefexaProvider => createDefexa(settings, context),
});

/** Alias of {@link defexa}, the name every adapter exports. */
export const plugin = defexa;
