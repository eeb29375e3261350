import { fileURLToPath } from 'node:url';
import { adapterShapeProblems } from '@paymux/testkit';
import { describe, expect, it } from 'vitest';
import * as index from './index';

describe('the forumpay package has the house shape (docs/writing-a-provider.md)', () => {
  it('has the same files, names and exports as every adapter', () => {
    const srcDir = fileURLToPath(new URL('.', import.meta.url));
    expect(
      adapterShapeProblems({ type: 'forumpay', srcDir, index, capabilities: index.forumpayCapabilities }),
    ).toEqual([]);
  });
});
