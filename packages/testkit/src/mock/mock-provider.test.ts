import {
  ConfigurationError,
  ProviderRejectedError,
  ProviderResponseError,
  ValidationError,
} from '@paymux/core';
import { afterEach, describe, expect, it } from 'vitest';
import { mockProviderApi } from '../nock-helpers';
import nock from 'nock';
import { wirePayment } from './__fixtures__/mock-wire';
import { mockPaymentStatusTable } from './map-mock-status';
import { mockStatuses } from './mock-api';
import { createMockProvider, mockProviderPlugin } from './mock-provider';
import { mockSettingsSchema } from './mock-settings';

const BASE_URL = 'https://mock.unit.test';
const settings = { apiKey: 'mock_key_123456', webhookSecret: 'mock_whsec_123456', baseUrl: BASE_URL };

afterEach(() => {
  nock.cleanAll();
});

describe('mock provider', () => {
  it('has a strict settings schema with the connection settings', () => {
    expect(
      mockSettingsSchema.safeParse({ ...settings, timeoutMs: 5000, retry: { maxAttempts: 2 } }).success,
    ).toBe(true);
    expect(mockSettingsSchema.safeParse({ ...settings, apiKei: 'typo' }).success).toBe(false);
    expect(mockSettingsSchema.safeParse({ apiKey: 'k' }).success).toBe(false);
    expect(() => createMockProvider({ ...settings, apiKey: '' })).toThrow(ConfigurationError);
  });

  it('is a plug-in the client can register', () => {
    const parsed = mockProviderPlugin.settingsSchema.parse(settings);
    const provider = mockProviderPlugin.create(parsed, { account: 'main' });
    expect(provider).toMatchObject({ type: 'mock', account: 'main' });
    expect(mockProviderPlugin.secretFields).toEqual(['apiKey', 'webhookSecret']);
  });

  it('maps every status of its table', () => {
    expect(Object.keys(mockPaymentStatusTable).sort()).toEqual([...mockStatuses].sort());
  });

  it('validates input before any I/O', async () => {
    const provider = createMockProvider(settings);
    const scope = mockProviderApi(BASE_URL);
    await expect(
      provider.createPayment({ reference: 'x', amount: { amount: '-1', currency: 'EUR' } }),
    ).rejects.toSatisfy((error: unknown) => ValidationError.is(error));
    await expect(
      provider.createPayment({ reference: 'x', amount: { amount: '1', currency: 'EUR' }, flow: 'tracking' }),
    ).rejects.toSatisfy((error: unknown) => ValidationError.is(error));
    expect(scope.isDone()).toBe(true);
  });

  it('turns a 200 that carries an error body into a rejection', async () => {
    const provider = createMockProvider(settings);
    mockProviderApi(BASE_URL)
      .get('/payments/pay_1')
      .reply(200, { error: { code: 'payment_locked', message: 'locked' } });
    const error = await provider.getPayment('pay_1').catch((failure: unknown) => failure);
    expect(ProviderRejectedError.is(error)).toBe(true);
    expect(error).toMatchObject({ providerCode: 'payment_locked', httpStatus: 200 });
  });

  it('reports under- and over-payment as amountDelta, with what is missing', async () => {
    const provider = createMockProvider(settings);
    const scope = mockProviderApi(BASE_URL);
    scope.get('/payments/pay_1').reply(200, wirePayment({ status: 'underpaid', received_amount: '20' }));
    scope.get('/payments/pay_1').reply(200, wirePayment({ status: 'overpaid', received_amount: '30' }));
    expect(await provider.getPayment('pay_1')).toMatchObject({
      status: 'requires_payment',
      amountDelta: 'under',
      missing: { amount: '7.41935483', currency: 'USDT' },
    });
    expect(await provider.getPayment('pay_1')).toMatchObject({ status: 'succeeded', amountDelta: 'over' });
  });

  it('parses responses leniently: a new field passes through into raw, a missing one fails loudly', async () => {
    const provider = createMockProvider(settings);
    const scope = mockProviderApi(BASE_URL);
    scope.get('/payments/pay_1').reply(200, { ...wirePayment(), risk_score: 3 });
    const { address: _missing, ...withoutAddress } = wirePayment();
    scope.get('/payments/pay_2').reply(200, withoutAddress);
    expect((await provider.getPayment('pay_1')).raw).toMatchObject({ risk_score: 3 });
    await expect(provider.getPayment('pay_2')).rejects.toSatisfy((error: unknown) =>
      ProviderResponseError.is(error),
    );
  });
});
