// One throwaway PostgreSQL for this package's test run (see @paymux/testkit's setupTestPostgres).
// Imported by path: vitest resolves global setup files without the workspace's source condition.
export { setupTestPostgres as default } from '../../testkit/src/postgres/test-postgres-setup';
