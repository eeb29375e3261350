import {
  type HttpClientOptions,
  type ProviderCallOptions,
  requestCallFields,
  requestMayHaveCommitted,
  AmbiguousOutcomeError,
  createHttpClient,
  type HttpClient,
  type HttpMethod,
  type Logger,
  type PaymuxError,
  type RateLimiter,
  type Redactor,
  type RequestSpec,
  redactDeep,
  type RetryPolicy,
} from '@paymux/core';
import type { z } from 'zod';
import {
  type AcceptPaymentParams,
  type AcceptPaymentResponse,
  acceptPaymentResponseSchema,
  type CancelPaymentParams,
  type CancelPaymentResponse,
  type CheckPaymentResponse,
  cancelPaymentResponseSchema,
  checkPaymentResponseSchema,
  type ForumpayParam,
  type GetCurrencyListParams,
  type GetRateParams,
  type GetRateResponse,
  type GetTransactionsParams,
  type GetTransactionsResponse,
  getCurrencyListResponseSchema,
  getRateResponseSchema,
  getTransactionsResponseSchema,
  type PaymentLookupParams,
  type RefundPaymentParams,
  type RefundPaymentResponse,
  refundPaymentResponseSchema,
  type StartPaymentParams,
  type StartPaymentResponse,
  startPaymentResponseSchema,
  type CurrencyListEntry,
} from './forumpay-api';
import { mapForumpayError } from './forumpay-error';
import { FORUMPAY_TYPE } from './forumpay-settings';

/** A parsed response and the body as it arrived, with secrets removed. */
export interface ForumpayResponse<T> {
  data: T;
  /** The provider payload, for `raw`: configured secrets and token fields redacted. */
  raw: unknown;
}

/** Per-call options of the low-level client. */
export type ForumpayCallOptions = ProviderCallOptions;

/**
 * The low-level ForumPay client (`provider.api`): one typed method per endpoint of the "Open API"
 * v2. `pos_id` (on every call), `locale` and `user` are added from the account settings.
 *
 * @example
 * const { data } = await provider.api.getRate({ invoice_currency: 'EUR', invoice_amount: '48.25', currency: 'BTC' });
 * data.amount // "0.00701726"
 */
export interface ForumpayClient {
  /** GetRate: rate and crypto amount for an invoice; returns a fresh `payment_id`. */
  getRate(params: GetRateParams, options?: ForumpayCallOptions): Promise<ForumpayResponse<GetRateResponse>>;
  /** StartPayment: starts the payment of a `payment_id` from GetRate. Never sent twice. */
  startPayment(
    params: StartPaymentParams,
    options?: ForumpayCallOptions,
  ): Promise<ForumpayResponse<StartPaymentResponse>>;
  /** CheckPayment: the state of a payment. */
  checkPayment(
    params: PaymentLookupParams,
    options?: ForumpayCallOptions,
  ): Promise<ForumpayResponse<CheckPaymentResponse>>;
  /** CancelPayment: cancels a payment no transfer was sent for. */
  cancelPayment(
    params: CancelPaymentParams,
    options?: ForumpayCallOptions,
  ): Promise<ForumpayResponse<CancelPaymentResponse>>;
  /** AcceptPayment: accepts an underpayment. Never sent twice. */
  acceptPayment(
    params: AcceptPaymentParams,
    options?: ForumpayCallOptions,
  ): Promise<ForumpayResponse<AcceptPaymentResponse>>;
  /** RefundPayment: refunds the open refund amount of a payment. Never sent twice. */
  refundPayment(
    params: RefundPaymentParams,
    options?: ForumpayCallOptions,
  ): Promise<ForumpayResponse<RefundPaymentResponse>>;
  /** GetCurrencyList: the currencies the account accepts. */
  getCurrencyList(
    params?: GetCurrencyListParams,
    options?: ForumpayCallOptions,
  ): Promise<ForumpayResponse<CurrencyListEntry[]>>;
  /** GetTransactions: the merchant's payments, newest first, with offset/limit paging. */
  getTransactions(
    params?: GetTransactionsParams,
    options?: ForumpayCallOptions,
  ): Promise<ForumpayResponse<GetTransactionsResponse>>;
}

/** What the low-level client is built from. */
export interface ForumpayClientOptions {
  account: string;
  /** How requests travel (core's node:http transport when absent). */
  transport?: HttpClientOptions['transport'];
  /** An HTTP CONNECT proxy for a static egress IP. */
  proxy?: HttpClientOptions['proxy'];
  baseUrl: string;
  user: string;
  secret: string;
  posId: string;
  locale?: string | undefined;
  paymentUser?: string | undefined;
  startPaymentMethod: 'POST' | 'GET';
  timeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  rateLimiter?: RateLimiter | undefined;
  logger?: Logger | undefined;
}

/** The low-level client and the redactor of its account. */
/** The former name of {@link ForumpayClient}, kept for compatibility. */
export type ForumpayApi = ForumpayClient;

/** The low-level client of one account and the redactor of its secrets. */
export interface ForumpayClientHandle {
  api: ForumpayClient;
  redact: Redactor;
}

type Params = Record<string, ForumpayParam | number>;

function toWire(params: Params): Record<string, string> {
  const wire: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    wire[key] = String(value);
  }
  return wire;
}

/**
 * Creates the low-level client of one account: HTTP Basic auth on every request, `err` bodies
 * mapped to typed errors whatever the status, and writes never sent twice.
 *
 * @example
 * const { api } = createForumpayClient({ account: 'pos', baseUrl, user, secret, posId: 'WEB1', startPaymentMethod: 'POST' });
 */
export function createForumpayClient(options: ForumpayClientOptions): ForumpayClientHandle {
  const basicToken = Buffer.from(`${options.user}:${options.secret}`, 'utf8').toString('base64');
  let redact: Redactor = (text) => text;
  const common = {
    providerType: FORUMPAY_TYPE,
    account: options.account,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    transport: options.transport,
    proxy: options.proxy,
    secrets: [options.secret, basicToken],
    rateLimiter: options.rateLimiter,
    logger: options.logger,
    authenticate(request: { headers: Record<string, string> }) {
      request.headers.authorization = `Basic ${basicToken}`;
    },
    mapError: (response: Parameters<typeof mapForumpayError>[0]) =>
      mapForumpayError(response, { account: options.account, redact }),
  };
  // Reads and the StartPayment POST go through the account's retry policy (core never repeats a
  // non-idempotent POST). The writes sent as GET use a client that never retries, because core
  // treats every GET as safe to repeat.
  const http: HttpClient = createHttpClient({ ...common, retry: options.retry });
  const writeHttp: HttpClient = createHttpClient({ ...common, retry: { ...options.retry, maxAttempts: 1 } });
  redact = http.redact;

  // The seed: "Each API call requires pos_id", GetCurrencyList and GetTransactions included (its
  // GetTransactions example omits it, but a POS-scoped list is also what a webhook search needs).
  const withCommon = (params: Params): Record<string, string> =>
    toWire({
      pos_id: options.posId,
      ...params,
      locale: params.locale ?? options.locale,
      user: params.user ?? options.paymentUser,
    });

  const toRaw = (body: unknown): unknown => {
    // ForumPay's access and stats tokens open the payer's page: keep them out of `raw` and logs.
    const tokens: string[] = [];
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      for (const key of ['access_token', 'stats_token']) {
        const value = (body as Record<string, unknown>)[key];
        if (typeof value === 'string' && value.length >= 8) tokens.push(value);
      }
    }
    const redactTokens = (text: string) =>
      tokens.reduce((result, token) => result.split(token).join('[REDACTED]'), redact(text));
    return redactDeep(body, redactTokens);
  };

  async function call<Schema extends z.ZodType>(
    spec: Omit<RequestSpec<Schema>, 'query' | 'form' | 'method'> & {
      method: HttpMethod;
      params: Record<string, string>;
      write?: boolean;
    },
    callOptions: ForumpayCallOptions = {},
  ): Promise<ForumpayResponse<z.output<Schema>>> {
    const { params, write, ...rest } = spec;
    const request: RequestSpec<Schema> = {
      ...rest,
      ...(spec.method === 'GET' ? { query: params } : { form: params }),
      ...requestCallFields(callOptions),
    };
    if (write && spec.method === 'GET') {
      try {
        const result = await writeHttp.request(request);
        return { data: result.data, raw: toRaw(result.body) };
      } catch (error) {
        // The rule core applies to POST writes, applied to the writes the seed sends as GET.
        if (!requestMayHaveCommitted(error)) throw error;
        const cause = error as PaymuxError;
        throw new AmbiguousOutcomeError(
          `${spec.operation} may or may not have been carried out by forumpay: ${cause.message}`,
          {
            provider: options.account,
            operation: spec.operation,
            reference: callOptions.reference,
            httpStatus: cause.httpStatus,
            requestId: cause.requestId,
            cause,
          },
        );
      }
    }
    const result = await http.request(request);
    return { data: result.data, raw: toRaw(result.body) };
  }

  const api: ForumpayClient = {
    getRate: (params, callOptions) =>
      call(
        {
          operation: 'GetRate',
          method: 'GET',
          path: 'GetRate/',
          params: withCommon({ ...params }),
          schema: getRateResponseSchema,
        },
        callOptions,
      ),
    startPayment: (params, callOptions) =>
      call(
        {
          operation: 'StartPayment',
          method: options.startPaymentMethod,
          path: 'StartPayment/',
          params: withCommon({ ...params }),
          schema: startPaymentResponseSchema,
          write: true,
        },
        { reference: params.reference_no, ...callOptions },
      ),
    checkPayment: (params, callOptions) =>
      call(
        {
          operation: 'CheckPayment',
          method: 'GET',
          path: 'CheckPayment/',
          params: withCommon({ ...params }),
          schema: checkPaymentResponseSchema,
        },
        callOptions,
      ),
    // Cancelling twice leaves the payment cancelled: safe to retry like a read.
    cancelPayment: (params, callOptions) =>
      call(
        {
          operation: 'CancelPayment',
          method: 'GET',
          path: 'CancelPayment/',
          params: withCommon({ ...params }),
          schema: cancelPaymentResponseSchema,
        },
        callOptions,
      ),
    acceptPayment: (params, callOptions) =>
      call(
        {
          operation: 'AcceptPayment',
          method: 'GET',
          path: 'AcceptPayment/',
          params: withCommon({ ...params }),
          schema: acceptPaymentResponseSchema,
          write: true,
        },
        callOptions,
      ),
    refundPayment: (params, callOptions) =>
      call(
        {
          operation: 'RefundPayment',
          method: 'GET',
          path: 'RefundPayment/',
          params: withCommon({ ...params }),
          schema: refundPaymentResponseSchema,
          write: true,
        },
        callOptions,
      ),
    getCurrencyList: (params = {}, callOptions) =>
      call(
        {
          operation: 'GetCurrencyList',
          method: 'GET',
          path: 'GetCurrencyList/',
          params: withCommon({ ...params }),
          schema: getCurrencyListResponseSchema,
        },
        callOptions,
      ),
    getTransactions: (params = {}, callOptions) =>
      call(
        {
          operation: 'GetTransactions',
          method: 'GET',
          path: 'GetTransactions/',
          params: withCommon({ ...params }),
          schema: getTransactionsResponseSchema,
        },
        callOptions,
      ),
  };
  return { api, redact: http.redact };
}
