/*
 * Acme: a fifth payment provider for paymux, written as a plug-in outside paymux, in one file.
 *
 * The Acme API (served locally by `startAcmeApi`, see acme-api-server.ts):
 *   x-api-key: <apiKey> on every request.
 *   POST /v1/payments  { order_id, price, currency, pay_currency?, webhook_url? } -> 201 payment
 *                      (the same order_id again answers the first payment: creates are safe to retry)
 *   GET  /v1/payments/{id}                                                     -> 200 payment
 *   errors: 4xx/5xx { code, message }
 *   webhooks: POST webhook_url { event_id, occurred_at, payment } signed with `acme-signature`,
 *             the hex HMAC-SHA256 of the raw body under the webhook secret; answer 200.
 */
import {
  amountDelta,
  type CallOptions,
  type CreatePaymentInput,
  ConfigurationError,
  connectionSettingsShape,
  createHttpClient,
  createPaymentInputSchema,
  decimal,
  definePlugin,
  defineProvider,
  errorFromHttpStatus,
  getHeader,
  hmacSha256Hex,
  type HttpResponse,
  mapStatus,
  type Payment,
  type PaymentProvider,
  type PaymentStatus,
  type PaymuxError,
  type ProviderCapabilities,
  type ProviderContext,
  ProviderRejectedError,
  ProviderResponseError,
  parseInput,
  parseProviderJson,
  parseProviderOptions,
  parseRetryAfter,
  paymentEventType,
  providerDecimalSchema,
  rawBodyText,
  resolveBaseUrl,
  sanitizeRaw,
  timingSafeEqualStrings,
  ValidationError,
  type WebhookParseResult,
  type WebhookRequest,
  WebhookVerificationError,
} from '@paymux/core';
import { z } from 'zod';

/** Strict: a typo in config is a `ConfigurationError` naming the key. */
export const acmeSettingsSchema = z.strictObject({
  ...connectionSettingsShape,
  apiKey: z.string().min(1),
  webhookSecret: z.string().min(1),
});
export type AcmeSettings = z.input<typeof acmeSettingsSchema>;

/**
 * `providerOptions.acme` of `createPayment`: Acme takes nothing beyond the unified input, so any
 * key is a typo. The plugin declares it, which makes such a typo a compile error in
 * `paymux.createPayment`; the operation parses with it, which makes it a `ValidationError` too.
 */
export const acmePaymentOptionsSchema = z.strictObject({});

/** Every status Acme sends; the table below must cover each (checked at compile time). */
export const acmeStatuses = ['new', 'seen', 'paid', 'expired', 'cancelled'] as const;
const acmeStatusTable = {
  new: 'requires_payment',
  seen: 'processing',
  paid: 'succeeded',
  expired: 'expired',
  cancelled: 'cancelled',
} as const satisfies Record<(typeof acmeStatuses)[number], PaymentStatus>;

// Lenient wire schemas: Acme may add fields; amounts arrive as strings or numbers, leave as exact strings.
const acmePaymentSchema = z.looseObject({
  id: z.string().min(1),
  order_id: z.string(),
  status: z.string(),
  price: providerDecimalSchema,
  currency: z.string(),
  pay_currency: z.string(),
  pay_amount: providerDecimalSchema,
  pay_address: z.string(),
  received: providerDecimalSchema.optional(),
  checkout_url: z.string().optional(),
  created: z.string(),
  updated: z.string(),
});
type AcmePayment = z.infer<typeof acmePaymentSchema>;
const acmeErrorSchema = z.looseObject({ code: z.string(), message: z.string().optional() });
const acmeWebhookSchema = z.looseObject({
  event_id: z.string().min(1),
  occurred_at: z.string(),
  payment: z.unknown(),
});

export const acmeCapabilities = {
  operations: {
    createPayment: {
      idempotent: true,
      idempotencyKey: 'reference',
      note: 'order_id = reference; a repeat answers the first payment',
    },
    getPayment: {},
    parseWebhook: { note: 'hex HMAC-SHA256 of the raw body in acme-signature' },
  },
  flows: ['hosted'],
  assets: [
    { symbol: 'BTC', network: 'bitcoin' },
    { symbol: 'USDT', network: 'tron' },
  ],
  webhooks: { verification: ['signature'] },
} as const satisfies ProviderCapabilities;

const networkOf: Record<string, string> = { BTC: 'bitcoin', USDT: 'tron' };
const iso = (value: string) => new Date(value).toISOString();

function toPayment(wire: AcmePayment, account: string, redact: (text: string) => string): Payment {
  const received = wire.received !== undefined && !decimal.isZero(wire.received) ? wire.received : undefined;
  const due = { amount: wire.pay_amount, currency: wire.pay_currency };
  return {
    id: wire.id,
    provider: account,
    providerType: 'acme',
    providerPaymentId: wire.id,
    reference: wire.order_id,
    flow: 'hosted',
    status: mapStatus(acmeStatusTable, wire.status),
    rawStatus: wire.status,
    amount: { amount: wire.price, currency: wire.currency },
    quote: { amount: due },
    payIn: {
      asset: { symbol: wire.pay_currency, network: networkOf[wire.pay_currency] ?? 'unknown' },
      address: wire.pay_address,
      amount: due,
    },
    ...(wire.checkout_url ? { checkoutUrl: wire.checkout_url } : {}),
    ...(received ? { received: { amount: received, currency: wire.pay_currency } } : {}),
    amountDelta: amountDelta(wire.pay_amount, received),
    transfers: [],
    createdAt: iso(wire.created),
    updatedAt: iso(wire.updated),
    raw: sanitizeRaw(wire, redact),
  };
}

/** Acme's `{ code, message }` as a typed error; `undefined` lets the HTTP client map the status. */
function mapAcmeError(
  response: HttpResponse,
  account: string,
  redact: (text: string) => string,
): PaymuxError | undefined {
  const parsed = acmeErrorSchema.safeParse(response.body);
  if (!parsed.success) return undefined;
  const options = {
    provider: account,
    providerCode: parsed.data.code,
    httpStatus: response.status,
    requestId: response.requestId,
    retryAfter: parseRetryAfter(response.headers['retry-after']),
  };
  // Acme echoes requests in its messages: redact before anything else sees them.
  const message = `acme: ${redact(parsed.data.message ?? parsed.data.code)}`;
  if (response.status < 400) return new ProviderRejectedError(message, options);
  return errorFromHttpStatus(response.status, message, options);
}

/**
 * Creates an Acme account.
 *
 * @example
 * const acme = createAcme({ apiKey: 'ak_…', webhookSecret: 'wh_…', baseUrl: api.url });
 * const payment = await acme.createPayment({ reference: 'order-1', amount: { amount: '10.00', currency: 'EUR' } });
 */
export function createAcme(input: AcmeSettings, context: Partial<ProviderContext> = {}): PaymentProvider {
  const parsed = acmeSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.map(String).join('.') || '(settings)';
    throw new ConfigurationError(`acme settings: ${field} is invalid`, { provider: 'acme', field });
  }
  const settings = parsed.data;
  const account = context.account ?? 'acme';
  const http = createHttpClient({
    providerType: 'acme',
    account,
    baseUrl: resolveBaseUrl(settings, {
      production: 'https://api.acme.example',
      sandbox: 'https://sandbox.acme.example',
    }),
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    secrets: [settings.apiKey, settings.webhookSecret],
    authenticate: (request) => {
      request.headers['x-api-key'] = settings.apiKey;
    },
    mapError: (response) => mapAcmeError(response, account, http.redact),
    rateLimiter: context.rateLimiter,
    logger: context.logger,
  });
  const read = (wire: AcmePayment) => toPayment(wire, account, http.redact);

  return defineProvider({
    type: 'acme',
    account,
    capabilities: acmeCapabilities,
    api: {},
    operations: {
      async createPayment(raw: CreatePaymentInput, options?: CallOptions) {
        const payment = parseInput(createPaymentInputSchema, raw, {
          provider: account,
          operation: 'createPayment',
        });
        parseProviderOptions('acme', acmePaymentOptionsSchema, payment.providerOptions, {
          provider: account,
          operation: 'createPayment',
        });
        if (payment.flow !== undefined && payment.flow !== 'hosted') {
          throw new ValidationError(`createPayment: acme offers the hosted flow only`, {
            provider: account,
            field: 'flow',
          });
        }
        const { data } = await http.request({
          operation: 'createPayment',
          method: 'POST',
          path: '/v1/payments',
          json: {
            order_id: payment.reference,
            price: payment.amount.amount,
            currency: payment.amount.currency,
            ...(payment.payWith ? { pay_currency: payment.payWith.symbol } : {}),
            ...(payment.webhookUrl ? { webhook_url: payment.webhookUrl } : {}),
          },
          idempotent: true, // Acme answers a repeated order_id with the first payment.
          reference: payment.reference,
          schema: acmePaymentSchema,
          signal: options?.signal,
          timeoutMs: options?.timeoutMs,
        });
        return read(data);
      },
      async getPayment(id: string, options?: CallOptions) {
        if (!id)
          throw new ValidationError('getPayment: id must not be empty', { provider: account, field: 'id' });
        const { data } = await http.request({
          operation: 'getPayment',
          method: 'GET',
          path: `/v1/payments/${encodeURIComponent(id)}`,
          schema: acmePaymentSchema,
          signal: options?.signal,
          timeoutMs: options?.timeoutMs,
        });
        return read(data);
      },
      async parseWebhook(request: WebhookRequest): Promise<WebhookParseResult> {
        // Verify the exact bytes first, and fail closed: nothing unverified is even parsed.
        const signature = getHeader(request, 'acme-signature');
        const body = rawBodyText(request);
        if (
          !signature ||
          !timingSafeEqualStrings(signature.trim().toLowerCase(), hmacSha256Hex(settings.webhookSecret, body))
        ) {
          throw new WebhookVerificationError('acme webhook signature missing or wrong', {
            provider: account,
          });
        }
        let envelope: z.infer<typeof acmeWebhookSchema>;
        let wire: AcmePayment;
        try {
          envelope = acmeWebhookSchema.parse(parseProviderJson(body));
          wire = acmePaymentSchema.parse(envelope.payment);
        } catch {
          throw new ProviderResponseError('acme sent a signed webhook that is not a payment notification', {
            provider: account,
            operation: 'parseWebhook',
          });
        }
        const data = read(wire);
        return {
          events: [
            {
              id: `acme:${envelope.event_id}`,
              object: 'payment',
              type: paymentEventType(data),
              provider: account,
              providerType: 'acme',
              occurredAt: iso(envelope.occurred_at),
              verifiedBy: 'signature',
              data,
              raw: sanitizeRaw(envelope, http.redact),
            },
          ],
          response: { status: 200, body: 'ok', headers: { 'content-type': 'text/plain' } },
        };
      },
    },
  });
}

/**
 * The plug-in: register it and configure accounts of `type: 'acme'`. Written with `definePlugin`
 * so that `createPaymux` checks each account's settings and `providerOptions.acme` at compile time.
 *
 * @example
 * createPaymux({ plugins: [acmePlugin], providers: { acme: { type: 'acme', apiKey, webhookSecret, baseUrl } } });
 */
export const acmePlugin = definePlugin({
  type: 'acme',
  settingsSchema: acmeSettingsSchema,
  capabilities: acmeCapabilities,
  secretFields: ['apiKey', 'webhookSecret'],
  providerOptionsSchemas: { createPayment: acmePaymentOptionsSchema },
  create: (settings, context): PaymentProvider => createAcme(settings, context),
});
