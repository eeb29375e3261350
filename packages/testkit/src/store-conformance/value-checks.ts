import type { StoredValue } from '@paymux/core';
import { expect, it } from 'vitest';
import { race } from './store-fixtures';
import type { StoreConformanceContext } from './store-conformance-types';

/** Known objects and the per-namespace values adapters keep (`AccountState`). */
export function registerValueChecks(context: StoreConformanceContext): void {
  it('remembers known objects per account and kind', async () => {
    const store = await context.fresh();
    expect(await store.isKnownObject('main', 'payment', 'p1')).toBe(false);
    await store.rememberObject('main', 'payment', 'p1');
    await store.rememberObject('main', 'payment', 'p1');
    expect(await store.isKnownObject('main', 'payment', 'p1')).toBe(true);
    expect(await store.isKnownObject('main', 'payout', 'p1')).toBe(false);
    expect(await store.isKnownObject('other', 'payment', 'p1')).toBe(false);
    expect(await store.isKnownObject('main', 'payment', 'p2')).toBe(false);
  });

  it.skipIf(!context.canReopen)(
    'knows an object another instance remembered, also after answering unknown',
    async () => {
      // Stores may keep positive answers in memory; an object unknown here a moment ago and
      // remembered by another instance since must still be found.
      const store = await context.fresh();
      const other = await context.sibling(store);
      if (!other) return;
      expect(await store.isKnownObject('main', 'payment', 'elsewhere')).toBe(false);
      await other.rememberObject('main', 'payment', 'elsewhere');
      expect(await store.isKnownObject('main', 'payment', 'elsewhere')).toBe(true);
      expect(await store.isKnownObject('main', 'payment', 'elsewhere')).toBe(true);
      await store.rememberObject('main', 'payout', 'here');
      expect(await other.isKnownObject('main', 'payout', 'here')).toBe(true);
    },
  );

  it('keeps values per namespace, of every JSON type, null distinct from absent', async () => {
    const store = await context.fresh();
    const values: Record<string, StoredValue> = {
      null: null,
      true: true,
      false: false,
      zero: 0,
      float: 12.5,
      text: 'ä "quoted" \\ 😀',
      empty: '',
      list: [1, 'two', null, [false]],
      object: { amount: '10.50', nested: { token: 'tok_1', list: [] } },
    };
    for (const [key, value] of Object.entries(values)) await store.setValue('main', key, value);
    for (const [key, value] of Object.entries(values))
      expect(await store.getValue('main', key)).toEqual(value);
    expect(await store.getValue('main', 'missing')).toBeUndefined();
    expect(await store.getValue('other', 'text')).toBeUndefined();

    await store.setValue('main', 'text', 'replaced');
    expect(await store.getValue('main', 'text')).toBe('replaced');
    await store.deleteValue('main', 'text');
    await store.deleteValue('main', 'missing');
    expect(await store.getValue('main', 'text')).toBeUndefined();
    expect(await store.getValue('main', 'null')).toBeNull();
  });

  it('hands out copies of values', async () => {
    const store = await context.fresh();
    const value = { list: ['a'] };
    await store.setValue('main', 'k', value);
    value.list.push('written later');
    const read = (await store.getValue('main', 'k')) as { list: string[] };
    read.list.push('read later');
    expect(await store.getValue('main', 'k')).toEqual({ list: ['a'] });
  });

  it('writes a value if absent once: one winner of 100 concurrent writers', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    const wins = await race(100, (index) =>
      (index % 2 === 0 ? store : other).setValueIfAbsent('main', 'charge:1', { writer: index }),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await other.getValue('main', 'charge:1')).toEqual({ writer: wins.indexOf(true) });
    expect(await store.setValueIfAbsent('other', 'charge:1', 'x')).toBe(true);
  });

  it('treats a stored null as present for setValueIfAbsent, and a deleted key as absent', async () => {
    const store = await context.fresh();
    await store.setValue('main', 'k', null);
    expect(await store.setValueIfAbsent('main', 'k', 'x')).toBe(false);
    expect(await store.getValue('main', 'k')).toBeNull();
    await store.deleteValue('main', 'k');
    expect(await store.setValueIfAbsent('main', 'k', 'x')).toBe(true);
    expect(await store.getValue('main', 'k')).toBe('x');
  });
}
