import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError, UnsupportedOperationError, ValidationError } from '../errors/error-classes';
import type { Payment } from '../model/payment';
import { defineProvider } from './define-provider';
import { operationNames, type ProviderCapabilities } from './provider-capabilities';

const capabilities: ProviderCapabilities = {
  operations: {
    createPayment: { idempotent: true, idempotencyKey: 'reference' },
    getPayment: {},
    parseWebhook: {},
  },
  flows: ['hosted'],
  assets: 'any',
  webhooks: { verification: ['refetch'] },
};

const payment = { id: 'p1' } as Payment;

describe('defineProvider', () => {
  it('calls declared operations and refuses undeclared ones before any I/O', async () => {
    const io = vi.fn();
    const provider = defineProvider({
      type: 'acme',
      account: 'main',
      capabilities,
      api: {},
      operations: {
        createPayment: async () => payment,
        getPayment: async () => payment,
        parseWebhook: async () => ({ events: [], response: { status: 200 } }),
      },
    });
    await expect(
      provider.createPayment({ reference: 'o1', amount: { amount: '1', currency: 'EUR' } }),
    ).resolves.toBe(payment);
    for (const name of operationNames) {
      if (capabilities.operations[name]) continue;
      const call = (provider[name] as (...args: unknown[]) => Promise<unknown>)({});
      const error = await call.catch((caught: unknown) => caught);
      expect(UnsupportedOperationError.is(error), name).toBe(true);
      expect((error as UnsupportedOperationError).operation).toBe(name);
    }
    expect(io).not.toHaveBeenCalled();
  });

  it('refuses a capability map that disagrees with the implementation', () => {
    const base = {
      type: 'acme',
      account: 'main',
      api: {},
      operations: {
        createPayment: async () => payment,
        getPayment: async () => payment,
        parseWebhook: async () => ({ events: [], response: { status: 200 } }),
      },
    };
    expect(() =>
      defineProvider({
        ...base,
        capabilities: { ...capabilities, operations: { ...capabilities.operations, createPayout: {} } },
      }),
    ).toThrow(ConfigurationError);
    expect(() =>
      defineProvider({
        ...base,
        capabilities,
        operations: { ...base.operations, getBalances: async () => [] },
      }),
    ).toThrow(/does not declare/);
    expect(() =>
      defineProvider({
        ...base,
        capabilities: { ...capabilities, operations: { createPayment: {}, getPayment: {} } },
      }),
    ).toThrow(/parseWebhook/);
  });

  it('validates each operation input once, strictly, before the adapter runs', async () => {
    const seen: unknown[] = [];
    const provider = defineProvider({
      type: 'acme',
      account: 'main',
      capabilities: { ...capabilities, operations: { ...capabilities.operations, listPayments: {} } },
      api: {},
      operations: {
        createPayment: async (input) => {
          seen.push(input);
          return payment;
        },
        getPayment: async () => payment,
        listPayments: async (input) => {
          seen.push(input);
          return { items: [] };
        },
        parseWebhook: async () => ({ events: [], response: { status: 200 } }),
      },
    });
    const bad = provider.createPayment({ reference: 'o-1', amount: { amount: '-1', currency: 'EUR' } });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({
      provider: 'main',
      operation: 'createPayment',
      field: 'amount.amount',
    });
    await expect(
      provider.createPayment({
        reference: 'o-1',
        amount: { amount: '1', currency: 'EUR' },
        nope: 1,
      } as never),
    ).rejects.toMatchObject({ field: 'nope' });
    expect(seen).toEqual([]);
    await provider.listPayments();
    await provider.createPayment({ reference: 'o-1', amount: { amount: '1', currency: 'EUR' } });
    expect(seen).toEqual([{}, { reference: 'o-1', amount: { amount: '1', currency: 'EUR' } }]);
  });
});
