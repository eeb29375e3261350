import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { amountDelta } from './amount-delta';
import { decodeCompositeId, encodeCompositeId } from './composite-id';
import { ValidationError } from './errors/error-classes';
import { parseInput } from './errors/validation';
import { paymentEventType } from './model/events';
import { defineNetworkNames, getNetwork, networkFromCaip2, networks } from './networks';
import { createPaymentInputSchema } from './provider/provider-inputs';
import { createRedactor, needsRedaction, REDACTED, redactDeep, redactHeaders } from './redaction';
import { mapStatus } from './status-map';

describe('networks', () => {
  it('has lowercase slugs with unique CAIP-2 ids', () => {
    const ids = Object.values(networks).flatMap((info) => ('caip2' in info ? [info.caip2] : []));
    expect(new Set(ids).size).toBe(ids.length);
    for (const slug of Object.keys(networks)) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(networkFromCaip2('eip155:56')).toBe('bsc');
    expect(getNetwork('tron')?.nativeSymbol).toBe('TRX');
  });

  it('translates provider names both ways and names the field when unsupported', () => {
    const names = defineNetworkNames('finrax', { ETH: 'ethereum', BSC: 'bsc', TRX: 'tron' });
    expect(names.toProvider('tron')).toBe('TRX');
    expect(names.fromProvider('eth')).toBe('ethereum');
    expect(names.fromProvider('DOGE')).toBeUndefined();
    const error = (() => {
      try {
        names.toProvider('solana', 'payWith.network');
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).field).toBe('payWith.network');
  });
});

describe('input validation', () => {
  it('names the first bad field and refuses unknown keys and number amounts', () => {
    const run = (value: unknown) => {
      try {
        parseInput(createPaymentInputSchema, value, { operation: 'createPayment', provider: 'main' });
      } catch (caught) {
        return caught as ValidationError;
      }
      throw new Error('expected a ValidationError');
    };
    expect(run({ reference: 'o1', amount: { amount: 10, currency: 'EUR' } }).field).toBe('amount.amount');
    expect(run({ reference: 'o1', amount: { amount: '-1', currency: 'EUR' } }).field).toBe('amount.amount');
    expect(
      run({ reference: 'o1', amount: { amount: '1', currency: 'EUR' }, refrence: 'typo' }).message,
    ).toContain('refrence');
    expect(run({ amount: { amount: '1', currency: 'EUR' } }).field).toBe('reference');
    const words = run({ reference: 'o1', amount: { amount: 'ten', currency: 'EUR' } });
    expect(words.field).toBe('amount.amount');
    expect(words.issues).toHaveLength(1);
    expect(parseInput(z.object({ a: z.string() }), { a: 'x' })).toEqual({ a: 'x' });
  });
});

describe('helpers', () => {
  it('computes amount deltas exactly', () => {
    expect(amountDelta('0.5', undefined)).toBe('none');
    expect(amountDelta('0.5', '0')).toBe('none');
    expect(amountDelta('0.5', '0.50')).toBe('exact');
    expect(amountDelta('0.5', '0.4999999999999999999')).toBe('under');
    expect(amountDelta('0.5', '0.5000000000000000001')).toBe('over');
  });

  it('maps unknown raw statuses to unknown, never guessing', () => {
    const table = { NEW: 'requires_payment', DONE: 'succeeded' } as const;
    expect(mapStatus(table, 'DONE')).toBe('succeeded');
    expect(mapStatus(table, 'toString')).toBe('unknown');
    expect(mapStatus(table, 'SOMETHING_NEW')).toBe('unknown');
    expect(mapStatus(table, undefined)).toBe('unknown');
  });

  it('round-trips composite ids and refuses foreign ones', () => {
    const id = encodeCompositeId('fp', { p: 'pay-1', c: 'BTC', a: 'bc1q…' });
    expect(decodeCompositeId('fp', id)).toEqual({ p: 'pay-1', c: 'BTC', a: 'bc1q…' });
    expect(() => decodeCompositeId('fp', 'fp_!!!')).toThrow(ValidationError);
    expect(() => decodeCompositeId('fp', 'other')).toThrow(ValidationError);
  });

  it('copies a shared object once, keeps "__proto__" as a field, and says when nothing needs redacting', () => {
    const redact = createRedactor(['sk_live_123456']);
    const raw = { status: 'paid', note: 'ref sk_live_123456' };
    const event = { raw, data: { raw, amount: '1' } };
    const copy = redactDeep(event, redact);
    expect(copy.raw).toBe(copy.data.raw);
    expect(copy.raw).not.toBe(raw);
    expect(copy.raw.note).toBe(`ref ${REDACTED}`);
    expect(raw.note).toBe('ref sk_live_123456');

    const parsed = JSON.parse('{"__proto__": {"api_key": "k"}, "a": 1}') as Record<string, unknown>;
    const cleaned = redactDeep(parsed, redact);
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(cleaned, '__proto__')?.value).toEqual({ api_key: REDACTED });

    expect(needsRedaction(event, redact)).toBe(true);
    expect(needsRedaction(copy, redact)).toBe(false);
    expect(needsRedaction({ list: [{ amount: '1' }], signature: REDACTED, password: '' }, redact)).toBe(
      false,
    );
    expect(needsRedaction({ deep: [{ password: 'hunter2' }] }, redact)).toBe(true);
  });

  it('derives event types from state', () => {
    expect(paymentEventType({ status: 'requires_payment', amountDelta: 'under' })).toBe('payment.underpaid');
    expect(paymentEventType({ status: 'succeeded', amountDelta: 'over' })).toBe('payment.succeeded');
    expect(paymentEventType({ status: 'unknown', amountDelta: 'none' })).toBe('payment.updated');
  });

  it('redacts configured secrets and secret-named fields', () => {
    const redact = createRedactor(['sk_live_123456', undefined, 'abc']);
    expect(redact('key sk_live_123456 abc')).toBe(`key ${REDACTED} abc`);
    expect(
      redactDeep(
        {
          session_token: 'tok',
          nested: [{ apiKey: 'k', note: 'sk_live_123456' }],
          signature: '',
          amount: '1',
        },
        redact,
      ),
    ).toEqual({
      session_token: REDACTED,
      nested: [{ apiKey: REDACTED, note: REDACTED }],
      signature: '',
      amount: '1',
    });
    const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, {
      signature: 'abc',
      api_key: 'k',
    });
    expect(redactDeep(nullPrototype)).toEqual({ signature: REDACTED, api_key: REDACTED });
    expect(redactHeaders({ Authorization: 'Bearer x', 'x-api-key': 'y', accept: 'json' })).toEqual({
      Authorization: REDACTED,
      'x-api-key': REDACTED,
      accept: 'json',
    });
  });
});
