import { type Payment, type PaymentProvider, PaymuxError, ProviderRejectedError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceCreateContext, ConformanceOptions } from '../conformance-types';
import {
  MOCK_API_KEY,
  MOCK_WEBHOOK_SECRET,
  mockConformanceOptions,
} from '../mock/__fixtures__/mock-conformance-options';
import { rawBodyOf, resignMockWebhook } from '../mock/__fixtures__/mock-faults';
import { checkDeclaredOperation, checkUndeclaredOperation } from './capability-checks';
import { checkErrorCase } from './error-mapping-checks';
import { checkEchoedSecrets } from './redaction-checks';
import { checkUnknownStatus } from './status-map-checks';
import { checkInvalidWebhooks } from './webhook-checks';

/** The mock provider with some behaviour replaced: a faulty adapter the suite must catch. */
function faulty(
  change: (provider: PaymentProvider, context: ConformanceCreateContext) => Partial<PaymentProvider>,
  overrides: Partial<ConformanceOptions> = {},
): ConformanceOptions {
  return {
    ...mockConformanceOptions,
    ...overrides,
    create: (context) => {
      const provider = mockConformanceOptions.create(context);
      return { ...provider, ...change(provider, context) } as PaymentProvider;
    },
  };
}

const capabilities = mockConformanceOptions.create({
  baseUrl: mockConformanceOptions.baseUrl,
  account: 'x',
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  timeoutMs: 100,
  retry: {},
}).capabilities;

describe('the conformance checks catch faulty adapters', () => {
  it('a Money amount given as a number', async () => {
    const options = faulty((provider) => ({
      getPayment: async (id) => {
        const payment = await provider.getPayment(id);
        return { ...payment, amount: { ...payment.amount, amount: 25.5 } } as unknown as Payment;
      },
    }));
    await expect(checkDeclaredOperation(options, 'getPayment')).rejects.toThrow(/unified model|decimal/);
  });

  it('a declared operation without a fixture, and a fixture for an undeclared one', async () => {
    const { getPayout: _dropped, ...operations } = mockConformanceOptions.operations;
    await expect(
      checkDeclaredOperation({ ...mockConformanceOptions, operations }, 'getPayout'),
    ).rejects.toThrow(/must exercise it/);
    const extra = {
      ...mockConformanceOptions.operations,
      getQuote: mockConformanceOptions.operations.getPayment,
    };
    await expect(
      checkUndeclaredOperation({ ...mockConformanceOptions, operations: extra }, 'getQuote'),
    ).rejects.toThrow(/do not declare/);
  });

  it('an unknown raw status guessed as processing', async () => {
    const options = faulty((provider) => ({
      getPayment: async (id) => {
        const payment = await provider.getPayment(id);
        return payment.status === 'unknown' ? { ...payment, status: 'processing' } : payment;
      },
    }));
    await expect(checkUnknownStatus(options)).rejects.toThrow(/SOMETHING_NEW_42/);
  });

  it('a 404 mapped to the wrong class', async () => {
    const options = faulty((provider) => ({
      getPayment: async (id) =>
        provider.getPayment(id).catch((error: unknown) => {
          throw new ProviderRejectedError('nope', {
            httpStatus: PaymuxError.is(error) ? error.httpStatus : undefined,
          });
        }),
    }));
    await expect(checkErrorCase(options, 404)).rejects.toThrow(/expected NotFoundError/);
  });

  it('retries beyond the policy (an adapter retrying on its own)', async () => {
    const options = faulty((provider) => ({
      getPayment: async (id) => provider.getPayment(id).catch(() => provider.getPayment(id)),
    }));
    await expect(checkErrorCase(options, 503)).rejects.toThrow(/attempts/);
  });

  it('a credential echoed into an error message', async () => {
    const options = faulty((provider) => ({
      getPayment: async (id) =>
        provider.getPayment(id).catch((error: unknown) => {
          throw new ProviderRejectedError(`${(error as Error).message}; sent key ${MOCK_API_KEY}`);
        }),
    }));
    await expect(checkEchoedSecrets(options, 400)).rejects.toThrow();
  });

  it('a credential in a log line', async () => {
    const options = faulty((provider, context) => ({
      getPayment: async (id) => {
        context.logger.debug('getPayment', { headers: { authorization: `Bearer ${MOCK_API_KEY}` } });
        return provider.getPayment(id);
      },
    }));
    await expect(checkDeclaredOperation(options, 'getPayment')).rejects.toThrow();
  });

  it('a webhook accepted without a valid signature', async () => {
    const options = faulty((provider) => ({
      // Signs whatever arrives with the real secret before checking it: verification in name only.
      parseWebhook: async (request, context) =>
        provider.parseWebhook(resignMockWebhook(rawBodyOf(request), MOCK_WEBHOOK_SECRET), context),
    }));
    await expect(checkInvalidWebhooks(options, capabilities)).rejects.toThrow(/accepted/);
  });
});
