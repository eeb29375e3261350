import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signRsaPss } from '@paymux/core';
import { createDepay } from '../depay-provider';
import type { DepaySettingsInput } from '../depay-settings';

/** Obviously fake credentials: never a real key. */
export const TEST_API_KEY = 'test-depay-api-key-0000000000000000';
export const TEST_UUID_SECRET = 'test-depay-uuid-secret-00000000000';
export const BASE_URL = 'https://api.depay.test/v2';
export const HOST = 'https://api.depay.test';

/** Reads a fixture as text, byte for byte. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** Reads a JSON fixture. */
export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/**
 * The TEST signing key that stands in for DePay's in the nock tests: generated once for this
 * repository, never DePay's, never used anywhere but tests. Its public half is the accounts'
 * `publicKey`, so fixtures signed with it verify exactly like DePay's signed answers.
 */
export const TEST_SIGNING_PRIVATE_KEY = createPrivateKey(fixtureText('test-only-depay-signing-key.pem'));
export const TEST_PUBLIC_KEY_PEM = createPublicKey(TEST_SIGNING_PRIVATE_KEY)
  .export({ type: 'spki', format: 'pem' })
  .toString();
/** Kept for the tests that name the pair. */
export const testSigningKeys = {
  privateKey: TEST_SIGNING_PRIVATE_KEY,
  publicKey: createPublicKey(TEST_SIGNING_PRIVATE_KEY),
};

/** Signs a body the way DePay does (RSA-PSS SHA-256, salt 64, base64url), with the test key. */
export function signLikeDepay(body: string): string {
  return signRsaPss(TEST_SIGNING_PRIVATE_KEY, body, 64);
}

/** Headers of a JSON answer DePay signs (`GET /payments/{id}`): content type and `x-signature`. */
export function signedJsonHeaders(body: string): Record<string, string> {
  return { 'content-type': 'application/json', 'x-signature': signLikeDepay(body) };
}

/** A DePay account pointed at the nock host, with fast retries. */
export function createTestDepay(settings: Partial<DepaySettingsInput> = {}, account = 'wallet') {
  return createDepay(
    {
      apiKey: TEST_API_KEY,
      uuidSecret: TEST_UUID_SECRET,
      baseUrl: BASE_URL,
      publicKey: TEST_PUBLIC_KEY_PEM,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      wallets: [
        { network: 'ethereum', address: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0' },
        { network: 'bsc', address: '0xe5f9c386c96912210d03a66b72a908b9b3706511' },
      ],
      ...settings,
    },
    { account },
  );
}
