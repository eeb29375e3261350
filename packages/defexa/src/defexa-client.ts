import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type HttpClientOptions,
  type ProviderCallOptions,
  requestCallFields,
  AuthenticationError,
  createHttpClient,
  createRedactor,
  type HttpClient,
  type Logger,
  PaymuxError,
  type PreparedRequest,
  type QueryValue,
  type RateLimiter,
  type RequestSpec,
  type RetryPolicy,
  redactDeep,
  silentLogger,
} from '@paymux/core';
import type { z } from 'zod';
import {
  type DefexaAmlRefundRequest,
  type DefexaChargeRequest,
  type DefexaCreateInvoiceRequest,
  type DefexaCreatePayoutRequest,
  type DefexaHostToHostPaymentRequest,
  type DefexaInvoiceListQuery,
  type DefexaMassPayoutRequest,
  type DefexaPayoutFeeRequest,
  type DefexaPayoutListQuery,
  defexaAcknowledgementSchema,
  defexaAmlRefundListResponseSchema,
  defexaChargeResponseSchema,
  defexaCreateInvoiceResponseSchema,
  defexaCreatePayoutResponseSchema,
  defexaFeedResponseSchema,
  defexaHostToHostPaymentResponseSchema,
  defexaInvoiceListResponseSchema,
  defexaLoginResponseSchema,
  defexaMassPayoutResponseSchema,
  defexaPayoutFeeResponseSchema,
  defexaPayoutListResponseSchema,
  defexaWalletsResponseSchema,
  defexaEnginePaymentResponseSchema,
} from './defexa-api';
import { defexaKeyErrorCodes, mapDefexaError } from './defexa-error';
import { jsonNumber, writeJsonNumbers } from './defexa-json-number';
import { DefexaSessionManager } from './defexa-session';

/**
 * Options of every `api` call: core's one call-options type (signal, timeout, priority, the
 * operation and the merchant reference), carried whole to the HTTP client.
 */
export type DefexaCallOptions = ProviderCallOptions;

export interface DefexaClientOptions {
  account: string;
  /** How requests travel (core's node:http transport when absent). */
  transport?: HttpClientOptions['transport'];
  /** An HTTP CONNECT proxy for a static egress IP. */
  proxy?: HttpClientOptions['proxy'];
  baseUrl: string;
  merchantPrivateKey: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  rateLimiter?: RateLimiter;
  logger?: Logger;
  now?: () => Date;
  /** Seconds before `expiration` at which a session is replaced. */
  sessionRefreshMarginSeconds?: number;
}

/** Paths of the DA module, which need a session token; the login itself does not. */
const SESSION_PATH = /\/api\/v1\/da\/(?!login(?:[/?]|$))/;
const SESSION_QUERY = /(session_token=)[^&\s"']+/g;

/** Attaches the session token: first in the query string of a GET, first in a POST body. */
function attachSessionToken(request: PreparedRequest, token: string): void {
  if (request.method === 'GET' || request.body === undefined) {
    const url = new URL(request.url);
    const query = new URLSearchParams({ session_token: token });
    for (const [key, value] of url.searchParams) query.append(key, value);
    request.url = `${url.origin}${url.pathname}?${query}`;
    request.pathWithQuery = `${url.pathname}?${query}`;
    return;
  }
  const rest = request.body.trim().slice(1).trimStart();
  request.body = `{"session_token":${JSON.stringify(token)}${rest.startsWith('}') ? '' : ','}${rest}`;
}

/**
 * The typed low-level Defexa client (`provider.api`): one method per endpoint of the seed. It
 * sends `Authorization: Bearer <merchant private key>` on every call and manages the DA session
 * (`POST /api/v1/da/login`): one token reused until shortly before its `expiration`, one login at
 * a time, and one re-login and retry when the API refuses a token.
 *
 * @example
 * const api = createDefexaClient({ account: 'main', baseUrl: defexaBaseUrls.production, merchantPrivateKey });
 * const { wallets } = await api.listWallets();
 */
export function createDefexaClient(options: DefexaClientOptions) {
  const now = options.now ?? (() => new Date());
  const sessionSlot = new AsyncLocalStorage<{ token?: string }>();
  let sessions: DefexaSessionManager;

  const scrubSessions = (text: string): string => {
    let result = text.replace(SESSION_QUERY, '$1[REDACTED]');
    for (const token of sessions.knownTokens()) result = result.split(token).join('[REDACTED]');
    return result;
  };
  const keyRedactor = createRedactor([options.merchantPrivateKey]);
  const baseLogger = options.logger ?? silentLogger;
  // Session tokens are issued at run time, so core's redactor (built from configured secrets)
  // does not know them: log fields pass through this scrubber first.
  const logger: Logger = {
    debug: (message, fields) => baseLogger.debug(message, fields && redactDeep(fields, scrubSessions)),
    info: (message, fields) => baseLogger.info(message, fields && redactDeep(fields, scrubSessions)),
    warn: (message, fields) => baseLogger.warn(message, fields && redactDeep(fields, scrubSessions)),
    error: (message, fields) => baseLogger.error(message, fields && redactDeep(fields, scrubSessions)),
  };

  const http: HttpClient = createHttpClient({
    providerType: 'defexa',
    account: options.account,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    transport: options.transport,
    proxy: options.proxy,
    retry: options.retry,
    rateLimiter: options.rateLimiter,
    logger,
    secrets: [options.merchantPrivateKey],
    mapError: (response) => mapDefexaError(response, { provider: options.account, redact: keyRedactor }),
    async authenticate(request) {
      request.headers.authorization = `Bearer ${options.merchantPrivateKey}`;
      if (request.body !== undefined) request.body = writeJsonNumbers(request.body);
      if (!SESSION_PATH.test(new URL(request.url).pathname)) return;
      const token = await sessions.token();
      const slot = sessionSlot.getStore();
      if (slot) slot.token = token;
      attachSessionToken(request, token);
    },
  });

  sessions = new DefexaSessionManager(
    async () =>
      (
        await http.request({
          operation: 'login',
          method: 'POST',
          path: '/api/v1/da/login',
          json: {},
          schema: defexaLoginResponseSchema,
          // A login creates nothing a repeat could duplicate.
          idempotent: true,
        })
      ).data,
    now,
    (options.sessionRefreshMarginSeconds ?? 60) * 1000,
  );

  /**
   * Session tokens are not configured secrets, so core's redactor leaves them in an error's
   * excerpt (a proxy page or an error body may echo the request URL): scrub them here.
   */
  function scrubbed(error: unknown): unknown {
    if (!PaymuxError.is(error)) return error;
    const writable = error as { message: string; bodyExcerpt: string | undefined };
    writable.message = scrubSessions(error.message);
    if (error.bodyExcerpt !== undefined) writable.bodyExcerpt = scrubSessions(error.bodyExcerpt);
    // An AmbiguousOutcomeError wraps the failure that caused it.
    if (error.cause !== error) scrubbed(error.cause);
    return error;
  }

  /** A request; a DA request refused for its session is retried once with a new session. */
  async function send<Schema extends z.ZodType>(
    spec: RequestSpec<Schema>,
    call: DefexaCallOptions = {},
  ): Promise<z.output<Schema>> {
    const full: RequestSpec<Schema> = {
      ...spec,
      ...requestCallFields(call),
      operation: call.operation ?? spec.operation,
      reference: call.reference ?? spec.reference,
    };
    const slot: { token?: string } = {};
    try {
      return await sendOnce(full, slot);
    } catch (error) {
      // Only a token this call used is dropped: a refusal cannot have done anything, so one
      // retry with a fresh session is safe even for a payout.
      // A refused merchant key is not a session problem: a new login would be refused too.
      if (
        !AuthenticationError.is(error) ||
        slot.token === undefined ||
        defexaKeyErrorCodes.has(error.providerCode ?? '')
      ) {
        throw error;
      }
      sessions.invalidate(slot.token);
      return await sendOnce(full, {});
    }
  }

  async function sendOnce<Schema extends z.ZodType>(
    spec: RequestSpec<Schema>,
    slot: { token?: string },
  ): Promise<z.output<Schema>> {
    try {
      return (await sessionSlot.run(slot, () => http.request(spec))).data;
    } catch (error) {
      throw scrubbed(error);
    }
  }

  const get = <Schema extends z.ZodType>(
    operation: string,
    path: string,
    schema: Schema,
    query: Record<string, QueryValue> | undefined,
    call: DefexaCallOptions | undefined,
  ) => send({ operation, method: 'GET', path, query, schema }, call);

  return {
    /** The underlying HTTP client (its redactor scrubs the merchant private key). */
    http,
    /** `POST /api/v1/da/login`: a new session (normally managed for you). */
    login: (call?: DefexaCallOptions) =>
      send(
        {
          operation: 'login',
          method: 'POST',
          path: '/api/v1/da/login',
          json: {},
          schema: defexaLoginResponseSchema,
          idempotent: true,
        },
        call,
      ),
    /** A usable session token (cached, refreshed before expiry). */
    sessionToken: () => sessions.token(),
    /** `POST /api/v1/payments`: the static deposit address of one customer (repeatable). */
    createHostToHostPayment: (body: DefexaHostToHostPaymentRequest, call?: DefexaCallOptions) =>
      send(
        {
          operation: 'createHostToHostPayment',
          method: 'POST',
          path: '/api/v1/payments',
          json: body,
          schema: defexaHostToHostPaymentResponseSchema,
          // The address is static per customer uid: a repeat returns the same address.
          idempotent: true,
        },
        call,
      ),
    /** `POST /api/v1/charge`: a widget invoice with its redirect URL. */
    createCharge: (body: DefexaChargeRequest, call?: DefexaCallOptions) =>
      send(
        {
          operation: 'createCharge',
          method: 'POST',
          path: '/api/v1/charge',
          json: { ...body, amount: jsonNumber(body.amount) },
          schema: defexaChargeResponseSchema,
          reference: body.shop_order_id,
        },
        call,
      ),
    /** `GET /api/v1/payments/{token}`: the engine's view of one payment (outside the seed, see NOTES). */
    getEnginePayment: (token: string, call?: DefexaCallOptions) =>
      get(
        'getEnginePayment',
        `/api/v1/payments/${encodeURIComponent(token)}`,
        defexaEnginePaymentResponseSchema,
        undefined,
        call,
      ),
    /** `GET /api/v1/da/wallets`: assets, balances and wallet addresses. */
    listWallets: (call?: DefexaCallOptions) =>
      get('listWallets', '/api/v1/da/wallets', defexaWalletsResponseSchema, undefined, call),
    /** `GET /api/v1/da/payouts?type=single|mass[&order_number=]`. */
    listPayouts: (query: DefexaPayoutListQuery, call?: DefexaCallOptions) =>
      get('listPayouts', '/api/v1/da/payouts', defexaPayoutListResponseSchema, { ...query }, call),
    /** `GET /api/v1/da/payouts/{id}`. */
    getPayout: (payoutId: string, call?: DefexaCallOptions) =>
      get(
        'getPayout',
        `/api/v1/da/payouts/${encodeURIComponent(payoutId)}`,
        defexaFeedResponseSchema,
        undefined,
        call,
      ),
    /** `POST /api/v1/da/payouts`: never sent twice (reconcile by `order_number`). */
    createPayout: (body: DefexaCreatePayoutRequest, call?: DefexaCallOptions) =>
      send(
        {
          operation: 'createPayout',
          method: 'POST',
          path: '/api/v1/da/payouts',
          json: { ...body, amount: jsonNumber(body.amount) },
          schema: defexaCreatePayoutResponseSchema,
          reference: body.order_number,
        },
        call,
      ),
    /** `POST /api/v1/da/mass_payouts`. */
    createMassPayout: (body: DefexaMassPayoutRequest, call?: DefexaCallOptions) =>
      send(
        {
          operation: 'createMassPayout',
          method: 'POST',
          path: '/api/v1/da/mass_payouts',
          json: {
            ...body,
            payout_list: body.payout_list.map((line) => ({ ...line, Summ: jsonNumber(line.Summ) })),
          },
          schema: defexaMassPayoutResponseSchema,
          reference: body.name,
        },
        call,
      ),
    /** `GET /api/v1/da/mass_payouts?order_number=`: the transactions of one mass payout. */
    listMassPayoutTransactions: (orderNumber: string, call?: DefexaCallOptions) =>
      get(
        'listMassPayoutTransactions',
        '/api/v1/da/mass_payouts',
        defexaPayoutListResponseSchema,
        { order_number: orderNumber },
        call,
      ),
    /** `POST /api/v1/da/payouts/fee`: the expected network fee (a read). */
    estimatePayoutFee: (body: DefexaPayoutFeeRequest, call?: DefexaCallOptions) =>
      send(
        {
          operation: 'estimatePayoutFee',
          method: 'POST',
          path: '/api/v1/da/payouts/fee',
          json: { ...body, amount: jsonNumber(body.amount) },
          schema: defexaPayoutFeeResponseSchema,
          idempotent: true,
        },
        call,
      ),
    /** `GET /api/v1/da/invoices[?type_name=&order_number=]`. */
    listInvoices: (query: DefexaInvoiceListQuery = {}, call?: DefexaCallOptions) =>
      get('listInvoices', '/api/v1/da/invoices', defexaInvoiceListResponseSchema, { ...query }, call),
    /** `GET /api/v1/da/invoices/{id}`. */
    getInvoice: (invoiceId: string, call?: DefexaCallOptions) =>
      get(
        'getInvoice',
        `/api/v1/da/invoices/${encodeURIComponent(invoiceId)}`,
        defexaFeedResponseSchema,
        undefined,
        call,
      ),
    /** `POST /api/v1/da/invoices`: a SINGLE or UNLIMITED invoice. */
    createInvoice: (body: DefexaCreateInvoiceRequest, call?: DefexaCallOptions) =>
      send(
        {
          operation: 'createInvoice',
          method: 'POST',
          path: '/api/v1/da/invoices',
          json: body.amount === undefined ? body : { ...body, amount: jsonNumber(body.amount) },
          schema: defexaCreateInvoiceResponseSchema,
        },
        call,
      ),
    /** `GET /api/v1/da/aml_refunds`: payments held by AML scoring. */
    listAmlRefunds: (call?: DefexaCallOptions) =>
      get('listAmlRefunds', '/api/v1/da/aml_refunds', defexaAmlRefundListResponseSchema, undefined, call),
    /** `POST /api/v1/da/aml_refunds`: sends a held payment back to an address. */
    createAmlRefund: (body: DefexaAmlRefundRequest, call?: DefexaCallOptions) =>
      send(
        {
          operation: 'createAmlRefund',
          method: 'POST',
          path: '/api/v1/da/aml_refunds',
          json: body,
          schema: defexaAcknowledgementSchema,
        },
        call,
      ),
  };
}

/** The typed low-level Defexa client. */
export type DefexaClient = ReturnType<typeof createDefexaClient>;
