import { AuthenticationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { errorReply } from './error-mapping-checks';
import { describeThrown, expectedErrorFor, expectedRetryable, isErrorOfClass } from './expected-errors';
import { findMoneyViolations } from './money-scan';
import { withEchoedSecrets } from './redaction-checks';
import { findSecretLeaks, logExposures } from './secret-scan';

const SECRET = 'sk_live_abcdef123456';

describe('conformance scanners', () => {
  it('finds Money amounts that are numbers or not plain decimals, and ignores raw payloads', () => {
    const result = {
      amount: { amount: '10.50', currency: 'EUR' },
      fee: { amount: 0.1, currency: 'USDT' },
      transfers: [{ amount: { amount: '1e-7', currency: 'BTC' } }],
      raw: { amount: 12.5, currency: 'EUR' },
    };
    expect(findMoneyViolations(result)).toEqual([
      '$.fee.amount is 0.1 (number)',
      '$.transfers[0].amount.amount is "1e-7" (string)',
    ]);
  });

  it('finds a secret in an error message, its JSON, its inspection or a log field', () => {
    const leaky = new AuthenticationError(`bad key ${SECRET}`);
    const clean = new AuthenticationError('bad key [REDACTED]');
    expect(findSecretLeaks([SECRET], [{ label: 'leaky', value: leaky }])).toHaveLength(1);
    expect(findSecretLeaks([SECRET], [{ label: 'clean', value: clean }])).toEqual([]);
    const logs = logExposures([
      { level: 'debug', message: 'request', fields: { headers: { authorization: SECRET } } },
    ]);
    expect(findSecretLeaks([SECRET], logs)[0]).toMatch(/log line 1/);
    expect(findSecretLeaks([SECRET], logs)[0]).not.toContain(SECRET);
  });

  it('echoes secrets into message-like fields only', () => {
    expect(withEchoedSecrets({ error: { code: 'E1', message: 'bad' } }, [SECRET])).toEqual({
      error: { code: 'E1', message: `bad (received credentials: ${SECRET})` },
    });
    expect(withEchoedSecrets('Unauthorized', [SECRET])).toBe(
      `Unauthorized (received credentials: ${SECRET})`,
    );
  });

  it('knows the default classes, overrides and the retryability of each class', () => {
    expect(expectedErrorFor(404, undefined)).toBe('NotFoundError');
    expect(expectedErrorFor(404, { 404: 'ProviderRejectedError' })).toBe('ProviderRejectedError');
    const error = new AuthenticationError('no');
    expect(isErrorOfClass(error, 'AuthenticationError')).toBe(true);
    expect(isErrorOfClass(error, 'PaymuxError')).toBe(true);
    expect(expectedRetryable(error)).toBe(false);
    expect(() => isErrorOfClass(error, 'NoSuchError')).toThrow(/not an error class/);
    expect(describeThrown(error)).toBe('AuthenticationError (authentication_error): no');
  });

  it('sends object error bodies as JSON and strings as they are', () => {
    expect(errorReply({ message: 'x' })).toEqual({
      text: '{"message":"x"}',
      contentType: 'application/json',
    });
    expect(errorReply('Forbidden')).toEqual({ text: 'Forbidden', contentType: 'text/plain' });
  });
});
