import { PostgresNotInstalledError, startTestPostgres } from './start-test-postgres';

/** What the global setup provides to tests: a URL, or why there is none. */
export interface ProvidedTestPostgres {
  /** The test cluster's connection string; undefined when PostgreSQL is missing (tests skip). */
  url?: string;
  /** Why there is no URL, for the skip message. */
  skipReason?: string;
}

/** The key under which `setupTestPostgres` provides a `ProvidedTestPostgres`. */
export const TEST_POSTGRES_KEY = 'paymuxTestPostgres';

/** True in CI (`CI=true`) or with `PAYMUX_REQUIRE_POSTGRES=1`: a missing PostgreSQL is a failure. */
export function postgresRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PAYMUX_REQUIRE_POSTGRES === '1' || env.CI === 'true' || env.CI === '1';
}

/**
 * A vitest `globalSetup` that starts one throwaway PostgreSQL for the test run and provides its
 * URL (`inject('paymuxTestPostgres')`), stopping it at the end. `PAYMUX_TEST_POSTGRES_URL` uses
 * an existing server instead. PostgreSQL missing: locally the tests skip, saying so; in CI
 * (`CI=true` or `PAYMUX_REQUIRE_POSTGRES=1`) the run fails.
 *
 * @example
 * // test/postgres-global-setup.ts
 * export { setupTestPostgres as default } from '@paymux/testkit';
 * // in a test: const { url, skipReason } = inject('paymuxTestPostgres');
 */
export async function setupTestPostgres(project: {
  provide(key: typeof TEST_POSTGRES_KEY, value: ProvidedTestPostgres): void;
}): Promise<() => Promise<void>> {
  const existing = process.env.PAYMUX_TEST_POSTGRES_URL;
  if (existing) {
    project.provide(TEST_POSTGRES_KEY, { url: existing });
    return async () => {};
  }
  try {
    const postgres = await startTestPostgres();
    project.provide(TEST_POSTGRES_KEY, { url: postgres.connectionString });
    return () => postgres.stop();
  } catch (error) {
    if (error instanceof PostgresNotInstalledError && !postgresRequired()) {
      const skipReason = `${error.message}; the PostgreSQL tests are skipped (in CI they fail)`;
      console.warn(`paymux: ${skipReason}`);
      project.provide(TEST_POSTGRES_KEY, { skipReason });
      return async () => {};
    }
    throw error;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    paymuxTestPostgres: ProvidedTestPostgres;
  }
}
