/** Messages between `openPgliteWorkerDatabase` (main thread) and `pglite-thread.ts` (its worker). */
export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

/** `id` 0 is the start-up report. */
export type ThreadReply = {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; name?: string; fields?: Record<string, unknown> };
};
