import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTupleKey } from './store-keys';

describe('jsonTupleKey', () => {
  it('writes exactly what JSON.stringify writes, on 10,000 generated lists', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('"', '\\', '\n', '\ud800', '😀'),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), (parts) => {
        expect(jsonTupleKey(parts)).toBe(JSON.stringify(parts));
      }),
      { numRuns: 10_000 },
    );
  });
});
