import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSign,
  constants,
  type KeyObject,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { ConfigurationError } from './errors/error-classes';

/** Lowercase hex HMAC-SHA256. @example hmacSha256Hex(secret, path + timestamp + body) */
export function hmacSha256Hex(secret: string | Buffer, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** Lowercase hex HMAC-SHA512. */
export function hmacSha512Hex(secret: string | Buffer, data: string | Buffer): string {
  return createHmac('sha512', secret).update(data).digest('hex');
}

/**
 * Compares two strings in constant time (for their length's hash), so that a forged signature
 * cannot be guessed byte by byte from response times.
 */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/**
 * Decodes base64 in either alphabet (standard or URL-safe), with or without `=` padding.
 * Returns `undefined` for text that is not base64.
 */
export function decodeBase64Flexible(text: string): Buffer | undefined {
  const compact = text.trim();
  if (!BASE64_EITHER_ALPHABET.test(compact)) return undefined;
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if ((compact.length - padding) % 4 === 1) return undefined;
  // Node's base64 decoder reads both alphabets, with or without padding.
  return Buffer.from(compact, 'base64');
}

const BASE64_EITHER_ALPHABET = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** base64url without padding. */
export function encodeBase64Url(data: Buffer): string {
  return data.toString('base64url');
}

/** Parses a PEM (SPKI or PKCS#1) public key once, failing with a clear `ConfigurationError`. */
export function loadPublicKey(pem: string | KeyObject, what = 'public key'): KeyObject {
  if (typeof pem !== 'string') return pem;
  try {
    return createPublicKey(pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem);
  } catch {
    throw new ConfigurationError(`The ${what} is not a valid PEM public key`);
  }
}

export interface RsaVerifyInput {
  publicKey: string | KeyObject;
  /** The signed bytes, e.g. the raw body. */
  data: string | Buffer;
  /** The signature as base64 or base64url, padded or not. */
  signature: string;
}

function toBuffer(data: string | Buffer): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/**
 * Verifies an RSA-PSS signature (MGF1 with the same hash). DePay signs callbacks this way with
 * SHA-256 and a salt of 64 bytes.
 */
export function verifyRsaPss(
  input: RsaVerifyInput & { hash?: 'sha256' | 'sha512'; saltLength?: number },
): boolean {
  const signature = decodeBase64Flexible(input.signature);
  if (!signature || signature.length === 0) return false;
  try {
    // One-shot: the streaming Verify object costs a Writable per call for nothing.
    return verify(
      input.hash ?? 'sha256',
      toBuffer(input.data),
      {
        key: loadPublicKey(input.publicKey),
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: input.saltLength ?? 64,
      },
      signature,
    );
  } catch {
    return false;
  }
}

/** Verifies an RSA PKCS#1 v1.5 signature. Finrax signs callbacks this way with SHA-512. */
export function verifyRsaPkcs1(input: RsaVerifyInput & { hash?: 'sha256' | 'sha512' }): boolean {
  const signature = decodeBase64Flexible(input.signature);
  if (!signature || signature.length === 0) return false;
  try {
    return verify(
      input.hash ?? 'sha256',
      toBuffer(input.data),
      { key: loadPublicKey(input.publicKey), padding: constants.RSA_PKCS1_PADDING },
      signature,
    );
  } catch {
    return false;
  }
}

function toPrivateKey(key: string | KeyObject): KeyObject {
  return typeof key === 'string' ? createPrivateKey(key) : key;
}

/** Signs with RSA-PSS; returns base64url. For tests and emulators. */
export function signRsaPss(privateKey: string | KeyObject, data: string | Buffer, saltLength = 64): string {
  return createSign('sha256')
    .update(data)
    .sign({ key: toPrivateKey(privateKey), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength })
    .toString('base64url');
}

/** Signs with RSA PKCS#1 v1.5; returns base64. For tests and emulators. */
export function signRsaPkcs1(
  privateKey: string | KeyObject,
  data: string | Buffer,
  hash: 'sha256' | 'sha512' = 'sha512',
): string {
  return createSign(hash)
    .update(data)
    .sign({ key: toPrivateKey(privateKey), padding: constants.RSA_PKCS1_PADDING })
    .toString('base64');
}

/**
 * Checks that a signed timestamp is within `toleranceSeconds` of now, both ways. Accepts
 * seconds or milliseconds since the epoch.
 */
export function isTimestampFresh(timestamp: string | number, now: Date, toleranceSeconds = 300): boolean {
  const value = typeof timestamp === 'number' ? timestamp : Number(timestamp);
  if (!Number.isFinite(value) || value <= 0) return false;
  const ms = value < 1e12 ? value * 1000 : value;
  return Math.abs(now.getTime() - ms) <= toleranceSeconds * 1000;
}
