import { generateKeyPairSync } from 'node:crypto';
import { hmacSha256Hex, signRsaPkcs1, signRsaPss } from '@paymux/core';
import { MOCK_SIGNATURE_HEADER } from './mock/mock-webhook';

/** A signed webhook: send `body` exactly as it is, with `headers`. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

/** An RSA key pair in PEM: SPKI public key, PKCS#8 private key. */
export interface TestKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

/**
 * Generates a fresh RSA 2048 key pair for signing test webhooks. Takes tens of milliseconds:
 * generate once per test file, not per test.
 *
 * @example
 * const keys = generateTestKeyPair();
 * const provider = createDepay({ ..., publicKey: keys.publicKeyPem });
 */
export function generateTestKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

function bodyText(body: string | object): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * Signs a DePay callback: RSA-PSS with SHA-256, MGF1-SHA-256 and a 64-byte salt over the raw body,
 * base64url, in the `x-signature` header.
 *
 * @example
 * const { body, headers } = signDepayWebhook({ id: 1, status: 'success' }, keys.privateKeyPem);
 * await provider.parseWebhook({ rawBody: body, headers }, context);
 */
export function signDepayWebhook(body: string | object, privateKeyPem: string): SignedWebhook {
  const text = bodyText(body);
  return {
    body: text,
    headers: { 'content-type': 'application/json', 'x-signature': signRsaPss(privateKeyPem, text, 64) },
  };
}

/**
 * Signs a Finrax callback: base64 RSA-SHA512 (PKCS#1 v1.5) over `body + "." + timestamp`, in the
 * `Signature` header, with the timestamp in `Timestamp`.
 *
 * @example
 * const { body, headers } = signFinraxWebhook(payload, String(Date.now()), keys.privateKeyPem);
 */
export function signFinraxWebhook(
  body: string | object,
  timestamp: string | number,
  privateKeyPem: string,
): SignedWebhook {
  const text = bodyText(body);
  const stamp = String(timestamp);
  return {
    body: text,
    headers: {
      'content-type': 'application/json',
      Signature: signRsaPkcs1(privateKeyPem, `${text}.${stamp}`, 'sha512'),
      Timestamp: stamp,
    },
  };
}

/**
 * Signs a mock provider webhook: lowercase hex HMAC-SHA256 of the raw body under the account's
 * webhook secret, in `x-mock-signature`.
 *
 * @example
 * const { body, headers } = signMockWebhook(envelope, 'whsec_test');
 */
export function signMockWebhook(body: string | object, webhookSecret: string): SignedWebhook {
  const text = bodyText(body);
  return {
    body: text,
    headers: {
      'content-type': 'application/json',
      [MOCK_SIGNATURE_HEADER]: hmacSha256Hex(webhookSecret, text),
    },
  };
}
