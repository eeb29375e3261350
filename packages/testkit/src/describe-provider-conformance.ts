import { silentLogger } from '@paymux/core';
import nock from 'nock';
import { afterAll, describe } from 'vitest';
import { registerCapabilityChecks } from './conformance/capability-checks';
import {
  CONFORMANCE_ACCOUNT,
  CONFORMANCE_RETRY,
  CONFORMANCE_TIMEOUT_MS,
} from './conformance/conformance-harness';
import { registerEchoChecks } from './conformance/echo-checks';
import { registerErrorMappingChecks } from './conformance/error-mapping-checks';
import { registerRedactionChecks } from './conformance/redaction-checks';
import { registerStatusMapChecks } from './conformance/status-map-checks';
import { registerWebhookChecks } from './conformance/webhook-checks';
import type { ConformanceOptions } from './conformance-types';

/**
 * Registers the paymux conformance suite for one adapter: capability honesty, error mapping,
 * status-map exhaustiveness, decimal amounts, webhook accept/reject paths and secret redaction.
 * Call it once at the top level of a vitest test file; every test builds a fresh provider on a
 * fresh nock scope with the network closed (loopback aside).
 *
 * @example
 * describeProviderConformance({
 *   name: 'acme',
 *   baseUrl: 'https://acme.conformance.test',
 *   create: (context) => createAcme({ account: context.account, apiKey: 'acme_key_1234', baseUrl: context.baseUrl,
 *     timeoutMs: context.timeoutMs, retry: context.retry }, { logger: context.logger }),
 *   secrets: ['acme_key_1234'],
 *   operations: { createPayment: {...}, getPayment: {...} },
 *   errorProbe: { intercept: (scope) => scope.get('/payments/p_1'), call: (provider) => provider.getPayment('p_1') },
 *   errorBody: (status) => ({ error: { code: `e${status}`, message: 'failed' } }),
 *   paymentWithStatus: (rawStatus) => ({ mock: (scope) => scope.get('/payments/p_1').reply(200, { ...payment, status: rawStatus }),
 *     call: (provider) => provider.getPayment('p_1') }),
 *   knownStatuses: ['pending', 'paid'],
 *   webhooks: { valid: () => ({ request }), invalid: () => [{ name: 'bad signature', request: forged }] },
 * });
 */
export function describeProviderConformance(options: ConformanceOptions): void {
  describe(`${options.name}: paymux provider conformance`, () => {
    // Read once, at registration, to know which operations to exercise and which must refuse.
    const { capabilities } = options.create({
      baseUrl: options.baseUrl,
      account: CONFORMANCE_ACCOUNT,
      logger: silentLogger,
      timeoutMs: CONFORMANCE_TIMEOUT_MS,
      retry: { ...CONFORMANCE_RETRY },
    });

    afterAll(() => {
      nock.abortPendingRequests();
      nock.cleanAll();
    });

    registerCapabilityChecks(options, capabilities);
    registerErrorMappingChecks(options);
    registerStatusMapChecks(options);
    registerWebhookChecks(options, capabilities);
    registerRedactionChecks(options);
    registerEchoChecks(options);
  });
}
