import {
  createMemoryStore,
  defineProvider,
  type Payment,
  type ProviderCapabilities,
  type ProviderPlugin,
  UnsupportedOperationError,
  WebhookVerificationError,
} from '@paymux/core';
import { mockProviderPlugin } from '@paymux/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPaymux } from './create-paymux';

const capabilities = {
  operations: { createPayment: {}, getPayment: {}, releasePayment: {}, parseWebhook: {} },
  flows: ['tracking'],
  assets: 'any',
  webhooks: { verification: ['signature'] },
} as const satisfies ProviderCapabilities;

function payment(id: string, account: string): Payment {
  return {
    id,
    provider: account,
    providerType: 'holding',
    providerPaymentId: id,
    reference: `order-${id}`,
    flow: 'tracking',
    status: 'succeeded',
    rawStatus: 'success',
    amount: { amount: '10', currency: 'USDT' },
    amountDelta: 'exact',
    transfers: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    raw: {},
  };
}

/** A provider that offers releasePayment and counts what reached it. */
function holdingPlugin(released: string[]): ProviderPlugin {
  return {
    type: 'holding',
    settingsSchema: z.strictObject({}),
    capabilities,
    secretFields: [],
    create: (_settings, context) =>
      defineProvider({
        type: 'holding',
        account: context.account,
        capabilities,
        api: {},
        operations: {
          createPayment: async () => payment('p-1', context.account),
          getPayment: async (id) => payment(id, context.account),
          releasePayment: async (id) => {
            released.push(id);
            return payment(id, context.account);
          },
          parseWebhook: async () => {
            throw new WebhookVerificationError('not used here');
          },
        },
      }),
  };
}

describe('paymux.releasePayment', () => {
  it('reaches the account that offers it, once per payment however often it is repeated', async () => {
    const released: string[] = [];
    const paymux = createPaymux({
      store: createMemoryStore(),
      plugins: [holdingPlugin(released)],
      providers: { wallet: { type: 'holding' } },
    });
    const first = await paymux.releasePayment('p-1', { account: 'wallet' });
    const again = await paymux.releasePayment('p-1', { account: 'wallet' });
    expect(first).toMatchObject({ id: 'p-1', status: 'succeeded' });
    expect(again.id).toBe('p-1');
    expect(released).toEqual(['p-1']);
  });

  it('is UnsupportedOperationError before any I/O on an account without it', async () => {
    const paymux = createPaymux({
      store: createMemoryStore(),
      plugins: [mockProviderPlugin],
      providers: {
        main: {
          type: 'mock',
          apiKey: 'mock-key-0000000000',
          webhookSecret: 'mock-secret-000000000',
          baseUrl: 'http://127.0.0.1:1',
        },
      },
    });
    const error = await paymux.releasePayment('p-1', { account: 'main' }).catch((caught) => caught);
    expect(UnsupportedOperationError.is(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'releasePayment' });
  });

  it('refuses an empty payment id with a ValidationError naming it', async () => {
    const paymux = createPaymux({
      store: createMemoryStore(),
      plugins: [holdingPlugin([])],
      providers: { wallet: { type: 'holding' } },
    });
    await expect(paymux.releasePayment('', { account: 'wallet' })).rejects.toMatchObject({
      code: 'validation_error',
      field: 'paymentId',
    });
  });
});
