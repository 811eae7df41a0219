import { Worker } from 'node:worker_threads';
import { KgovError } from '../core/index.js';
import type { Database, Queryable, Row } from './database.js';
import { createMaintenance } from './pglite-maintenance.js';
import { preparePgliteDirectory, type PgliteOptions } from './pglite-database.js';
import type { ThreadReply, ThreadRequest } from './pglite-thread-protocol.js';
import { createWriteCounter } from './local-writes.js';

type Call = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never;

/**
 * Embedded PostgreSQL (PGlite) on a worker thread. PGlite is WebAssembly and runs synchronously on
 * the thread that owns it, so in-process every statement stops the event loop (~1 ms each, a
 * commit several): HTTP requests, guards and streams wait behind the database. Here the main
 * thread only posts messages, and PGlite works on a second core. Same SQL, same one-connection
 * semantics: a transaction holds PGlite until it commits or rolls back, other statements wait.
 * Errors come back with PostgreSQL's fields (`code`, `detail`, …), so callers see what they would
 * in-process. The worker keeps the process alive only while a call is waiting.
 */
export async function openPgliteWorkerDatabase(dataDir: string | undefined, options: PgliteOptions = {}): Promise<Database> {
  const { directory, lock, created } = preparePgliteDirectory(dataDir);
  const worker = new Worker(new URL('./pglite-thread.js', import.meta.url), {
    workerData: { pgDir: directory ? `${directory}/pg` : undefined },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let nextId = 1;
  let failure: Error | null = null;

  const rebuild = (error: NonNullable<ThreadReply['error']>) => {
    const rebuilt = Object.assign(new Error(error.message), error.fields ?? {});
    if (error.name) rebuilt.name = error.name;
    return rebuilt;
  };
  const failAll = (error: Error) => {
    failure = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const started = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: ThreadReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(rebuild(reply.error ?? { message: 'unknown PGlite error' }));
  });
  worker.on('error', (error) => failAll(new KgovError('database_unavailable', { detail: `PGlite thread: ${error.message}` }, { cause: error })));
  worker.on('exit', (code) => failAll(new KgovError('database_unavailable', { detail: `PGlite thread exited (${code})` })));

  try {
    await started;
    created();
  } catch (error) {
    lock?.release();
    await worker.terminate();
    throw new KgovError('data_dir_unusable', { dir: directory ?? '(memory)', detail: (error as Error).message }, { cause: error });
  }
  worker.unref();

  const call = (request: Call): Promise<unknown> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...request, id });
    });
  };

  const maintenance = createMaintenance(async (sql) => (await call({ op: 'query', sql, params: [] })) as Record<string, unknown>[], options.maintenance);
  const writes = createWriteCounter(maintenance.afterWrite);
  const queryable = (tx?: number): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const run = async () => (await call({ op: 'query', sql, params: [...params], ...(tx === undefined ? {} : { tx }) })) as T[];
      // Inside a transaction, the transaction counts when it ends.
      return tx === undefined ? writes.around(sql, run) : run();
    },
  });

  let closed = false;
  return {
    kind: 'pglite',
    ...queryable(),
    localWriteCount: writes.count,
    async exec(sql) {
      await writes.around(null, () => call({ op: 'exec', sql }));
    },
    transaction: (work) => writes.around(null, async () => {
      const tx = (await call({ op: 'begin' })) as number;
      let result;
      try {
        result = await work(queryable(tx));
      } catch (error) {
        await call({ op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!failure) await call({ op: 'close' });
      } finally {
        worker.removeAllListeners('exit');
        await worker.terminate();
        lock?.release();
      }
    },
  };
}
