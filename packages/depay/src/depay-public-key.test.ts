import { generateKeyPairSync } from 'node:crypto';
import { ConfigurationError, type PaymuxError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { fixtureText, TEST_API_KEY, TEST_PUBLIC_KEY_PEM } from './__fixtures__/depay-test-setup';
import { createDepay, plugin } from './depay-provider';
import { DEPAY_PUBLIC_KEY } from './depay-settings';

const pem = (key: { export(options: { type: 'spki'; format: 'pem' }): string | Buffer }) =>
  key.export({ type: 'spki', format: 'pem' }).toString();
const ecPublicKey = pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
const shortRsaPublicKey = pem(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey);
const testPrivateKey = fixtureText('test-only-depay-signing-key.pem');

function creationError(publicKey: string): PaymuxError {
  try {
    createDepay({ apiKey: TEST_API_KEY, publicKey }, { account: 'wallet' });
  } catch (error) {
    return error as PaymuxError;
  }
  throw new Error('createDepay accepted the key');
}

describe('the DePay publicKey setting', () => {
  it.each([
    ['text that is no PEM', 'not a key', /publicKey is not a PEM public key/],
    ['an EC key', ecPublicKey, /publicKey is not an RSA key \(ec\): DePay signs with RSA-PSS/],
    ['a 1024-bit RSA key', shortRsaPublicKey, /publicKey is a 1024-bit RSA key/],
    ['a private key', testPrivateKey, /publicKey holds a private key/],
  ])('refuses %s when the account is created, naming the setting', (_what, publicKey, message) => {
    const error = creationError(publicKey);
    expect(ConfigurationError.is(error)).toBe(true);
    expect(error.message).toMatch(message);
    expect(error).toMatchObject({ field: 'publicKey', provider: 'wallet' });
    // The key itself (a private one pasted by mistake above all) appears nowhere.
    const body = publicKey.split('\n')[1] ?? publicKey;
    expect(JSON.stringify(error)).not.toContain(body);
    expect(error.message).not.toContain(body);
  });

  it('is checked by the settings schema the client validates config with (issue at publicKey)', () => {
    const parsed = plugin.settingsSchema.safeParse({ apiKey: TEST_API_KEY, publicKey: ecPublicKey });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['publicKey'] });
    expect(parsed.error?.issues[0]?.message).toMatch(/DePay signs with RSA-PSS/);
  });

  it("accepts DePay's published key, a 2048-bit test key, and a PEM whose newlines came escaped", () => {
    expect(() => createDepay({ apiKey: TEST_API_KEY, publicKey: DEPAY_PUBLIC_KEY })).not.toThrow();
    expect(() => createDepay({ apiKey: TEST_API_KEY, publicKey: TEST_PUBLIC_KEY_PEM })).not.toThrow();
    const escaped = TEST_PUBLIC_KEY_PEM.replace(/\n/g, '\\n');
    expect(plugin.settingsSchema.safeParse({ apiKey: TEST_API_KEY, publicKey: escaped }).success).toBe(true);
    expect(() => createDepay({ apiKey: TEST_API_KEY, publicKey: escaped })).not.toThrow();
  });
});
