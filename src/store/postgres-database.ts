import pg from 'pg';
import { KgovError } from '../core/index.js';
import type { Database, Queryable, QueryOptions, Row } from './database.js';

// Return timestamps and bigints as the same JavaScript types PGlite gives: Date stays Date (default);
// int8 (bigint, count(*)) becomes a number, safe for our row counts and sequence numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** A PostgreSQL server through node-postgres' pool, for several API processes on one database. */
export async function openPostgresDatabase(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new KgovError('database_unavailable', { detail: redact(url, (error as Error).message) }, { cause: error });
  }
  // Named statements stop at the first "prepared statement does not exist" (SQLSTATE 26000): a pooler in
  // transaction mode (PgBouncer before 1.21) sends each statement to any server connection, so a name prepared on one
  // is missing on the next. The statement is then sent unnamed, as every statement is without `prepare`.
  let named = true;
  const queryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      if (options.prepare && named) {
        try {
          return (await client.query({ name: options.prepare, text: sql, values: params as unknown[] })).rows as T[];
        } catch (error) {
          if ((error as { code?: string }).code !== '26000') throw error;
          named = false;
        }
      }
      return (await client.query(sql, params as unknown[])).rows as T[];
    },
  });
  return {
    kind: 'postgres',
    ...queryable(pool),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Never echo a password from the connection string into logs or terminals. */
function redact(url: string, message: string): string {
  const password = safePassword(url);
  return password ? message.split(password).join('***') : message;
}

function safePassword(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
