import type { Store } from '@paymux/core';
import { describeStoreConformance } from '@paymux/testkit';
import { describe, inject, it } from 'vitest';
import { createPostgresStore } from './create-postgres-store';

const { url, skipReason } = inject('paymuxTestPostgres');
const schemas = new WeakMap<Store, string>();
let stores = 0;
const open = async (schema: string) => {
  const store = await createPostgresStore({ connectionString: url!, schema });
  schemas.set(store, schema);
  return store;
};

if (url) {
  // Each store gets a schema of its own: fresh, empty data; reopening uses the same schema.
  describeStoreConformance('postgres', {
    create: () => open(`conformance_${process.pid}_${stores++}`),
    reopen: (store) => open(schemas.get(store)!),
  });
} else {
  describe('store conformance: postgres', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
