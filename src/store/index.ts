export type { Database, Queryable, Row } from './database.js';
export { migrate, currentVersion } from './migrate.js';
export type { Migration } from './migration.js';
export { migrations } from './migrations/index.js';
export { keyDirectory, openDatabase, storageLocation, type StorageLocation } from './open-database.js';
export { openPgliteDatabase } from './pglite-database.js';
export { openPgliteWorkerDatabase } from './pglite-worker-database.js';
export { openPostgresDatabase } from './postgres-database.js';
