export { createPostgresStore, type PostgresStoreOptions } from './create-postgres-store';
export { describePostgres } from './postgres-location';
