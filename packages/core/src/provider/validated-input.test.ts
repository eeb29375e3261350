import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors/error-classes';
import type { Payment } from '../model/payment';
import { defineProvider } from './define-provider';
import type { ProviderCapabilities } from './provider-capabilities';
import { createPaymentInputSchema, listInputSchema } from './provider-inputs';
import { parseOperationInput, wasParsedWith } from './validated-input';

const capabilities: ProviderCapabilities = {
  operations: { createPayment: {}, getPayment: {}, listPayments: {}, parseWebhook: {} },
  flows: ['hosted'],
  assets: 'any',
  webhooks: { verification: ['refetch'] },
};

function provider(seen: unknown[]) {
  return defineProvider({
    type: 'acme',
    account: 'main',
    capabilities,
    api: {},
    operations: {
      createPayment: async (input) => {
        seen.push(input);
        return { id: 'p1' } as Payment;
      },
      getPayment: async () => ({ id: 'p1' }) as Payment,
      listPayments: async (input) => {
        seen.push(input);
        return { items: [], hasMore: false };
      },
      parseWebhook: async () => ({ events: [], response: { status: 200 } }),
    },
  });
}

const raw = { reference: 'o1', amount: { amount: '1', currency: 'EUR' } };

describe('parseOperationInput', () => {
  it('lets defineProvider pass the parsed object on without a second parse', async () => {
    const seen: unknown[] = [];
    const acme = provider(seen);
    const parses = vi.spyOn(createPaymentInputSchema, 'safeParse');
    try {
      const parsed = parseOperationInput(createPaymentInputSchema, raw, { operation: 'createPayment' });
      await acme.createPayment(parsed);
      expect(parses).toHaveBeenCalledTimes(1);
      expect(seen[0]).toBe(parsed);
    } finally {
      parses.mockRestore();
    }
  });

  it('marks for its own schema only: an input parsed with another is parsed again', async () => {
    const seen: unknown[] = [];
    const acme = provider(seen);
    const parsed = parseOperationInput(listInputSchema, {}, {});
    expect(wasParsedWith(parsed, listInputSchema)).toBe(true);
    expect(wasParsedWith(parsed, createPaymentInputSchema)).toBe(false);
    const parses = vi.spyOn(createPaymentInputSchema, 'safeParse');
    try {
      const error = await acme.createPayment(parsed as never).catch((caught: unknown) => caught);
      expect(ValidationError.is(error)).toBe(true);
      expect(parses).toHaveBeenCalledTimes(1);
    } finally {
      parses.mockRestore();
    }
    expect(seen).toEqual([]);
  });

  it('freezes what it validated, so it cannot be changed before the adapter gets it', () => {
    const parsed = parseOperationInput(createPaymentInputSchema, raw, {});
    expect(() => {
      (parsed.amount as { amount: string }).amount = 'lots';
    }).toThrow(TypeError);
    expect(parsed.amount.amount).toBe('1');
  });

  it('throws the ValidationError of parseInput for a bad input, marking nothing', () => {
    const bad = { reference: 'o1', amount: { amount: 'x', currency: 'EUR' } };
    expect(() => parseOperationInput(createPaymentInputSchema, bad, { operation: 'createPayment' })).toThrow(
      ValidationError,
    );
    expect(wasParsedWith(bad, createPaymentInputSchema)).toBe(false);
  });
});
