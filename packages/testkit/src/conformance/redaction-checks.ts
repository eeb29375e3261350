import { PaymuxError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceOptions, ErrorCase } from '../conformance-types';
import { captureError, withConformanceHarness } from './conformance-harness';
import { arrangeErrorCase } from './error-mapping-checks';
import { describeThrown } from './expected-errors';
import { findSecretLeaks, logExposures } from './secret-scan';

/** Fields in which providers put human-readable text (and sometimes echo the request into). */
const MESSAGE_KEY = /message|msg|error|detail|description|reason|title/i;

/**
 * The provider's error body with the credentials echoed into its human-readable texts, as careless
 * APIs do ("invalid key sk_live_…"). A string body gets them appended. Codes and ids stay as they are.
 */
export function withEchoedSecrets(body: unknown, secrets: readonly string[]): unknown {
  const echo = (text: string) => `${text} (received credentials: ${secrets.join(' ')})`;
  const walk = (value: unknown, inMessage: boolean, depth: number): unknown => {
    if (depth > 20) return value;
    if (typeof value === 'string') return inMessage ? echo(value) : value;
    if (Array.isArray(value)) return value.map((item) => walk(item, inMessage, depth + 1));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, walk(item, MESSAGE_KEY.test(key), depth + 1)]),
      );
    }
    return value;
  };
  return walk(body, typeof body === 'string', 0);
}

/** The adapter names its secrets, each long enough to be redacted (core ignores shorter ones). */
export function checkSecretsNamed(options: ConformanceOptions): void {
  expect(options.secrets.length).toBeGreaterThan(0);
  for (const secret of options.secrets) {
    expect(secret.length, 'secrets shorter than 4 characters cannot be redacted').toBeGreaterThanOrEqual(4);
  }
}

/** An error body that echoes the credentials yields an error (and log lines) without them. */
export async function checkEchoedSecrets(
  options: ConformanceOptions,
  status: Extract<ErrorCase, number>,
): Promise<void> {
  await withConformanceHarness(options, async ({ provider, scope, logs }) => {
    const body = withEchoedSecrets(options.errorBody(status), options.secrets);
    arrangeErrorCase(options, scope, status, body);
    const error = await captureError(() => options.errorProbe.call(provider));
    expect(PaymuxError.is(error), describeThrown(error)).toBe(true);
    const leaks = findSecretLeaks(options.secrets, [{ label: 'error', value: error }, ...logExposures(logs)]);
    expect(leaks).toEqual([]);
  });
}

/**
 * Secret redaction beyond the other checks (which already scan every error, result, event and log
 * line they produce): a provider that echoes the credentials back must not get them into an error.
 */
export function registerRedactionChecks(options: ConformanceOptions): void {
  describe('secret redaction', () => {
    it('names the secrets it configures', () => checkSecretsNamed(options));
    for (const status of [400, 401, 502] as const) {
      it(`an error body (${status}) that echoes the credentials yields an error without them`, () =>
        checkEchoedSecrets(options, status));
    }
  });
}
