import { describe, expect, it } from 'vitest';
import {
  AmbiguousOutcomeError,
  NetworkError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '../errors/index';
import { z } from 'zod';
import { operationCall, requestCallFields } from './call-options';
import { parseProviderOptions } from './provider-options';
import { buildWebhookEvent, webhookEventId } from './webhook-event';
import {
  certainlyNotCarriedOut,
  mayHaveTakenEffect,
  requestMayHaveCommitted,
  unclearWriteOutcome,
} from './write-outcome';

const where = { provider: 'acct', operation: 'createPayment' };

describe('call options', () => {
  it('carry every caller option, priority included, from the operation to the request', () => {
    const signal = new AbortController().signal;
    const call = operationCall('getPayment', { signal, timeoutMs: 5, priority: 'low', idempotencyKey: 'k' });
    expect(call).toMatchObject({ operation: 'getPayment', signal, timeoutMs: 5, priority: 'low' });
    expect(requestCallFields({ ...call, reference: 'r' })).toEqual({
      signal,
      timeoutMs: 5,
      priority: 'low',
      reference: 'r',
    });
    expect(requestCallFields(undefined)).toEqual({});
  });
});

describe('parseProviderOptions', () => {
  const schema = z.strictObject({ flag: z.boolean().optional() });
  it('parses the adapter’s options and defaults to {}', () => {
    expect(parseProviderOptions('acme', schema, { acme: { flag: true } }, where)).toEqual({ flag: true });
    expect(parseProviderOptions('acme', schema, undefined, where)).toEqual({});
  });
  it('refuses an unknown key with a ValidationError naming it', () => {
    expect(() => parseProviderOptions('acme', schema, { acme: { nope: 1 } }, where)).toThrow(ValidationError);
  });
});

describe('webhook events', () => {
  it('have one id recipe: provider type and encoded parts', () => {
    expect(webhookEventId('depay', ['u-1', 'success'])).toBe('depay:u-1:success');
    expect(webhookEventId('defexa', ['payment', 'a:b', undefined])).toBe('defexa:payment:a%3Ab:');
  });
  it('take their type from the unified status', () => {
    const event = buildWebhookEvent({
      object: 'refund',
      data: { status: 'succeeded' } as never,
      provider: 'acct',
      providerType: 'acme',
      idParts: ['r1', 'done'],
      occurredAt: '2026-01-01T00:00:00.000Z',
      verifiedBy: 'signature',
      raw: {},
    });
    expect(event).toMatchObject({ id: 'acme:r1:done', object: 'refund', type: 'refund.succeeded' });
  });
});

describe('write outcome', () => {
  const net = new NetworkError('reset', {});
  const refused = new ProviderUnavailableError('refused', {});
  const unavailable503 = new ProviderUnavailableError('503', { httpStatus: 503 });
  const bad502 = new ProviderUnavailableError('502', { httpStatus: 502 });
  const limited = new RateLimitError('429', { httpStatus: 429 });
  const unreadable = new ProviderResponseError('bad body', { httpStatus: 200, operation: 'createPayout' });

  it('a refused connection, a 503 and a rate limit certainly did nothing', () => {
    for (const error of [refused, unavailable503, limited]) {
      expect(certainlyNotCarriedOut(error)).toBe(true);
      expect(requestMayHaveCommitted(error)).toBe(false);
      expect(mayHaveTakenEffect(error)).toBe(false);
    }
  });
  it('a broken connection, a timeout or a 502 may have committed', () => {
    for (const error of [net, new TimeoutError('slow', {}), bad502]) {
      expect(requestMayHaveCommitted(error)).toBe(true);
      expect(mayHaveTakenEffect(error)).toBe(true);
    }
    expect(mayHaveTakenEffect(new Error('unknown'))).toBe(true);
    expect(mayHaveTakenEffect(new ValidationError('bad', {}))).toBe(false);
  });
  it('unclearWriteOutcome keeps an ambiguity, turns an unreadable 2xx into one, and leaves a refusal', () => {
    const ambiguous = new AmbiguousOutcomeError('maybe', {});
    expect(unclearWriteOutcome(ambiguous, 'r')).toBe(ambiguous);
    const turned = unclearWriteOutcome(unreadable, 'ref-1');
    expect(AmbiguousOutcomeError.is(turned)).toBe(true);
    expect(turned).toMatchObject({ reference: 'ref-1', httpStatus: 200, operation: 'createPayout' });
    expect(unclearWriteOutcome(new ProviderResponseError('x', { httpStatus: 400 }), 'r')).toBeUndefined();
    expect(unclearWriteOutcome(net, 'r')).toBeUndefined();
  });
});

describe('wire schemas', () => {
  it('read a missing, null or empty amount as undefined and any other as an exact decimal', async () => {
    const { optionalWireDecimal, wireIdSchema } = await import('./wire-schemas');
    expect([undefined, null, ''].map((value) => optionalWireDecimal.parse(value))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(optionalWireDecimal.parse(13.0)).toBe('13');
    expect(optionalWireDecimal.parse('0.00701648')).toBe('0.00701648');
    expect(() => optionalWireDecimal.parse('abc')).toThrow();
    expect(wireIdSchema.parse(661)).toBe('661');
  });
});
