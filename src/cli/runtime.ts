import { userInfo } from 'node:os';
import { parseGroups, type Clearance, type Principal } from '../auth/index.js';
import { auditCheckpointFile, writeAuditCheckpoint } from '../audit/index.js';
import { KgovError, loadConfig, type KgovConfig } from '../core/index.js';
import { language, message } from './messages.js';
import { attachMemoryIndex, detachMemoryIndex } from '../search/index.js';
import { openDatabase, type Database } from '../store/index.js';

export type CommonOptions = { data?: string; config?: string };

/**
 * Whoever runs the CLI against the data directory or database holds the platform's keys already:
 * they act as the operator, recorded in the audit log under their OS user name.
 */
export function operator(): Principal {
  let name = 'operator';
  try {
    name = userInfo().username || name;
  } catch {
    // No passwd entry (containers): keep the generic name.
  }
  return { kind: 'operator', name };
}

/**
 * The operator narrowed to one tenant and clearance, to see what such a reader would see; with `groups`
 * (`--groups`, comma-separated) also narrowed to documents shared with the whole tenant or with those groups.
 */
export function operatorAs(tenantId: string, clearance: Clearance, groups?: string): Principal {
  const base = operator();
  const name = base.kind === 'operator' ? base.name : 'operator';
  return { kind: 'operator-as', name, tenantId, role: clearance === 'public' ? 'public' : 'staff', clearance, groups: groups === undefined ? null : parseGroups(groups) };
}

/**
 * Opens the platform's storage for one command and always closes it (releasing the data-dir lock). Before closing,
 * the audit chain's head is copied out of the database (`audit-checkpoint.ts`), unless `checkpoint: false` (`kgov
 * audit verify`, which reads the checkpoint and must not move it first); a chain that no longer holds the last
 * checkpoint is said on stderr, and the command's own outcome stands.
 */
export async function withDatabase<T>(options: CommonOptions, work: (database: Database, config: KgovConfig) => Promise<T>, settings: { checkpoint?: boolean } = {}): Promise<T> {
  const config = loadConfig({ configFile: options.config, dataDir: options.data });
  const database = await openWaitingForLock(config);
  try {
    return await work(database, config);
  } finally {
    if (settings.checkpoint !== false) await checkpointAudit(database, config);
    await database.close();
  }
}

/**
 * An embedded data directory has one owner at a time. Short commands started together (an evaluation script running
 * searches side by side, a search during an ingest) take turns instead of failing: a command waits for the directory
 * up to `KGOV_LOCK_WAIT_SECONDS` (default 60; 0: fail at once), saying so once on stderr. A running `kgov serve`
 * keeps it for good: the wait ends with `data_dir_locked`, as before.
 */
async function openWaitingForLock(config: KgovConfig): Promise<Database> {
  const seconds = Number(process.env.KGOV_LOCK_WAIT_SECONDS ?? 60);
  const deadline = Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0);
  let told = false;
  for (;;) {
    try {
      return await openDatabase(config);
    } catch (error) {
      if (!(error instanceof KgovError && error.code === 'data_dir_locked') || Date.now() >= deadline) throw error;
      if (!told) {
        process.stderr.write(`kgov: ${message('lock.waiting', { pid: String(error.params.pid), seconds })}\n`);
        told = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 150));
    }
  }
}

async function checkpointAudit(database: Database, config: KgovConfig): Promise<void> {
  try {
    await writeAuditCheckpoint(database, auditCheckpointFile(config));
  } catch (error) {
    const detail = error instanceof KgovError ? `[${error.code}] ${error.localizedMessage(language)}` : (error as Error).message;
    process.stderr.write(`kgov: ${message('audit.checkpointWarning', { detail })}\n`);
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * For commands that answer many queries (`search --jsonl`, `eval retrieval`): the lexical index of `tenantId` is
 * also kept in memory while `work` runs (`search.memoryIndex`). With `warm`, it is loaded before the first query, so
 * every query takes the same path; without, queries go to SQL until it has loaded in the background.
 */
export async function withMemoryIndex<T>(database: Database, config: KgovConfig, tenantId: string, options: { warm: boolean }, work: () => Promise<T>): Promise<T> {
  if (config.search.memoryIndex.maxPostings === 0) return work();
  const index = attachMemoryIndex(database, config.search.memoryIndex);
  try {
    if (options.warm) await index.warm(tenantId);
    return await work();
  } finally {
    await detachMemoryIndex(database);
  }
}
