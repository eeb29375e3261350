import { type PaymentProvider, ProviderRejectedError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceOptions } from '../conformance-types';
import { MOCK_API_KEY, mockConformanceOptions } from '../mock/__fixtures__/mock-conformance-options';
import { checkEchoedRequest, errorRenderings, withEchoedRequest } from './echo-checks';

function wrapping(wrap: (error: unknown) => unknown): ConformanceOptions {
  return {
    ...mockConformanceOptions,
    create: (context) => {
      const provider = mockConformanceOptions.create(context);
      return {
        ...provider,
        getPayment: (id, options) =>
          provider.getPayment(id, options).catch((error: unknown) => {
            throw wrap(error);
          }),
      } as PaymentProvider;
    },
  };
}

describe('the echo checks', () => {
  it('pass for the mock provider at 401, 403 and 500', async () => {
    for (const status of [401, 403, 500]) await checkEchoedRequest(mockConformanceOptions, status);
  });

  it('catch a credential hidden deep in the cause chain, out of toJSON and inspect', async () => {
    const options = wrapping(
      (error) =>
        new ProviderRejectedError('refused', {
          cause: Object.assign(new Error('wrapped', { cause: error }), {
            request: { headers: { authorization: `Bearer ${MOCK_API_KEY}` } },
          }),
        }),
    );
    await expect(checkEchoedRequest(options, 401)).rejects.toThrow(/contains the secret/);
  });

  it('catch a credential the request carried even when the adapter did not name it a secret', async () => {
    const leaky = wrapping(
      (error) =>
        new ProviderRejectedError('refused', {
          cause: Object.assign(new Error('wrapped', { cause: error }), { sent: `Bearer ${MOCK_API_KEY}` }),
        }),
    );
    // Only the Authorization header the echo server received says what the credential is.
    const options: ConformanceOptions = { ...leaky, secrets: ['some_other_value_123'] };
    await expect(checkEchoedRequest(options, 500)).rejects.toThrow(/contains the secret "Bea/);
  });

  it('echo the request into every text of the body, and into a text body', () => {
    const request = { method: 'GET', uri: '/x?a=1', headers: { 'x-api-key': 'k_1234' }, body: '' };
    expect(withEchoedRequest({ err: 'no', nested: [{ message: 'm' }], n: 1 }, request)).toMatchObject({
      err: expect.stringContaining('k_1234'),
      nested: [{ message: expect.stringContaining('k_1234') }],
      n: 1,
      error: expect.stringContaining('k_1234'),
      echo: request,
    });
    expect(withEchoedRequest('Bad Gateway', request)).toContain('"x-api-key":"k_1234"');
  });

  it('render the whole cause chain, hidden fields included', () => {
    const inner = new Error('inner');
    Object.defineProperty(inner, 'hidden', { value: 'hidden_value_9', enumerable: false });
    const outer = new ProviderRejectedError('outer', { cause: inner });
    expect(errorRenderings(outer).join('\n')).toContain('hidden_value_9');
  });
});
