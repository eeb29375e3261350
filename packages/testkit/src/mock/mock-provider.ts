import {
  type CallOptions,
  type CreatePaymentInput,
  type CreatePayoutInput,
  createHttpClient,
  createPaymentInputSchema,
  createPayoutInputSchema,
  defineProvider,
  type PaymentProvider,
  type ProviderCapabilities,
  type ProviderContext,
  type ProviderPlugin,
  parseInput,
  resolveBaseUrl,
  ValidationError,
  type WebhookContext,
  type WebhookRequest,
} from '@paymux/core';
import { createMockApi, type MockApi } from './mock-client';
import { mapMockError } from './mock-error';
import { toPayment, toPayout } from './mock-mapping';
import {
  type MockProviderSettings,
  mockBaseUrls,
  mockSecretFields,
  mockSettingsSchema,
  parseMockSettings,
} from './mock-settings';
import { parseMockWebhook } from './mock-webhook';

/** What the mock provider supports: a hosted or address payment flow, payouts, signed webhooks. */
export const mockCapabilities: ProviderCapabilities = {
  operations: {
    createPayment: { idempotent: true, idempotencyKey: 'idempotency-key' },
    getPayment: {},
    createPayout: { idempotent: true, idempotencyKey: 'idempotency-key' },
    getPayout: {},
    parseWebhook: {},
  },
  flows: ['hosted', 'deposit_address'],
  assets: [
    { symbol: 'USDT', network: 'tron' },
    { symbol: 'USDT', network: 'ethereum' },
    { symbol: 'BTC', network: 'bitcoin' },
  ],
  webhooks: { verification: ['signature'], retries: 'none: the mock sends each webhook once' },
  rateLimits: { requestsPerSecond: 50 },
};

/** The mock's wire names of the two flows. */
const modeByFlow = { hosted: 'hosted', deposit_address: 'address' } as const;

/**
 * Creates a mock provider account: a small but real adapter over the mock API that
 * `createMockApiServer` serves (or that nock fakes).
 *
 * @example
 * const server = await createMockApiServer();
 * const provider = createMockProvider({ apiKey: server.apiKey, webhookSecret: server.webhookSecret, baseUrl: server.baseUrl });
 * const payment = await provider.createPayment({ reference: 'order-1', amount: { amount: '10.00', currency: 'EUR' } });
 */
export function createMockProvider(
  settings: MockProviderSettings,
  context: Partial<ProviderContext> = {},
): PaymentProvider<MockApi> {
  const config = parseMockSettings(settings);
  const account = context.account ?? 'mock';
  const http = createHttpClient({
    providerType: 'mock',
    account,
    baseUrl: resolveBaseUrl(config, mockBaseUrls),
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    secrets: [config.apiKey, config.webhookSecret],
    authenticate: (request) => {
      request.headers.authorization = `Bearer ${config.apiKey}`;
    },
    mapError: (response) => mapMockError(response, { account, redact: http.redact }),
    rateLimiter: context.rateLimiter,
    logger: context.logger,
  });
  const api = createMockApi(http);
  const mapping = { account, redact: http.redact };
  const requestOptions = (options: CallOptions | undefined, idempotencyKey?: string) => ({
    idempotencyKey,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });

  return defineProvider({
    type: 'mock',
    account,
    capabilities: mockCapabilities,
    api,
    operations: {
      async createPayment(raw: CreatePaymentInput, options?: CallOptions) {
        const input = parseInput(createPaymentInputSchema, raw, {
          provider: account,
          operation: 'createPayment',
        });
        if (input.flow === 'tracking') {
          throw new ValidationError('createPayment: flow mock does not offer the tracking flow', {
            provider: account,
            operation: 'createPayment',
            field: 'flow',
          });
        }
        const wire = await api.createPayment(
          {
            reference: input.reference,
            amount: input.amount.amount,
            currency: input.amount.currency,
            mode: modeByFlow[input.flow ?? 'hosted'],
            ...(input.payWith ? { pay_currency: input.payWith.symbol } : {}),
            ...(input.payWith?.network ? { network: input.payWith.network } : {}),
            ...(input.webhookUrl ? { webhook_url: input.webhookUrl } : {}),
            ...(input.expiresInMinutes ? { expires_in_minutes: input.expiresInMinutes } : {}),
            ...(input.description ? { description: input.description } : {}),
            ...(input.metadata ? { metadata: input.metadata } : {}),
          },
          requestOptions(
            options,
            options?.idempotencyKey ?? input.idempotencyKey ?? `payment:${input.reference}`,
          ),
        );
        return toPayment(wire, mapping);
      },
      async getPayment(id: string, options?: CallOptions) {
        if (!id)
          throw new ValidationError('getPayment: id must not be empty', { provider: account, field: 'id' });
        return toPayment(await api.getPayment(id, requestOptions(options)), mapping);
      },
      async createPayout(raw: CreatePayoutInput, options?: CallOptions) {
        const input = parseInput(createPayoutInputSchema, raw, {
          provider: account,
          operation: 'createPayout',
        });
        const wire = await api.createPayout(
          {
            reference: input.reference,
            amount: input.amount.amount,
            currency: input.amount.currency,
            network: input.destination.asset.network,
            address: input.destination.address,
            ...(input.destination.memo ? { memo: input.destination.memo } : {}),
            ...(input.metadata ? { metadata: input.metadata } : {}),
          },
          requestOptions(
            options,
            options?.idempotencyKey ?? input.idempotencyKey ?? `payout:${input.reference}`,
          ),
        );
        return toPayout(wire, mapping);
      },
      async getPayout(id: string, options?: CallOptions) {
        if (!id)
          throw new ValidationError('getPayout: id must not be empty', { provider: account, field: 'id' });
        return toPayout(await api.getPayout(id, requestOptions(options)), mapping);
      },
      async parseWebhook(request: WebhookRequest, _context: WebhookContext) {
        return parseMockWebhook(request, {
          account,
          webhookSecret: config.webhookSecret,
          redact: http.redact,
        });
      },
    },
  });
}

/**
 * The mock provider's plug-in, registered like any adapter's.
 *
 * @example
 * const paymux = createPaymux({ plugins: [mockProviderPlugin],
 *   providers: { test: { type: 'mock', apiKey: server.apiKey, webhookSecret: server.webhookSecret, baseUrl: server.baseUrl } } });
 */
export const mockProviderPlugin: ProviderPlugin<typeof mockSettingsSchema, MockApi> = {
  type: 'mock',
  settingsSchema: mockSettingsSchema,
  capabilities: mockCapabilities,
  secretFields: mockSecretFields,
  create: (settings, context) => createMockProvider(settings, context),
};
