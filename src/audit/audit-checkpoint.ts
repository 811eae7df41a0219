import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KgovError, makeDirectory, type KgovConfig } from '../core/index.js';
import { keyDirectory, type Queryable } from '../store/index.js';
import { readHead } from './audit-writer.js';

/**
 * The chain's head as last seen, kept outside the database (beside the signing keys, `storage.keyDir`). A record's
 * hash commits to every record before it, so one (seq, hash) pair is enough to catch what the chain alone cannot:
 * someone with write access to the database who deletes the last records and moves the head back, empties the log,
 * or rewrites records and recomputes every hash after them. `kgov audit verify` checks that the record at the
 * checkpoint's seq still has its hash. The server writes it every `audit.checkpointSeconds` and on close, and every
 * CLI command on closing the database; each also writes it to its log (servers' logs usually leave the host).
 *
 * It moves forward only, and only from a chain that still holds the previous checkpoint, so a rewritten chain is
 * never blessed by a later checkpoint. A database restored from a backup older than the checkpoint is reported until
 * the operator moves the file aside: that is a restore an auditor should hear of.
 */
export type AuditCheckpoint = { seq: number; hash: string; at: string };

export function auditCheckpointFile(config: KgovConfig): string {
  return join(keyDirectory(config), 'audit-checkpoint.json');
}

export function readAuditCheckpoint(file: string): AuditCheckpoint | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KgovError('audit_checkpoint_unreadable', { file, detail: (error as Error).message }, { cause: error });
  }
  try {
    const parsed = JSON.parse(text) as Partial<AuditCheckpoint>;
    if (!Number.isSafeInteger(parsed.seq) || parsed.seq! < 0 || typeof parsed.hash !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.hash)) throw new Error('not a checkpoint');
    return { seq: parsed.seq!, hash: parsed.hash, at: String(parsed.at ?? '') };
  } catch (error) {
    throw new KgovError('audit_checkpoint_unreadable', { file, detail: (error as Error).message }, { cause: error });
  }
}

/** Whether the stored chain still holds `checkpoint`: the record at its seq exists with its hash. */
export async function chainHolds(database: Queryable, checkpoint: AuditCheckpoint): Promise<boolean> {
  if (checkpoint.seq === 0) return true;
  const [row] = await database.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [checkpoint.seq]);
  return row?.hash === checkpoint.hash;
}

/**
 * Moves the checkpoint to the current head. Returns the new checkpoint, or null when the head has not moved past it.
 * Throws `audit_checkpoint_mismatch` when the chain no longer holds the previous checkpoint (and writes nothing).
 */
export async function writeAuditCheckpoint(database: Queryable, file: string): Promise<AuditCheckpoint | null> {
  const previous = readAuditCheckpoint(file);
  const head = await readHead(database);
  if (previous && head.seq <= previous.seq) {
    if (head.seq < previous.seq || head.hash !== previous.hash) {
      throw new KgovError('audit_checkpoint_mismatch', { seq: previous.seq, file });
    }
    return null;
  }
  if (previous && !(await chainHolds(database, previous))) throw new KgovError('audit_checkpoint_mismatch', { seq: previous.seq, file });
  const checkpoint: AuditCheckpoint = { seq: head.seq, hash: head.hash, at: new Date().toISOString() };
  makeDirectory(join(file, '..'), 0o700);
  // Written aside and renamed over: a crash leaves the old checkpoint or the new one, never half of one.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return checkpoint;
}

export type AuditCheckpointer = { close(): Promise<void> };

/**
 * The server's checkpoints: every `intervalMs` while the head moves, one at a time, and a last one on `close` (after
 * the audit writer has written what it held). `onCheckpoint` hears each new one (the server logs it), `onError` each
 * failure (a chain that no longer holds the last checkpoint is logged as an error every time, not once).
 */
export function startAuditCheckpoints(database: Queryable, file: string, options: {
  intervalMs: number;
  onCheckpoint?: (checkpoint: AuditCheckpoint) => void;
  onError?: (error: unknown) => void;
}): AuditCheckpointer {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= writeAuditCheckpoint(database, file)
      .then((checkpoint) => {
        if (checkpoint) options.onCheckpoint?.(checkpoint);
      }, (error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
      await run();
    },
  };
}
