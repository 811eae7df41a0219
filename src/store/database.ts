/**
 * The storage contract. Both back ends (embedded PGlite and a PostgreSQL server) speak the same
 * PostgreSQL dialect, so domain modules write plain SQL against this small interface and never
 * know which one they run on. `test/store-contract.test.ts` runs the same suite against both.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One parameterised statement ($1, $2, …). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Everything that must be atomic (an act and its audit record) goes through here.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Only for a database no other process can write (PGlite holds its data directory's lock): a number that
   * changes once any statement of this process that may have written has finished. Caches use it to skip asking
   * the database whether anything changed. Absent for a server, where other processes write too.
   */
  readonly localWriteCount?: () => number;
  close(): Promise<void>;
}
