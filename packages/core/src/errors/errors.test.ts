import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AmbiguousOutcomeError,
  errorClasses,
  RateLimitError,
  TimeoutError,
  NetworkError,
  ValidationError,
} from './error-classes';
import { PaymuxError } from './paymux-error';

const SECRET = 'sk_live_4f1c9a7e2b8d';

describe('errors', () => {
  it.each(Object.entries(errorClasses))(
    '%s serialises with its code and never shows a configured secret',
    (_, ErrorClass) => {
      const cause = Object.assign(new Error(`request failed with Authorization: Bearer ${SECRET}`), {
        config: { headers: { Authorization: `Bearer ${SECRET}` } },
      });
      const error =
        ErrorClass === PaymuxError
          ? new PaymuxError('internal_error', 'boom', { cause, provider: 'main' })
          : new (ErrorClass as new (message: string, options?: object) => PaymuxError)('boom', {
              cause,
              provider: 'main',
              providerCode: 'some_code',
              httpStatus: 400,
              requestId: 'req_1',
            });
      const json = JSON.stringify(error);
      const inspected = inspect(error, { depth: 10 });
      expect(JSON.parse(json).code).toBe(error.code);
      expect(inspected).toContain(error.code);
      expect(json).not.toContain(SECRET);
      expect(inspected).not.toContain(SECRET);
      expect(PaymuxError.is(error)).toBe(true);
      expect((ErrorClass as typeof PaymuxError).is(error)).toBe(true);
    },
  );

  it('identifies errors across package copies by marker, not prototype', () => {
    const original = new RateLimitError('slow down', { retryAfter: 3 });
    const copy = Object.setPrototypeOf(
      { ...original, kinds: original.kinds, [Symbol.for('paymux.error')]: true },
      Error.prototype,
    );
    expect(RateLimitError.is(copy)).toBe(true);
    expect(ValidationError.is(copy)).toBe(false);
    expect(PaymuxError.is(new Error('plain'))).toBe(false);
    expect(PaymuxError.is({ code: 'rate_limited' })).toBe(false);
  });

  it('knows subclass relations and retryability', () => {
    const timeout = new TimeoutError('slow');
    expect(NetworkError.is(timeout)).toBe(true);
    expect(timeout.code).toBe('timeout');
    expect(timeout.retryable).toBe(true);
    expect(new AmbiguousOutcomeError('maybe').retryable).toBe(false);
    expect(new RateLimitError('x', { retryAfter: 2 }).toJSON()).toMatchObject({
      retryAfter: 2,
      retryable: true,
    });
    expect(timeout).toBeInstanceOf(Error);
    expect(timeout.name).toBe('TimeoutError');
  });
});

describe('error identity under minification', () => {
  it('uses the declared kind, not the (renamable) class name', () => {
    class Renamed extends ValidationError {}
    Object.defineProperty(Renamed, 'name', { value: 'a' });
    const error = new Renamed('bad');
    expect(ValidationError.is(error)).toBe(true);
    expect(error.kinds).toContain('ValidationError');
  });

  it('fills in missing context without overwriting what the thrower set', () => {
    const error = new ValidationError('bad', { provider: 'acme' }).withContext({
      provider: 'other',
      operation: 'createPayment',
    });
    expect(error.provider).toBe('acme');
    expect(error.operation).toBe('createPayment');
  });
});
