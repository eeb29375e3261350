// Test helpers shared by the Finrax tests. Every credential here is an obviously fake value.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signRsaPkcs1 } from '@paymux/core';
import { createFinrax, type FinraxProvider } from '../finrax-provider';
import type { FinraxSettingsInput } from '../finrax-settings';

export const TEST_BASE_URL = 'https://finrax.unit.test';
export const TEST_API_KEY = 'frx_fake_api_key_0001';
export const TEST_API_SECRET = 'frx_fake_api_secret_not_real_0002';
export const TEST_BUSINESS_ID = '407710f4-de33-454b-a47f-dda792e272c8';
/** A fixed "now" for tests that need one; no test asserts an absolute time from the wall clock. */
export const TEST_NOW = new Date('2026-01-15T10:00:00.000Z');

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** Public key the tests configure as Finrax's callback key. */
export const CALLBACK_PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
/** Private key playing Finrax's signing key. */
export const CALLBACK_PRIVATE_KEY = keys.privateKey;
/** A key Finrax never used. */
export const FOREIGN_PRIVATE_KEY = otherKeys.privateKey;

/** Reads a fixture file as text, exactly as stored. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** Reads a JSON fixture. */
export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** Signs a callback the way Finrax does: base64 RSA-SHA512 over `rawBody + "." + timestamp`. */
export function signCallback(rawBody: string, timestamp: string, privateKey = CALLBACK_PRIVATE_KEY): string {
  return signRsaPkcs1(privateKey, `${rawBody}.${timestamp}`, 'sha512');
}

/** A callback request with valid headers, signed at `at`. */
export function signedCallback(rawBody: string, at: Date = TEST_NOW) {
  const timestamp = String(at.getTime());
  return {
    rawBody,
    headers: { 'content-type': 'application/json', signature: signCallback(rawBody, timestamp), timestamp },
  };
}

/** Settings pointing at the unit-test host. */
export function testSettings(overrides: Partial<FinraxSettingsInput> = {}): FinraxSettingsInput {
  return {
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    businessId: TEST_BUSINESS_ID,
    baseUrl: TEST_BASE_URL,
    callbackPublicKey: CALLBACK_PUBLIC_KEY,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    timeoutMs: 2000,
    ...overrides,
  };
}

/** A provider against the unit-test host, with a fixed clock. */
export function testProvider(overrides: Partial<FinraxSettingsInput> = {}): FinraxProvider {
  return createFinrax(testSettings(overrides), { account: 'main', now: () => TEST_NOW });
}

/** A Finrax payment object (unwrapped), with overrides. */
export function paymentObject(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const seed = fixtureJson<{ paymentInfo: Record<string, unknown> }>('finrax-submit-payment-response.json');
  return { ...seed.paymentInfo, ...overrides };
}

/** One request nock saw: the exact body string, as sent. */
export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Records every request a nock scope intercepts. */
export function captureRequests(scope: { on(event: 'request', listener: (...args: unknown[]) => void): unknown }) {
  const seen: CapturedRequest[] = [];
  scope.on('request', (...args: unknown[]) => {
    const [req, , body] = args as [
      { method: string; path: string; getHeaders?: () => Record<string, unknown>; headers?: Record<string, unknown> },
      unknown,
      string,
    ];
    const raw = req.getHeaders?.() ?? req.headers ?? {};
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) headers[key.toLowerCase()] = String(value);
    seen.push({ method: req.method, path: req.path, headers, body: body ?? '' });
  });
  return seen;
}
