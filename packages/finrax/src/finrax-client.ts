import {
  type ProviderCallOptions,
  requestCallFields,
  createHttpClient,
  createRedactor,
  type HttpClient,
  type HttpResult,
  type Logger,
  type RateLimiter,
  resolveBaseUrl,
} from '@paymux/core';
import type { z } from 'zod';
import {
  type FinraxCreatePaymentRequest,
  type FinraxCreateWithdrawalRequest,
  type FinraxListPaymentsQuery,
  type FinraxListWithdrawalsQuery,
  type FinraxSubmitPaymentRequest,
  finraxAddressValidationSchema,
  finraxCreatePaymentResponseSchema,
  finraxCreateWithdrawalResponseSchema,
  finraxDepositRatesSchema,
  finraxPaymentEnvelopeSchema,
  finraxPaymentListSchema,
  finraxWithdrawalListSchema,
  finraxWithdrawalMetadataSchema,
} from './finrax-api';
import { createFinraxAuthenticator } from './finrax-authentication';
import { createFinraxErrorMapper } from './finrax-error';
import { createFinraxScrubber, finraxSecretForms, scrubFinraxError } from './finrax-error-redaction';
import { type FinraxSettings, finraxBaseUrls } from './finrax-settings';

/** Per-request options of the low-level client. */
export type FinraxRequestOptions = ProviderCallOptions;

/** What the low-level client needs besides the settings. */
export interface FinraxClientContext {
  account: string;
  logger?: Logger;
  rateLimiter?: RateLimiter;
  now?: () => Date;
}

/**
 * The low-level Finrax client (`provider.api`): one typed method per endpoint, signed, with lenient
 * response parsing and typed errors. Amounts come back as exact decimal strings.
 *
 * @example
 * const api = createFinraxClient(settings, { account: 'main' });
 * const { data } = await api.getPayment('2fcd3399-49d4-45e0-b995-7c489f43fe08');
 */
export interface FinraxClient {
  /** The underlying HTTP client (its `redact` removes configured secrets). */
  readonly http: HttpClient;
  readonly businessId: string;
  /** `POST /api/v1/payments`: creates a payment (status NEW) and its hosted page. */
  createPayment(
    body: FinraxCreatePaymentRequest,
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxCreatePaymentResponseSchema>>>;
  /** `PATCH /api/v1/payments/{paymentId}`: chooses the deposit currency and network (status PENDING). */
  submitPayment(
    paymentId: string,
    body: FinraxSubmitPaymentRequest,
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxPaymentEnvelopeSchema>>>;
  /** `GET /api/v1/payments/{paymentId}`. */
  getPayment(
    paymentId: string,
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxPaymentEnvelopeSchema>>>;
  /** `GET /api/v1/businesses/{businessId}/payments`. */
  listPayments(
    query?: FinraxListPaymentsQuery,
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxPaymentListSchema>>>;
  /** `POST /api/v1/withdrawals`: 201 with the withdrawal, or 202 when it needs an approval. */
  createWithdrawal(
    body: FinraxCreateWithdrawalRequest,
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxCreateWithdrawalResponseSchema>>>;
  /** `GET /api/v1/withdrawals?businessId=…&clientWithdrawId[]=…`. */
  listWithdrawals(
    query?: FinraxListWithdrawalsQuery,
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxWithdrawalListSchema>>>;
  /** `GET /api/v1/withdrawals/metadata`: fee, limits and precision per currency and network. */
  getWithdrawalMetadata(
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxWithdrawalMetadataSchema>>>;
  /**
   * `GET /v1/currency/{currency}/network/{network}/address/{address}/valid`: Finrax documents this
   * one path without the `/api` prefix of the others, so `pathPrefix` does not apply to it.
   */
  validateAddress(
    input: { currency: string; network: string; address: string },
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxAddressValidationSchema>>>;
  /** `GET /api/v1/exchange/rates/deposit?fromCurrency=…&toCurrency=…`. */
  getDepositRates(
    query: { fromCurrency: string; toCurrency: string },
    options?: FinraxRequestOptions,
  ): Promise<HttpResult<z.output<typeof finraxDepositRatesSchema>>>;
}

/**
 * Creates the low-level client of one Finrax account.
 *
 * @example
 * const api = createFinraxClient(finraxSettingsSchema.parse(raw), { account: 'main' });
 */
export function createFinraxClient(settings: FinraxSettings, context: FinraxClientContext): FinraxClient {
  const secrets = finraxSecretForms([settings.apiKey, settings.apiSecret]);
  const scrub = createFinraxScrubber(createRedactor(secrets));
  const now = context.now ?? (() => new Date());
  const transport = createHttpClient({
    providerType: 'finrax',
    account: context.account,
    baseUrl: resolveBaseUrl(settings, finraxBaseUrls),
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    transport: settings.transport,
    proxy: settings.proxy,
    secrets,
    authenticate: createFinraxAuthenticator(settings, now),
    mapError: createFinraxErrorMapper({ account: context.account, redact: scrub }),
    rateLimiter: context.rateLimiter,
    logger: context.logger,
  });
  // Every error leaves through the scrubber, whoever built it (the mapper, or the HTTP client for
  // an unreadable answer or a failed connection), and so does its cause chain.
  const http: HttpClient = {
    ...transport,
    request: (spec) =>
      transport.request(spec).catch((error: unknown) => {
        throw scrubFinraxError(error, scrub);
      }),
  };
  const prefix = `${settings.pathPrefix}/v1`;
  const segment = (value: string) => encodeURIComponent(value);
  const common = requestCallFields;

  return {
    http,
    businessId: settings.businessId,
    createPayment: (body, options) =>
      http.request({
        ...common(options),
        operation: 'createPayment',
        method: 'POST',
        path: `${prefix}/payments`,
        json: body,
        schema: finraxCreatePaymentResponseSchema,
        reference: options?.reference ?? body.clientPaymentId,
      }),
    submitPayment: (paymentId, body, options) =>
      http.request({
        ...common(options),
        operation: 'submitPayment',
        method: 'PATCH',
        path: `${prefix}/payments/${segment(paymentId)}`,
        json: body,
        schema: finraxPaymentEnvelopeSchema,
        // Choosing the same currency and network again changes nothing: safe to repeat.
        idempotent: true,
      }),
    getPayment: (paymentId, options) =>
      http.request({
        ...common(options),
        operation: 'getPayment',
        method: 'GET',
        path: `${prefix}/payments/${segment(paymentId)}`,
        schema: finraxPaymentEnvelopeSchema,
      }),
    listPayments: (query = {}, options) =>
      http.request({
        ...common(options),
        operation: 'listPayments',
        method: 'GET',
        path: `${prefix}/businesses/${segment(settings.businessId)}/payments`,
        query: { clientPaymentId: query.clientPaymentId },
        schema: finraxPaymentListSchema,
      }),
    createWithdrawal: (body, options) =>
      http.request({
        ...common(options),
        operation: 'createWithdrawal',
        method: 'POST',
        path: `${prefix}/withdrawals`,
        json: body,
        schema: finraxCreateWithdrawalResponseSchema,
        reference: options?.reference ?? body.clientWithdrawalId,
      }),
    listWithdrawals: (query = {}, options) =>
      http.request({
        ...common(options),
        operation: 'listWithdrawals',
        method: 'GET',
        path: `${prefix}/withdrawals`,
        query: {
          businessId: settings.businessId,
          // Finrax reads the list of client ids as `clientWithdrawId[]`, one per id.
          'clientWithdrawId[]': query.clientWithdrawId,
        },
        schema: finraxWithdrawalListSchema,
      }),
    getWithdrawalMetadata: (options) =>
      http.request({
        ...common(options),
        operation: 'getWithdrawalMetadata',
        method: 'GET',
        path: `${prefix}/withdrawals/metadata`,
        schema: finraxWithdrawalMetadataSchema,
      }),
    validateAddress: (input, options) =>
      http.request({
        ...common(options),
        operation: 'validateAddress',
        method: 'GET',
        path: `/v1/currency/${segment(input.currency)}/network/${segment(input.network)}/address/${segment(input.address)}/valid`,
        schema: finraxAddressValidationSchema,
      }),
    getDepositRates: (query, options) =>
      http.request({
        ...common(options),
        operation: 'getDepositRates',
        method: 'GET',
        path: `${prefix}/exchange/rates/deposit`,
        query: { fromCurrency: query.fromCurrency, toCurrency: query.toCurrency },
        schema: finraxDepositRatesSchema,
      }),
  };
}
