import { describe, expect, it } from 'vitest';
import { SecretRegistry } from '../secrets/secret-redaction';
import { createMemoryStore } from '@paymux/core';
import type { ObjectState } from '@paymux/core';

const state: ObjectState = {
  kind: 'payment',
  account: 'main',
  objectId: 'pay_1',
  status: 'processing',
  eventType: 'payment.processing',
  rank: 2,
  final: false,
  occurredAt: '2026-11-21T12:00:00.000Z',
  announced: ['payment.processing'],
};

describe('createMemoryStore', () => {
  it('hands out copies of object states: changing one changes nothing stored', async () => {
    const store = createMemoryStore();
    expect(await store.compareAndSetObjectState('k', undefined, state)).toBe(true);
    state.announced.push('payment.succeeded');
    const read = await store.getObjectState('k');
    expect(read).toEqual({ state: { ...state, announced: ['payment.processing'] }, version: 1 });
    read!.state.announced.push('payment.failed');
    read!.state.status = 'failed';
    expect((await store.getObjectState('k'))?.state).toMatchObject({
      status: 'processing',
      announced: ['payment.processing'],
    });
    state.announced.pop();
  });

  it('compares and sets by version', async () => {
    const store = createMemoryStore();
    expect(await store.compareAndSetObjectState('k', undefined, state)).toBe(true);
    expect(await store.compareAndSetObjectState('k', undefined, state)).toBe(false);
    expect(await store.compareAndSetObjectState('k', 1, { ...state, status: 'succeeded' })).toBe(true);
    expect((await store.getObjectState('k'))?.version).toBe(2);
  });

  it('remembers created objects per account and kind, whatever characters the names hold', async () => {
    const store = createMemoryStore();
    await store.rememberObject('a:b', 'payment', 'c');
    expect(await store.isKnownObject('a:b', 'payment', 'c')).toBe(true);
    expect(await store.isKnownObject('a', 'payment', 'b:c')).toBe(false);
    expect(await store.isKnownObject('a:b', 'payout', 'c')).toBe(false);
  });
});

describe('SecretRegistry.redactValue', () => {
  it('returns a clean value as it is and copies one that holds a secret', () => {
    const secrets = new SecretRegistry();
    secrets.addFromSettings({ apiKey: 'sk_live_abcdef' }, ['apiKey']);
    const clean = { data: { id: 'pay_1' }, raw: { status: 'paid' } };
    expect(secrets.redactValue(clean)).toBe(clean);
    const dirty = { data: { id: 'pay_1' }, raw: { note: 'key sk_live_abcdef' } };
    const redacted = secrets.redactValue(dirty);
    expect(redacted).not.toBe(dirty);
    expect(redacted.raw.note).toBe('key [REDACTED]');
    expect(dirty.raw.note).toBe('key sk_live_abcdef');
  });
});
