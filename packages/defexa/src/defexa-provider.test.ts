import { ConfigurationError, operationNames, UnsupportedOperationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import {
  createDefexa,
  defexa,
  defexaBaseUrl,
  defexaBaseUrls,
  defexaCapabilities,
  defexaSettingsSchema,
} from './index';
import { TEST_KEY } from '../test/defexa-test-support';

describe('createDefexa and the plugin', () => {
  it('declares exactly what it implements', () => {
    const provider = createDefexa({ merchantPrivateKey: TEST_KEY });
    expect(provider.type).toBe('defexa');
    expect(provider.account).toBe('defexa');
    for (const name of operationNames) expect(typeof provider[name]).toBe('function');
    expect(Object.keys(defexaCapabilities.operations).sort()).toEqual(
      [
        'createPayment',
        'createPayout',
        'createPayoutBatch',
        'createRefund',
        'estimatePayoutFee',
        'getBalances',
        'getPayment',
        'getPayout',
        'getPayoutBatch',
        'listPayments',
        'listPayouts',
        'parseWebhook',
      ].sort(),
    );
  });

  it('throws UnsupportedOperationError for what Defexa does not offer, before any I/O', async () => {
    const provider = createDefexa({ merchantPrivateKey: TEST_KEY }, { account: 'crypto' });
    await expect(provider.getQuote({} as never)).rejects.toSatisfy((error: unknown) =>
      UnsupportedOperationError.is(error),
    );
    await expect(provider.cancelPayment({} as never)).rejects.toSatisfy((error: unknown) =>
      UnsupportedOperationError.is(error),
    );
  });

  it('refuses bad settings with a ConfigurationError naming the key, never echoing the key', () => {
    expect(() => createDefexa({ merchantPrivateKey: '' })).toThrow(ConfigurationError);
    expect(() => createDefexa({ merchantPrivateKey: TEST_KEY, surprise: 1 } as never)).toThrow(
      /surprise|Unrecognized/,
    );
    try {
      createDefexa({ merchantPrivateKey: TEST_KEY, baseUrl: 'ftp://x' });
    } catch (error) {
      expect((error as ConfigurationError).field).toBe('baseUrl');
      expect(JSON.stringify(error)).not.toContain(TEST_KEY);
    }
  });

  it('resolves the base URL from the presets or the override', () => {
    expect(defexaBaseUrl(defexaSettingsSchema.parse({ merchantPrivateKey: 'k' }))).toBe(
      defexaBaseUrls.production,
    );
    expect(defexaBaseUrl({ environment: 'sandbox' })).toBe(defexaBaseUrls.sandbox);
    expect(defexaBaseUrl({ baseUrl: 'http://127.0.0.1:9000/defexa/' })).toBe('http://127.0.0.1:9000/defexa/');
  });

  it('exports a plugin the client can register', () => {
    expect(defexa.type).toBe('defexa');
    expect(defexa.secretFields).toEqual(['merchantPrivateKey']);
    const settings = defexa.settingsSchema.parse({ merchantPrivateKey: TEST_KEY });
    expect(defexa.create(settings, { account: 'crypto' }).account).toBe('crypto');
  });
});
