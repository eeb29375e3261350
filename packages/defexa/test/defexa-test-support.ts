import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LogFields, Logger } from '@paymux/core';
import nock from 'nock';
import { createDefexa, type DefexaSettingsInput } from '../src/index';

/** An obviously fake merchant private key. */
export const TEST_KEY = 'test_merchant_private_key_not_real_0001';
export const BASE_URL = 'https://defexa.unit.test';
/** The session token of the seed's login example. */
export const SEED_SESSION = '7e7b4119f4d8322daf616733515d9b99';
/** A time inside the seed session's life ("2023-03-28 22:52:59 UTC"). */
export const SEED_SESSION_TIME = new Date('2023-03-28T22:00:00Z');

const fixtures = fileURLToPath(new URL('../src/__fixtures__/', import.meta.url));

/** A fixture's text, exactly as copied from the seed. */
export function fixtureText(name: string): string {
  return readFileSync(`${fixtures}${name}`, 'utf8');
}

/** A JSON fixture, parsed. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** The seed's host-to-host answer, which has `"success": true | false` and a stray `}`: made valid. */
export function hostToHostAnswer(): string {
  return fixtureText('host-to-host-payment-response.seed.txt')
    .replace('true | false', 'true')
    .replace(/\}\s*$/, '');
}

/** The seed's three 403 error bodies, written with Python quotes there: made JSON. */
export function seedErrorBodies(): string[] {
  return fixtureText('error-responses.seed.txt')
    .trim()
    .split('\n')
    .map((line) => line.replace(/'/g, '"'));
}

/** A request as nock saw it, body as the exact bytes sent. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A nock scope on the unit-test host that records every request it answers. */
export function defexaScope(): { scope: nock.Scope; seen: SeenRequest[] } {
  const scope = nock(BASE_URL);
  const seen: SeenRequest[] = [];
  scope.on(
    'request',
    (
      request: { method: string; path: string; headers: SeenRequest['headers'] },
      _i: unknown,
      body: string,
    ) => {
      seen.push({ method: request.method, path: request.path, headers: request.headers, body: body ?? '' });
    },
  );
  return { scope, seen };
}

/** Answers `POST /api/v1/da/login` with the seed's example. */
export function mockLogin(
  scope: nock.Scope,
  times = 1,
  answer: unknown = fixture('login-response.json'),
): void {
  scope
    .post('/api/v1/da/login')
    .matchHeader('authorization', `Bearer ${TEST_KEY}`)
    .times(times)
    .reply(200, answer as nock.Body);
}

/** A logger that keeps every line. */
export function recordingLogger(): Logger & {
  lines: { level: string; message: string; fields?: LogFields }[];
} {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const log = (level: string) => (message: string, fields?: LogFields) => {
    lines.push({ level, message, fields });
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A Defexa account on the unit-test host, with a clock inside the seed session's life. */
export function testProvider(
  settings: Partial<DefexaSettingsInput> = {},
  now: () => Date = () => SEED_SESSION_TIME,
  logger?: Logger,
) {
  return createDefexa(
    {
      merchantPrivateKey: TEST_KEY,
      baseUrl: BASE_URL,
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      timeoutMs: 2000,
      ...settings,
    },
    { account: 'unit', now, ...(logger ? { logger } : {}) },
  );
}

/** The seed's example body with this test's session token in place of the example's. */
export function withSession(name: string): string {
  const body = fixture(name);
  return JSON.stringify({ ...body, session_token: SEED_SESSION });
}
