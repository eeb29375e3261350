// `node --conditions=paymux-source --import tsx src/run-store-bench.ts`: the store rows alone.
import { formatStoreReport, runStoreBench, type StoreBenchResult } from './store-bench';
import { postgresEngine, sqliteEngine } from './store-engines';

/** Runs the store bench on SQLite, then on PostgreSQL when it is installed. */
export async function runStoreBenches(): Promise<(StoreBenchResult | { engine: string; skipped: string })[]> {
  const results: (StoreBenchResult | { engine: string; skipped: string })[] = [];
  const sqlite = sqliteEngine();
  try {
    results.push(await runStoreBench(sqlite));
  } finally {
    await sqlite.close();
  }
  const postgres = await postgresEngine();
  if ('skipped' in postgres) {
    results.push({ engine: 'PostgreSQL', skipped: `skipped: ${postgres.skipped}` });
  } else {
    try {
      results.push(await runStoreBench(postgres));
    } finally {
      await postgres.close();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('Durable stores: webhook pipeline and claim latency');
  console.log(formatStoreReport(await runStoreBenches()));
}
