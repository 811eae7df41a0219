import type { AuditRecord } from './audit-record.js';

/** Fields of a document's audit detail that name or identify it. */
const identifying = ['name', 'sha256', 'path', 'source'] as const;

/** Who may read a document: its grade and the groups it is shared with (empty: the whole tenant). */
export type DocumentAccess = { grade: string; sharedWith: readonly string[] };

/**
 * A record as a tenant's administrator may read it. The acts on a document they may not read — above their clearance,
 * or shared with groups they are not in — are listed (that something was ingested, deleted or shared, by whom and
 * when), but not which document: its name can itself be confidential (감사결과_징계대상_홍길동.hwp). `access` is the
 * document's as it stands (null when it is gone: then the record's own grade and sharing, and failing those, the
 * name is left out); `visible` is the reader's own read check. The stored record is unchanged (the chain is verified
 * on what was written); `redacted` lists what was left out.
 */
export function redactForReader(record: AuditRecord, access: DocumentAccess | null, visible: (access: DocumentAccess) => boolean): AuditRecord {
  const detail = record.detail;
  if (!record.action.startsWith('document.') || !identifying.some((key) => key in detail)) return record;
  const own = typeof detail.grade === 'string'
    ? { grade: detail.grade, sharedWith: Array.isArray(detail.sharedWith) ? detail.sharedWith.filter((group): group is string => typeof group === 'string') : [] }
    : null;
  const known = access ?? own;
  if (known && visible(known)) return record;
  const kept = Object.fromEntries(Object.entries(detail).filter(([key]) => !(identifying as readonly string[]).includes(key)));
  return { ...record, detail: { ...kept, redacted: identifying.filter((key) => key in detail) } };
}
