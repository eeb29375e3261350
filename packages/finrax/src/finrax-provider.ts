import {
  accountStateOrMemory,
  ConfigurationError,
  definePlugin,
  defineProvider,
  type PaymentProvider,
  type ProviderContext,
  parseInput,
} from '@paymux/core';
import { loadFinraxCallbackKey } from './finrax-callback-key';
import { finraxCapabilities } from './finrax-capabilities';
import { createFinraxClient, type FinraxClient } from './finrax-client';
import type { FinraxMappingContext } from './finrax-payment-mapper';
import { createFinraxPaymentOperations } from './finrax-payments';
import { createFinraxRefundOperations } from './finrax-refunds';
import { createFinraxPayoutOperations } from './finrax-payouts';
import {
  finraxNoOptionsSchema,
  finraxPaymentOptionsSchema,
  finraxPayoutOptionsSchema,
} from './finrax-provider-options';
import { type FinraxSettingsInput, finraxSettingsSchema } from './finrax-settings';
import { createFinraxWebhookParser } from './finrax-webhook';

/** A Finrax account: the unified operations plus the low-level client as `api`. */
export type FinraxProvider = PaymentProvider<FinraxClient>;

/**
 * Creates a Finrax provider account. Settings are validated strictly (a `ConfigurationError`
 * names the bad key); `context` comes from the paymux client, and the account name defaults to
 * `finrax`.
 *
 * @example
 * const finrax = createFinrax({
 *   apiKey: process.env.FINRAX_KEY!, apiSecret: process.env.FINRAX_SECRET!,
 *   businessId: '407710f4-de33-454b-a47f-dda792e272c8', callbackPublicKey: process.env.FINRAX_CALLBACK_KEY,
 * });
 * const payment = await finrax.createPayment({ reference: 'order-1', amount: { amount: '50', currency: 'EUR' } });
 * redirect(payment.checkoutUrl);
 */
export function createFinrax(
  settings: FinraxSettingsInput,
  context?: Partial<ProviderContext>,
): FinraxProvider {
  let parsed: ReturnType<typeof finraxSettingsSchema.parse>;
  try {
    parsed = parseInput(finraxSettingsSchema, settings, { provider: 'finrax', operation: 'createFinrax' });
  } catch (error) {
    const field = (error as { field?: string }).field;
    throw new ConfigurationError(`Invalid Finrax settings: ${(error as Error).message}`, {
      provider: context?.account ?? 'finrax',
      field,
      cause: error,
    });
  }
  const account = context?.account ?? 'finrax';
  const callbackKey = loadFinraxCallbackKey(parsed.callbackPublicKey, account);
  const now = context?.now ?? (() => new Date());
  const api = createFinraxClient(parsed, {
    account,
    logger: context?.logger,
    rateLimiter: context?.rateLimiter,
    now,
  });
  const mapping: FinraxMappingContext = { account, redact: api.http.redact, now };
  // The client lends the account's state; a provider created on its own keeps it in memory.
  const state = accountStateOrMemory({ state: context?.state });
  const payments = createFinraxPaymentOperations({ settings: parsed, api, mapping, state });
  const payouts = createFinraxPayoutOperations({ settings: parsed, api, mapping, state });
  const refunds = createFinraxRefundOperations({ settings: parsed, api, mapping, state });
  const parseWebhook = createFinraxWebhookParser({
    api,
    mapping,
    state,
    publicKey: callbackKey,
    toleranceSeconds: parsed.callbackToleranceSeconds,
    maxAgeSeconds: parsed.callbackMaxAgeSeconds,
  });
  return defineProvider({
    type: 'finrax',
    account,
    capabilities: finraxCapabilities,
    api,
    operations: {
      createPayment: payments.createPayment,
      getPayment: payments.getPayment,
      listPayments: payments.listPayments,
      getQuote: payments.getQuote,
      getRefund: refunds.getRefund,
      createPayout: payouts.createPayout,
      getPayout: payouts.getPayout,
      listPayouts: payouts.listPayouts,
      estimatePayoutFee: payouts.estimatePayoutFee,
      validateAddress: payouts.validateAddress,
      parseWebhook,
    },
  });
}

/**
 * The schemas of `providerOptions.finrax` per operation: the very constants the operations parse
 * their options with, so what the client's types accept is what runs.
 */
const finraxProviderOptionsSchemas = {
  createPayment: finraxPaymentOptionsSchema,
  listPayments: finraxNoOptionsSchema,
  getQuote: finraxNoOptionsSchema,
  createPayout: finraxPayoutOptionsSchema,
  listPayouts: finraxNoOptionsSchema,
  estimatePayoutFee: finraxNoOptionsSchema,
} as const;

/**
 * The plug-in the paymux client registers: `createPaymux({ plugins: [finrax], providers: { main:
 * { type: 'finrax', ... } } })`. Its `providerOptionsSchemas` type each call's
 * `providerOptions.finrax`.
 *
 * @example
 * import { plugin as finrax } from '@paymux/finrax';
 * const paymux = createPaymux({ plugins: [finrax], providers: { main: { type: 'finrax', apiKey, apiSecret, businessId } } });
 * await paymux.createPayment({ reference, amount, providerOptions: { finrax: { rateType: 'FIXED' } } });
 */
export const plugin = definePlugin({
  type: 'finrax',
  settingsSchema: finraxSettingsSchema,
  capabilities: finraxCapabilities,
  secretFields: ['apiKey', 'apiSecret'],
  providerOptionsSchemas: finraxProviderOptionsSchemas,
  create: (settings, context): FinraxProvider => createFinrax(settings, context),
});

/** The plug-in, by the provider's name: `import { finrax } from '@paymux/finrax'`. */
export const finrax = plugin;
