/**
 * The storage contract. Both back ends (embedded PGlite and a PostgreSQL server) speak the same
 * PostgreSQL dialect, so domain modules write plain SQL against this small interface and never
 * know which one they run on. `test/store-contract.test.ts` runs the same suite against both.
 */
export type Row = Record<string, unknown>;

/**
 * `prepare`: a name for a statement that runs very often with the same text (a check on every search). A server
 * then parses and plans it once per connection instead of on every call (~0.2 ms of a ~0.25 ms round trip for
 * the search index's change-log read). One name, one text. PGlite plans in-process and ignores it; so may any
 * wrapper: it changes speed only, never results.
 */
export type QueryOptions = { prepare?: string };

export interface Queryable {
  /** One parameterised statement ($1, $2, …). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
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
