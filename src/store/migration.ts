/** One schema change. Versions are consecutive integers; a migration is never edited once released. */
export type Migration = {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
};
