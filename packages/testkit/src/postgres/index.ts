export { findPostgresBinaries, type PostgresBinaries } from './find-postgres-binaries';
export { PostgresNotInstalledError, startTestPostgres, type TestPostgres } from './start-test-postgres';
export {
  type ProvidedTestPostgres,
  postgresRequired,
  setupTestPostgres,
  TEST_POSTGRES_KEY,
} from './test-postgres-setup';
