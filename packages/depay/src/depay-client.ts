import type { KeyObject } from 'node:crypto';
import {
  type ProviderCallOptions,
  requestCallFields,
  type DecimalString,
  defaultRetryPolicy,
  type HttpClient,
  type HttpResult,
  PaymuxError,
  ProviderRejectedError,
  ProviderResponseError,
  providerDecimalSchema,
  type RetryPolicy,
  retryDelayMs,
  sleep,
} from '@paymux/core';
import { z } from 'zod';
import {
  type DepayAccountAsset,
  depayAccountAssetsSchema,
  type DepayCreatePaymentRequest,
  type DepayPayment,
  depayPaymentSchema,
  type DepayReleaseRequest,
} from './depay-api';
import { assertSignedByDepay } from './depay-response-signature';

/** Per-call options of the low-level client. */
export type DepayRequestOptions = ProviderCallOptions;

/** A tracking read from DePay, with the body as it arrived (for `raw`). */
export interface DepayPaymentResult {
  payment: DepayPayment;
  /** The parsed body, amounts untouched. */
  body: unknown;
  /** HTTP status: on create, 201 for a new tracking and 200 for one that already existed. */
  httpStatus: number;
}

/** What `createPayment` adds: whether DePay created the tracking now or already had it. */
export interface DepayCreatePaymentResult extends DepayPaymentResult {
  created: boolean;
}

/** The assets of an account, with the body as it arrived (for `raw`). */
export interface DepayAccountAssetsResult {
  assets: DepayAccountAsset[];
  body: unknown;
}

/**
 * The typed low-level DePay client (`provider.api`): one method per endpoint of the API. Every
 * call goes through the account's HTTP client, so it is authenticated, rate-limited and mapped
 * to typed errors like the unified operations.
 *
 * @example
 * const { payment } = await provider.api.getPayment('74417770-e6ac-4ae8-b027-0657600d7bad');
 * await provider.api.releasePayment({ blockchain: payment.blockchain, transaction, sender, nonce, uuid });
 */
export interface DepayClient {
  /** `POST /payments`: starts (or, for a known uuid, returns) a tracking. Safe to repeat. */
  createPayment(
    request: DepayCreatePaymentRequest,
    options?: DepayRequestOptions,
  ): Promise<DepayCreatePaymentResult>;
  /**
   * `GET /payments/{uuid}`. DePay signs this answer like its callbacks: one whose `x-signature`
   * is missing or does not verify is a `ProviderResponseError` and is not used.
   */
  getPayment(uuid: string, options?: DepayRequestOptions): Promise<DepayPaymentResult>;
  /**
   * `POST /payments/release`: forwards the customer after a callback answered with 202. Retried
   * (it is idempotent) until DePay answers 200, up to the account's `releaseAttempts`.
   */
  releasePayment(request: DepayReleaseRequest, options?: DepayRequestOptions): Promise<{ attempts: number }>;
  /** `GET /accounts/{blockchain}/{account}/assets`: balances in the smallest unit. */
  getAccountAssets(
    blockchain: string,
    account: string,
    options?: DepayRequestOptions,
  ): Promise<DepayAccountAssetsResult>;
  /** `GET /prices/{blockchain}/{token}`: the USD price of one token, as an exact decimal string. */
  getTokenPrice(blockchain: string, token: string, options?: DepayRequestOptions): Promise<DecimalString>;
  /** `GET /tokens/decimals/{blockchain}/{token}`: the token's decimals. */
  getTokenDecimals(blockchain: string, token: string, options?: DepayRequestOptions): Promise<number>;
}

/** The former name of {@link DepayClient}, kept for compatibility. */
export type DepayApi = DepayClient;

export interface DepayClientOptions {
  http: HttpClient;
  /** Account name, stamped on the errors this client raises itself. */
  account: string;
  releaseAttempts: number;
  retry?: Partial<RetryPolicy>;
  /** Verifies the `x-signature` of `GET /payments/{uuid}` answers. */
  publicKey: KeyObject;
}

const segment = (value: string) => encodeURIComponent(value);

/** Reads a bare-number body (`0.578212912312`), whatever its content type, without rounding. */
function parseBareNumber(result: HttpResult<unknown>, operation: string, http: HttpClient, account: string) {
  const value = result.body !== undefined ? result.body : result.rawBody.trim();
  const parsed = providerDecimalSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const excerpt = http.redact(result.rawBody).slice(0, 500);
  throw new ProviderResponseError(`DePay sent an unexpected ${operation} response: (body) not a number`, {
    provider: account,
    operation,
    httpStatus: result.status,
    requestId: result.requestId,
    bodyExcerpt: excerpt,
  });
}

/**
 * Builds the low-level client over an account's HTTP client.
 *
 * @example
 * const api = createDepayClient({ http, account: 'wallet', releaseAttempts: 6, publicKey });
 */
export function createDepayClient(options: DepayClientOptions): DepayClient {
  const { http } = options;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const common = requestCallFields;

  return {
    async createPayment(request, requestOptions) {
      const result = await http.request({
        ...common(requestOptions),
        operation: 'createPayment',
        method: 'POST',
        path: 'payments',
        json: request,
        schema: depayPaymentSchema,
        // DePay deduplicates by uuid (201 new, 200 existing): a repeat cannot start a second tracking.
        idempotent: true,
      });
      return {
        payment: result.data,
        body: result.body,
        httpStatus: result.status,
        created: result.status === 201,
      };
    },

    async getPayment(uuid, requestOptions) {
      const result = await http.request({
        ...common(requestOptions),
        operation: 'getPayment',
        method: 'GET',
        path: `payments/${segment(uuid)}`,
        schema: depayPaymentSchema,
      });
      assertSignedByDepay(result, 'getPayment', {
        account: options.account,
        publicKey: options.publicKey,
        redact: http.redact,
      });
      return { payment: result.data, body: result.body, httpStatus: result.status };
    },

    async releasePayment(request, requestOptions) {
      let lastFailure: unknown;
      for (let attempt = 1; attempt <= options.releaseAttempts; attempt += 1) {
        try {
          const result = await http.request({
            ...common(requestOptions),
            operation: 'releasePayment',
            method: 'POST',
            path: 'payments/release',
            json: request,
            schema: z.unknown(),
            idempotent: true,
          });
          // DePay: "re-attempt in case the request fails or returns anything but a 200".
          if (result.status === 200) return { attempts: attempt };
          lastFailure = new ProviderRejectedError(`DePay answered HTTP ${result.status} to releasePayment`, {
            provider: options.account,
            operation: 'releasePayment',
            httpStatus: result.status,
            providerCode: `http_${result.status}`,
            retryable: true,
          });
        } catch (error) {
          if (!PaymuxError.is(error) || !error.retryable) throw error;
          lastFailure = error;
        }
        if (attempt < options.releaseAttempts)
          await sleep(retryDelayMs(retry, attempt), requestOptions?.signal);
      }
      throw lastFailure;
    },

    async getAccountAssets(blockchain, account, requestOptions) {
      const result = await http.request({
        ...common(requestOptions),
        operation: 'getAccountAssets',
        method: 'GET',
        path: `accounts/${segment(blockchain)}/${segment(account)}/assets`,
        schema: depayAccountAssetsSchema,
      });
      return { assets: result.data, body: result.body };
    },

    async getTokenPrice(blockchain, token, requestOptions) {
      const result = await http.request({
        ...common(requestOptions),
        operation: 'getTokenPrice',
        method: 'GET',
        path: `prices/${segment(blockchain)}/${segment(token)}`,
        schema: z.unknown(),
      });
      return parseBareNumber(result, 'getTokenPrice', http, options.account);
    },

    async getTokenDecimals(blockchain, token, requestOptions) {
      const result = await http.request({
        ...common(requestOptions),
        operation: 'getTokenDecimals',
        method: 'GET',
        path: `tokens/decimals/${segment(blockchain)}/${segment(token)}`,
        schema: z.unknown(),
      });
      const decimals = Number(parseBareNumber(result, 'getTokenDecimals', http, options.account));
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
        throw new ProviderResponseError(
          'DePay sent an unexpected getTokenDecimals response: not an integer',
          {
            provider: options.account,
            operation: 'getTokenDecimals',
            httpStatus: result.status,
            bodyExcerpt: http.redact(result.rawBody).slice(0, 500),
          },
        );
      }
      return decimals;
    },
  };
}
