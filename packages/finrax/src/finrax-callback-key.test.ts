import { generateKeyPairSync } from 'node:crypto';
import { ConfigurationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createFinrax, plugin } from './finrax-provider';
import { CALLBACK_PUBLIC_KEY, testSettings } from './__fixtures__/finrax-test-support';

const KEY_BODY = CALLBACK_PUBLIC_KEY.split('\n')[1]!;
// A PEM whose base64 was cut short: looks like a key, parses as none.
const TRUNCATED = CALLBACK_PUBLIC_KEY.replace(KEY_BODY, KEY_BODY.slice(0, 20));
const EC_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

/** Creates the account the way the paymux client does: settings schema first, then `create`. */
function createThroughPlugin(callbackPublicKey: string) {
  const settings = plugin.settingsSchema.parse(testSettings({ callbackPublicKey }));
  return plugin.create(settings, { account: 'main' });
}

function configurationErrorOf(create: () => unknown): ConfigurationError {
  try {
    create();
  } catch (error) {
    expect(ConfigurationError.is(error)).toBe(true);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('callbackPublicKey is parsed when the provider is created', () => {
  it.each([
    ['a truncated PEM', TRUNCATED],
    ['plain text', 'not-a-key-at-all-but-long-enough'],
    ['a private key header with junk', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'],
  ])('refuses %s at creation, naming the setting and no key material', (_name, pem) => {
    for (const create of [
      () => createThroughPlugin(pem),
      () => createFinrax(testSettings({ callbackPublicKey: pem })),
    ]) {
      const error = configurationErrorOf(create);
      expect(error.field).toBe('callbackPublicKey');
      expect(error.message).toContain('callbackPublicKey');
      const text = `${JSON.stringify(error.toJSON())}${error.stack ?? ''}`;
      for (const line of pem.split('\n').filter((item) => item && !item.startsWith('-----'))) {
        expect(text).not.toContain(line);
      }
      expect(error.cause).toBeUndefined();
    }
  });

  it('refuses a key that is not RSA (Finrax signs callbacks with RSA-SHA512)', () => {
    const error = configurationErrorOf(() => createThroughPlugin(EC_KEY));
    expect(error).toMatchObject({ field: 'callbackPublicKey' });
    expect(error.message).toMatch(/ec key/);
  });

  it('accepts the RSA key as PEM, with escaped newlines, and no key at all', () => {
    expect(() => createThroughPlugin(CALLBACK_PUBLIC_KEY)).not.toThrow();
    expect(() => createThroughPlugin(CALLBACK_PUBLIC_KEY.replace(/\n/g, '\\n'))).not.toThrow();
    expect(() => createFinrax(testSettings({ callbackPublicKey: undefined }))).not.toThrow();
  });
});
