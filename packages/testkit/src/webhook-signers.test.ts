import { hmacSha256Hex, verifyRsaPkcs1, verifyRsaPss } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { generateTestKeyPair, signDepayWebhook, signFinraxWebhook, signMockWebhook } from './webhook-signers';

const keys = generateTestKeyPair();

describe('webhook signers', () => {
  it('generates an RSA 2048 key pair in PEM', () => {
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('signs a DePay callback with RSA-PSS SHA-256, salt 64, base64url in x-signature', () => {
    const { body, headers } = signDepayWebhook({ status: 'success', amount: '1.5' }, keys.privateKeyPem);
    expect(body).toBe('{"status":"success","amount":"1.5"}');
    expect(headers['x-signature']).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(
      verifyRsaPss({
        publicKey: keys.publicKeyPem,
        data: body,
        signature: headers['x-signature']!,
        saltLength: 64,
      }),
    ).toBe(true);
    expect(
      verifyRsaPss({ publicKey: keys.publicKeyPem, data: `${body} `, signature: headers['x-signature']! }),
    ).toBe(false);
  });

  it('signs a Finrax callback with RSA-SHA512 PKCS#1 v1.5 over body.timestamp, base64 in Signature', () => {
    const { body, headers } = signFinraxWebhook(
      '{"status":"DEPOSITED"}',
      1_700_000_000_000,
      keys.privateKeyPem,
    );
    expect(headers.Timestamp).toBe('1700000000000');
    expect(headers.Signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const signature = headers.Signature!;
    expect(
      verifyRsaPkcs1({
        publicKey: keys.publicKeyPem,
        data: `${body}.1700000000000`,
        signature,
        hash: 'sha512',
      }),
    ).toBe(true);
    expect(verifyRsaPkcs1({ publicKey: keys.publicKeyPem, data: body, signature, hash: 'sha512' })).toBe(
      false,
    );
  });

  it('signs a mock webhook with hex HMAC-SHA256 of the raw body', () => {
    const { body, headers } = signMockWebhook('{"id":"evt_1"}', 'whsec_1234');
    expect(headers['x-mock-signature']).toBe(hmacSha256Hex('whsec_1234', body));
  });
});
