import type { HttpClient } from '@paymux/core';
import {
  type MockCreatePaymentRequest,
  type MockCreatePayoutRequest,
  type MockWirePayment,
  type MockWirePayout,
  mockPaymentSchema,
  mockPayoutSchema,
} from './mock-api';

/** Per-request options of the low-level client. */
export interface MockRequestOptions {
  /** Sent as `Idempotency-Key`: a repeat answers the first object again. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The typed low-level client of the mock API (`provider.api`): one method per endpoint. */
export interface MockApi {
  /** `POST /payments` */
  createPayment(body: MockCreatePaymentRequest, options?: MockRequestOptions): Promise<MockWirePayment>;
  /** `GET /payments/{id}` */
  getPayment(id: string, options?: MockRequestOptions): Promise<MockWirePayment>;
  /** `POST /payouts` */
  createPayout(body: MockCreatePayoutRequest, options?: MockRequestOptions): Promise<MockWirePayout>;
  /** `GET /payouts/{id}` */
  getPayout(id: string, options?: MockRequestOptions): Promise<MockWirePayout>;
}

function idempotencyHeaders(options: MockRequestOptions | undefined): Record<string, string> {
  return options?.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
}

/**
 * Creates the low-level client over an account's HTTP client.
 *
 * @example
 * const api = createMockApi(http);
 * const wire = await api.getPayment('pay_1');
 */
export function createMockApi(http: HttpClient): MockApi {
  return {
    async createPayment(body, options) {
      const { data } = await http.request({
        operation: 'createPayment',
        method: 'POST',
        path: '/payments',
        json: body,
        headers: idempotencyHeaders(options),
        // Safe to repeat only when the server can recognise the repeat.
        idempotent: options?.idempotencyKey !== undefined,
        reference: body.reference,
        schema: mockPaymentSchema,
        signal: options?.signal,
        timeoutMs: options?.timeoutMs,
      });
      return data;
    },
    async getPayment(id, options) {
      const { data } = await http.request({
        operation: 'getPayment',
        method: 'GET',
        path: `/payments/${encodeURIComponent(id)}`,
        schema: mockPaymentSchema,
        signal: options?.signal,
        timeoutMs: options?.timeoutMs,
      });
      return data;
    },
    async createPayout(body, options) {
      const { data } = await http.request({
        operation: 'createPayout',
        method: 'POST',
        path: '/payouts',
        json: body,
        headers: idempotencyHeaders(options),
        idempotent: options?.idempotencyKey !== undefined,
        reference: body.reference,
        schema: mockPayoutSchema,
        signal: options?.signal,
        timeoutMs: options?.timeoutMs,
      });
      return data;
    },
    async getPayout(id, options) {
      const { data } = await http.request({
        operation: 'getPayout',
        method: 'GET',
        path: `/payouts/${encodeURIComponent(id)}`,
        schema: mockPayoutSchema,
        signal: options?.signal,
        timeoutMs: options?.timeoutMs,
      });
      return data;
    },
  };
}
