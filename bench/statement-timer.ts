import type { Database } from '../src/store/index.js';

export type StatementTimes = Map<string, { count: number; ms: number }>;

/**
 * Times every statement a database runs, by its first 70 characters, and every transaction as a whole: the wall time
 * awaited, queueing included. For benchmarks that ask where the database's time goes (`bench:gateway` per request,
 * `bench:search --statements` per ingest window). Patches `database` in place; `take()` returns the times so far and
 * starts afresh.
 */
export function timeStatements(database: Database): { take(): StatementTimes } {
  let statements: StatementTimes = new Map();
  const count = (sql: string, ms: number) => {
    const label = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
    const entry = statements.get(label) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    statements.set(label, entry);
  };
  const wrap = <T extends { query: (...args: never[]) => Promise<unknown> }>(target: T): T => {
    const query = target.query.bind(target) as (...args: unknown[]) => Promise<unknown>;
    (target as { query: unknown }).query = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await query(...args);
      } finally {
        count(String(args[0]), performance.now() - started);
      }
    };
    return target;
  };
  wrap(database as never);
  const transaction = database.transaction.bind(database);
  (database as { transaction: unknown }).transaction = async <T>(work: (tx: never) => Promise<T>) => {
    const started = performance.now();
    try {
      return await transaction((tx) => work(wrap(tx as never) as never));
    } finally {
      count('(transaction, whole)', performance.now() - started);
    }
  };
  return {
    take() {
      const taken = statements;
      statements = new Map();
      return taken;
    },
  };
}
