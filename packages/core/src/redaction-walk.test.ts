import { describe, expect, it } from 'vitest';
import { createRedactor, needsRedaction } from './redaction';

// needsRedaction remembers the objects it read in a short array, then in a Set past 32: both
// halves must find a secret, read a shared object once and stop on a cycle.
describe('needsRedaction walk', () => {
  const redact = createRedactor(['sk_live_walk_secret']);

  it('finds a secret in an object read after more than 32 others', () => {
    const items = Array.from({ length: 80 }, (_, index) => ({ index: String(index), note: 'plain' }));
    expect(needsRedaction({ items }, redact)).toBe(false);
    items[70]!.note = 'paid with sk_live_walk_secret';
    expect(needsRedaction({ items }, redact)).toBe(true);
    const keyed = Array.from({ length: 40 }, () => ({ amount: '1' }));
    expect(needsRedaction([...keyed, { api_key: 'k' }], redact)).toBe(true);
  });

  it('reads a shared object once and ends on a cycle, before and after 32 objects', () => {
    const raw: Record<string, unknown> = { status: 'success' };
    raw.self = raw;
    expect(needsRedaction({ raw, data: { raw } }, redact)).toBe(false);
    const many = Array.from({ length: 50 }, () => ({ raw }));
    expect(needsRedaction({ many, raw }, redact)).toBe(false);
    raw.secret = 'x';
    expect(needsRedaction({ many, raw }, redact)).toBe(true);
  });
});
