import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vectors from './__fixtures__/depay-signature-vectors.json';
import {
  decodeBase64Flexible,
  hmacSha256Hex,
  isTimestampFresh,
  signRsaPkcs1,
  signRsaPss,
  timingSafeEqualStrings,
  verifyRsaPkcs1,
  verifyRsaPss,
} from './signatures';

describe('signatures', () => {
  it.each(vectors.vectors.map((vector, index) => [index, vector] as const))(
    "verifies DePay's own RSA-PSS vector %i and refuses its tampered data",
    (_, vector) => {
      expect(
        verifyRsaPss({ publicKey: vector.publicKey, data: vector.data, signature: vector.signature }),
      ).toBe(vector.valid);
      if (vector.tamperedData !== undefined) {
        expect(
          verifyRsaPss({
            publicKey: vector.publicKey,
            data: vector.tamperedData,
            signature: vector.signature,
          }),
        ).toBe(false);
      }
      const unpadded = vector.signature.replace(/=+$/, '');
      expect(verifyRsaPss({ publicKey: vector.publicKey, data: vector.data, signature: unpadded })).toBe(
        vector.valid,
      );
      const standard = vector.signature.replace(/-/g, '+').replace(/_/g, '/');
      expect(verifyRsaPss({ publicKey: vector.publicKey, data: vector.data, signature: standard })).toBe(
        vector.valid,
      );
    },
  );

  it('signs and verifies RSA PKCS#1 v1.5 SHA-512 and refuses a wrong key', () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const data = '{"amount":1.5}.1700000000000';
    const signature = signRsaPkcs1(pair.privateKey, data, 'sha512');
    expect(verifyRsaPkcs1({ publicKey, data, signature, hash: 'sha512' })).toBe(true);
    expect(verifyRsaPkcs1({ publicKey, data: `${data} `, signature, hash: 'sha512' })).toBe(false);
    expect(verifyRsaPkcs1({ publicKey: other.publicKey, data, signature, hash: 'sha512' })).toBe(false);
    expect(verifyRsaPkcs1({ publicKey, data, signature: 'not base64!', hash: 'sha512' })).toBe(false);
    const pss = signRsaPss(pair.privateKey, data);
    expect(verifyRsaPss({ publicKey, data, signature: pss })).toBe(true);
  });

  it('computes HMAC-SHA256 hex and compares in constant time', () => {
    expect(hmacSha256Hex('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    expect(timingSafeEqualStrings('abc', 'abc')).toBe(true);
    expect(timingSafeEqualStrings('abc', 'abd')).toBe(false);
    expect(timingSafeEqualStrings('abc', 'abcd')).toBe(false);
  });

  it('decodes both base64 alphabets with and without padding', () => {
    const bytes = Buffer.from([251, 255, 191, 0, 1]);
    for (const text of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('base64').replace(/=+$/, ''),
    ]) {
      expect(decodeBase64Flexible(text)).toEqual(bytes);
    }
    expect(decodeBase64Flexible('a$b')).toBeUndefined();
  });

  it('checks timestamp freshness in seconds or milliseconds, both ways', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(isTimestampFresh(now.getTime() - 299_000, now)).toBe(true);
    expect(isTimestampFresh(String(now.getTime() / 1000 + 200), now)).toBe(true);
    expect(isTimestampFresh(now.getTime() - 301_000, now)).toBe(false);
    expect(isTimestampFresh(now.getTime() + 301_000, now)).toBe(false);
    expect(isTimestampFresh('yesterday', now)).toBe(false);
  });
});
