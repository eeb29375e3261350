import { describe, expect, it } from 'vitest';
import { KnownObjectCache } from './known-object-cache';

describe('KnownObjectCache', () => {
  it('keeps each part of the key apart', () => {
    const cache = new KnownObjectCache();
    cache.add('main', 'payment', 'p1');
    expect(cache.has('main', 'payment', 'p1')).toBe(true);
    expect(cache.has('main', 'payout', 'p1')).toBe(false);
    expect(cache.has('other', 'payment', 'p1')).toBe(false);
    expect(cache.has('mainpayment', '', 'p1')).toBe(false);
  });

  it('drops the oldest entry past its limit', () => {
    const cache = new KnownObjectCache(3);
    for (const id of ['a', 'b', 'c', 'd']) cache.add('main', 'payment', id);
    expect(cache.has('main', 'payment', 'a')).toBe(false);
    for (const id of ['b', 'c', 'd']) expect(cache.has('main', 'payment', id)).toBe(true);
  });
});
