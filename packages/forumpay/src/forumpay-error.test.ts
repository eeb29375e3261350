import type { HttpResponse } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { seedResponse } from './__fixtures__/forumpay-fixtures';
import { mapForumpayError } from './forumpay-error';

function response(status: number, body: unknown): HttpResponse {
  return { status, headers: {}, rawBody: JSON.stringify(body), body, requestId: undefined };
}

const context = { account: 'pos', redact: (text: string) => text.replaceAll('s3cret-value', '[REDACTED]') };

describe('mapForumpayError', () => {
  it.each([
    [401, 'AuthenticationError', '401'],
    [400, 'ProviderRejectedError', '400'],
    [403, 'PermissionError', '403'],
    [404, 'NotFoundError', '404'],
    [429, 'RateLimitError', '429'],
    [500, 'ProviderUnavailableError', '500'],
  ])("maps the seed's error body with HTTP %i to %s", (status, name, providerCode) => {
    const error = mapForumpayError(response(status, seedResponse('error')), context);
    expect(error?.name).toBe(name);
    expect(error).toMatchObject({ providerCode, httpStatus: status, provider: 'pos' });
    expect(error?.message).toContain('Invalid API key or authentication failed');
  });

  it.each([
    [{ err: 'Invalid API key or authentication failed' }, 'AuthenticationError'],
    [{ err: 'No api key' }, 'AuthenticationError'],
    [{ err: 'Payment not found' }, 'NotFoundError'],
    [{ err: 'Too many requests' }, 'RateLimitError'],
    [{ err: 'Invalid amount', err_code: 1002 }, 'ProviderRejectedError'],
    [{ err: null }, 'ProviderRejectedError'],
  ])('treats %j sent with HTTP 200 as an error (%s)', (body, name) => {
    expect(mapForumpayError(response(200, body), context)?.name).toBe(name);
  });

  it.each([
    [200, { err: 'Something went wrong', err_code: 'payment_not_found' }, 'NotFoundError'],
    [400, { err: 'Rejected', err_code: 'api_key_invalid' }, 'AuthenticationError'],
    [200, { err: 'Rejected', err_code: 'ip_access_denied' }, 'PermissionError'],
    [200, { err: 'Slow down', err_code: 'rate_limited' }, 'RateLimitError'],
    [200, { err: 'Oops', err_code: 'internal_error' }, 'ProviderUnavailableError'],
    [200, { err: 'Nope', err_code: 404 }, 'NotFoundError'],
    [400, { err: 'Payment not found', err_code: 'missing_parameter' }, 'ProviderRejectedError'],
    [200, { err: 'Payment not found', err_code: 'E77' }, 'NotFoundError'],
  ])('classifies HTTP %i %j by its err_code first (%s)', (status, body, name) => {
    const error = mapForumpayError(response(status, body), context);
    expect(error?.name).toBe(name);
    expect(error?.providerCode).toBe(String(body.err_code));
    expect(error?.httpStatus).toBe(status);
  });

  it('keeps err_code as providerCode', () => {
    expect(mapForumpayError(response(200, { err: 'x', err_code: 1002 }), context)?.providerCode).toBe('1002');
    expect(mapForumpayError(response(400, { err: 'x', err_code: 'E1' }), context)?.providerCode).toBe('E1');
  });

  it('lets successes and bodies without err through', () => {
    expect(mapForumpayError(response(200, { cancelled: true }), context)).toBeUndefined();
    expect(mapForumpayError(response(200, []), context)).toBeUndefined();
    expect(mapForumpayError(response(502, undefined), context)).toBeUndefined();
  });

  it('removes secrets from the message', () => {
    const error = mapForumpayError(response(200, { err: 'bad key s3cret-value' }), context);
    expect(error?.message).not.toContain('s3cret-value');
  });
});
