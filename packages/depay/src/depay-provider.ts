import {
  accountStateOrMemory,
  type CallOptions,
  ConfigurationError,
  createHttpClient,
  createRedactor,
  definePlugin,
  defineProvider,
  DuplicateReferenceError,
  type PaymentProvider,
  parseInput,
  type ProviderContext,
  RateLimiter,
  resolveBaseUrl,
} from '@paymux/core';
import { z } from 'zod';
import { depayCapabilities } from './depay-capabilities';
import { type DepayClient, createDepayClient } from './depay-client';
import { mapDepayError } from './depay-error';
import { rememberDepayTracking } from './depay-known-trackings';
import { depayQuoteOptionsSchema, getDepayBalances, getDepayQuote } from './depay-market';
import { toDepayPayment } from './depay-payment-mapper';
import { loadDepayPublicKey } from './depay-public-key';
import { releaseDepayPayment } from './depay-release';
import { depayPaymentOptionsSchema, planDepayPayment } from './depay-payments';
import {
  DEPAY_PUBLIC_KEY,
  type DepaySettingsInput,
  depayBaseUrls,
  depaySettingsSchema,
} from './depay-settings';

export { DEPAY_RATE_WINDOW_MARGIN_MS, depayCapabilities } from './depay-capabilities';
import { parseDepayWebhook } from './depay-webhook';

const paymentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a DePay tracking uuid (letters, digits, - and _)');

/** A DePay account: the unified operations plus the low-level `api`. */
export type DepayProvider = PaymentProvider<DepayClient>;

/**
 * Creates a DePay account.
 *
 * @example
 * const depay = createDepay({ apiKey: process.env.DEPAY_API_KEY!, wallets: [{ network: 'bsc', address: '0xab58…' }] });
 * const payment = await depay.createPayment({
 *   reference: 'order-1', amount: { amount: '10', currency: 'USDT' }, payWith: { symbol: 'USDT', network: 'bsc' },
 *   webhookUrl: 'https://shop.example/depay/7c1f…',
 *   providerOptions: { depay: { transaction: '0x2c8d…', sender: '0xe5f9…', nonce: 15, afterBlock: 14466705 } },
 * });
 */
export function createDepay(settingsInput: DepaySettingsInput, context?: ProviderContext): DepayProvider {
  const parsedSettings = depaySettingsSchema.safeParse(settingsInput);
  if (!parsedSettings.success) {
    const issue = parsedSettings.error.issues[0];
    throw new ConfigurationError(
      `DePay settings: ${issue ? `${issue.path.join('.') || '(settings)'} ${issue.message}` : 'invalid'}`,
      {
        provider: context?.account ?? 'depay',
        ...(issue && issue.path.length > 0 ? { field: issue.path.join('.') } : {}),
      },
    );
  }
  const settings = parsedSettings.data;
  const account = context?.account ?? 'depay';
  const now = context?.now ?? (() => new Date());
  // What the adapter remembers (its own trackings, releases done) lives in the account's durable
  // state, never in process memory, so a restart or another instance on the same store sees it.
  const state = accountStateOrMemory(context ?? {});
  const publicKey = loadDepayPublicKey(settings.publicKey ?? DEPAY_PUBLIC_KEY, account);
  const rateLimiter =
    context?.rateLimiter ??
    new RateLimiter({
      ...depayCapabilities.rateLimits,
      key: account,
    });

  // The same secrets as the HTTP client's own redactor: for error messages built by mapError,
  // `raw` payloads and events.
  const redact = createRedactor([settings.apiKey, settings.uuidSecret]);
  const http = createHttpClient({
    providerType: 'depay',
    account,
    baseUrl: resolveBaseUrl(settings, depayBaseUrls),
    timeoutMs: settings.timeoutMs,
    transport: settings.transport,
    proxy: settings.proxy,
    // DePay asks for the JSON content type on every request, reads included.
    headers: { 'content-type': 'application/json' },
    secrets: [settings.apiKey, settings.uuidSecret],
    authenticate(request) {
      request.headers['x-api-key'] = settings.apiKey;
    },
    mapError: (response) => mapDepayError(response, { account, redact }),
    retry: settings.retry,
    rateLimiter,
    logger: context?.logger,
  });
  const api = createDepayClient({
    http,
    account,
    releaseAttempts: settings.releaseAttempts,
    retry: settings.retry,
    publicKey,
  });
  const mapContext = { account, redact, now };
  const marketContext = { account, api, redact };

  return defineProvider<DepayClient>({
    type: 'depay',
    account,
    capabilities: depayCapabilities,
    api,
    operations: {
      async createPayment(input, options: CallOptions = {}) {
        const plan = planDepayPayment(input, settings, account, options.idempotencyKey);
        const result = await api.createPayment(plan.request, { ...options, reference: plan.reference });
        const existing = result.payment.transaction;
        // 200 means the uuid was known: it must be the same tracking, not another transaction.
        if (
          !result.created &&
          existing &&
          existing.toLowerCase() !== plan.request.transaction.toLowerCase()
        ) {
          throw new DuplicateReferenceError(
            'DePay already tracks another transaction under this uuid: use a new idempotency key or uuid',
            { provider: account, operation: 'createPayment', reference: plan.reference, httpStatus: 200 },
          );
        }
        await rememberDepayTracking(state, plan.request.uuid, now());
        return toDepayPayment(result.payment, result.body, mapContext, plan.paymux);
      },

      async getPayment(id, options: CallOptions = {}) {
        const uuid = parseInput(paymentIdSchema, id, { provider: account, operation: 'getPayment' });
        const result = await api.getPayment(uuid, options);
        return toDepayPayment(result.payment, result.body, mapContext);
      },

      releasePayment: (id, options: CallOptions = {}) =>
        releaseDepayPayment(id, options, { account, api, state, map: mapContext, paymentIdSchema }),

      getQuote: (input, options) => getDepayQuote(input, marketContext, options),

      getBalances: (options) => getDepayBalances(settings.wallets, marketContext, options),

      parseWebhook: (request, webhookContext) =>
        parseDepayWebhook(request, webhookContext, {
          account,
          publicKey,
          redact,
          state,
          callbackAnswer: settings.callbackAnswer,
        }),
    },
  });
}

/**
 * The DePay plugin for `createPaymux({ plugins: [depay] })`. Its `providerOptionsSchemas` are the
 * schemas `createPayment` and `getQuote` parse `providerOptions.depay` with, so each call's options
 * are typed as they are checked at run time (`createPayment` needs them: a tracking needs its
 * transaction).
 *
 * @example
 * const paymux = createPaymux({ plugins: [depay], providers: { wallet: { type: 'depay', apiKey: env('DEPAY_KEY') } } });
 * await paymux.getQuote({ amount, payWith: { symbol: 'USDC', network: 'ethereum' }, providerOptions: { depay: { token } } });
 */
export const plugin = definePlugin({
  type: 'depay',
  settingsSchema: depaySettingsSchema,
  capabilities: depayCapabilities,
  secretFields: ['apiKey', 'uuidSecret'],
  providerOptionsSchemas: { createPayment: depayPaymentOptionsSchema, getQuote: depayQuoteOptionsSchema },
  create: (settings, context): DepayProvider => createDepay(settings, context),
});
