import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@paymux/core';
import { describeStoreConformance } from '@paymux/testkit';
import { afterAll } from 'vitest';
import { createSqliteStore } from './create-sqlite-store';

const directory = mkdtempSync(join(tmpdir(), 'paymux-sqlite-conformance-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const paths = new WeakMap<Store, string>();
let files = 0;
const open = async (path: string) => {
  const store = await createSqliteStore({ path });
  paths.set(store, path);
  return store;
};

describeStoreConformance('sqlite', {
  create: () => open(join(directory, `store-${files++}.db`)),
  reopen: (store) => open(paths.get(store)!),
});
