// The store rows at a tiny size: counts and consistency only, never times.
import { postgresRequired } from '@paymux/testkit';
import { describe, expect, it } from 'vitest';
import { formatStoreReport, runStoreBench } from './store-bench';
import { postgresEngine, sqliteEngine } from './store-engines';

const tiny = { callbacks: 12, rounds: 2, concurrency: 4, claims: 10 };

describe('store benchmark at a tiny size', () => {
  it('SQLite: every signed callback becomes one event on a durable store, and claims are timed', async () => {
    const engine = sqliteEngine();
    try {
      // runStoreBench throws when a delivery is refused, an event is not emitted or a claim refused.
      const result = await runStoreBench(engine, tiny);
      expect(result.engine).toBe('SQLite');
      expect(result.ratio).toBeGreaterThan(0);
      expect(result.claimP50Us).toBeGreaterThan(0);
      expect(formatStoreReport([result])).toContain('paymux.webhooks.handle');
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('PostgreSQL: the same, or a skipped row when PostgreSQL is not installed (a failure in CI)', async () => {
    const engine = await postgresEngine();
    if ('skipped' in engine) {
      expect(postgresRequired()).toBe(false);
      expect(formatStoreReport([{ engine: 'PostgreSQL', skipped: engine.skipped }])).toContain('skipped');
      return;
    }
    try {
      const result = await runStoreBench(engine, tiny);
      expect(result.engine).toBe('PostgreSQL');
      expect(result.bareWriteP50Us).toBeGreaterThan(0);
      expect(result.ratio).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
