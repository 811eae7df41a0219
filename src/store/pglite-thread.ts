/**
 * The PGlite side of `openPgliteWorkerDatabase`: runs in a worker thread, owns the PGlite instance
 * and answers one message per call. The main thread holds the data directory lock; this thread only
 * opens `${dataDir}/pg`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import type { ThreadReply, ThreadRequest } from './pglite-thread-protocol.js';

const port = parentPort!;
const { pgDir } = workerData as { pgDir: string | undefined };

/** Fields of PostgreSQL's error report that callers look at (`code` for transient failures, …). */
const errorFields = ['code', 'detail', 'hint', 'severity', 'position', 'schema', 'table', 'column', 'constraint', 'where'] as const;

function describe(error: unknown): ThreadReply['error'] {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = {};
  for (const field of errorFields) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (value !== undefined) fields[field] = value;
  }
  return { message: error.message, name: error.name, fields };
}

type Open = { tx: Transaction; decide: (commit: boolean) => void; done: Promise<void> };
const rolledBack = Symbol('rolled back');

let database: PGlite;
try {
  database = await PGlite.create({ ...(pgDir ? { dataDir: pgDir } : {}), extensions: { vector } });
  port.postMessage({ id: 0, ok: true } satisfies ThreadReply);
} catch (error) {
  port.postMessage({ id: 0, ok: false, error: describe(error) } satisfies ThreadReply);
  process.exit(1);
}

const transactions = new Map<number, Open>();
let nextTransaction = 1;

async function begin(): Promise<number> {
  let decide!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => { decide = resolve; });
  let started!: (tx: Transaction) => void;
  const opened = new Promise<Transaction>((resolve) => { started = resolve; });
  const done = database.transaction(async (tx) => {
    started(tx);
    if (!(await decided)) throw rolledBack;
  }).then(() => undefined);
  const tx = await Promise.race([opened, done.then(() => { throw new Error('the transaction ended before it began'); })]);
  const id = nextTransaction++;
  transactions.set(id, { tx, decide, done });
  return id;
}

async function finish(id: number, commit: boolean): Promise<void> {
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  transactions.delete(id);
  open.decide(commit);
  try {
    await open.done;
  } catch (error) {
    if (error !== rolledBack) throw error;
  }
}

async function handle(request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      const target = request.tx === undefined ? database : transactions.get(request.tx)?.tx;
      if (!target) throw new Error(`no open transaction ${request.tx}`);
      return (await target.query(request.sql, request.params)).rows;
    }
    case 'exec':
      await database.exec(request.sql);
      return undefined;
    case 'begin':
      return begin();
    case 'commit':
      await finish(request.tx, true);
      return undefined;
    case 'rollback':
      await finish(request.tx, false);
      return undefined;
    case 'close':
      if (!database.closed) await database.close();
      return undefined;
  }
}

port.on('message', (request: ThreadRequest) => {
  handle(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies ThreadReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: describe(error) } satisfies ThreadReply),
  );
});
