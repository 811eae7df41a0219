import { MemoryFingerprintIndex, type DocumentFingerprintIndex, type FingerprintMatch } from '../guard/index.js';
import type { Queryable } from '../store/index.js';

/**
 * Fingerprints of every active `restricted` chunk, for the guard's `fingerprints` check: a prompt that quotes a
 * restricted document is stopped before it reaches an external model. Loaded when the server starts (before it
 * answers anything) and kept current by polling: a cheap look at the search index's change counter every
 * `refreshMs`, and only when it moved, the restricted chunks' count and id sum; when those changed, the index is
 * rebuilt from the database. Documents ingested by another process (`kgov ingest`) are covered within `refreshMs`.
 *
 * Memory: one set entry per 12-character shingle of restricted text (about 1,200 per chunk). An agency whose
 * restricted collection runs to hundreds of thousands of chunks needs a database-side index instead; this one is
 * sized for restricted documents as the minority they are.
 */
export type RestrictedFingerprints = {
  index: DocumentFingerprintIndex;
  /** Reloads when the restricted chunks changed; returns whether it did. */
  refresh(): Promise<boolean>;
  close(): void;
};

type Signature = { chunks: number; idSum: string };

export async function loadRestrictedFingerprints(
  database: Queryable,
  options: { refreshMs: number; onError?: (error: unknown) => void },
): Promise<RestrictedFingerprints> {
  let current = new MemoryFingerprintIndex();
  let signature: Signature = { chunks: 0, idSum: '0' };
  let changeCounter: string | null = null;

  const readChangeCounter = async () => {
    const [row] = await database.query<{ counter: string }>('SELECT last_value::text AS counter FROM search_index_changes_seq_seq');
    return row?.counter ?? null;
  };
  const readSignature = async (): Promise<Signature> => {
    const [row] = await database.query<{ chunks: number; id_sum: string }>(
      "SELECT count(*)::int AS chunks, coalesce(sum(id), 0)::text AS id_sum FROM chunks WHERE grade = 'restricted' AND active");
    return { chunks: row?.chunks ?? 0, idSum: row?.id_sum ?? '0' };
  };
  const rebuild = async () => {
    const next = new MemoryFingerprintIndex();
    const rows = await database.query<{ document_id: string; tenant_id: string; text: string }>(
      "SELECT document_id, tenant_id, text FROM chunks WHERE grade = 'restricted' AND active ORDER BY id");
    for (const row of rows) next.add(row.document_id, row.text, row.tenant_id);
    current = next;
  };
  const refresh = async (): Promise<boolean> => {
    const counter = await readChangeCounter();
    if (counter === changeCounter && changeCounter !== null) return false;
    changeCounter = counter;
    const seen = await readSignature();
    if (seen.chunks === signature.chunks && seen.idSum === signature.idSum) return false;
    await rebuild();
    signature = seen;
    return true;
  };

  await refresh();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    refresh().catch((error: unknown) => options.onError?.(error)).finally(() => {
      running = false;
    });
  }, options.refreshMs);
  timer.unref();

  return {
    index: {
      add: (documentId, text, tenantId) => current.add(documentId, text, tenantId),
      remove: (documentId) => current.remove(documentId),
      match: (text, minimumShingles, tenantId): FingerprintMatch[] => current.match(text, minimumShingles, tenantId),
    },
    refresh,
    close: () => clearInterval(timer),
  };
}
