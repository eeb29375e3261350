import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePathname } from './url-path';

const bases = [
  'https://api.example.com/',
  'https://api.example.com/v1/',
  'http://127.0.0.1:4010/finrax/api/v1/',
];
const pathCharacter = fc.constantFrom(...'ab09-_~.%/?#: é@!$&()*+,;=\\'.split(''), '..', './', '%2F', '%zz');

const outcome = (run: () => string): string => {
  try {
    return run();
  } catch {
    return 'error';
  }
};

describe('resolvePathname', () => {
  it('gives what new URL(path, base).pathname gives, on 10,000 generated paths', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.array(pathCharacter, { maxLength: 12 }),
        (baseText, parts) => {
          const base = new URL(baseText);
          const path = parts.join('');
          const relative = path.startsWith('/') ? path.slice(1) : path;
          expect(outcome(() => resolvePathname(base, path))).toBe(
            outcome(() => new URL(relative, base).pathname),
          );
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('appends a plain path and resolves dot segments', () => {
    const base = new URL('https://api.example.com/v1/');
    expect(resolvePathname(base, '/payments/p1')).toBe('/v1/payments/p1');
    expect(resolvePathname(base, 'payments/../refunds')).toBe('/v1/refunds');
    expect(resolvePathname(base, 'a b')).toBe('/v1/a%20b');
  });
});
