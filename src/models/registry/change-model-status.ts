import { appendAudit } from '../../audit/index.js';
import { actorOf, authorize, type Principal } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import type { Database, Queryable } from '../../store/index.js';
import { selectModelVersions } from './model-rows.js';
import { allowedTransitions, licensedArtifacts, type ModelStatus, type ModelStatusChange, type ModelVersion } from './model-version.js';

export type StatusChangeResult = { version: ModelVersion; replaced: string | null };

/**
 * Moves a version along its release path (`allowedTransitions`). Going to production needs the
 * licence of every artifact on record (an agency must be able to show what it may use, and whether
 * commercially) and replaces the current production version of the same served model id, which
 * goes back to `staged`. The change, the replacement and the `model.promoted` audit record commit
 * together or not at all.
 */
export async function changeModelStatus(
  database: Database, principal: Principal, input: { name: string; to: ModelStatus; note?: string | undefined },
): Promise<StatusChangeResult> {
  authorize(principal, 'models.manage');
  const actor = actorOf(principal);
  return database.transaction(async (tx) => {
    const [locked] = await tx.query<{ status: ModelStatus; served_as: string | null }>(
      'SELECT status, served_as FROM model_versions WHERE name = $1 FOR UPDATE', [input.name]);
    if (!locked) throw new KgovError('model_version_not_found', { name: input.name });
    const allowed = allowedTransitions[locked.status];
    if (!allowed.includes(input.to)) {
      throw new KgovError('model_transition_invalid', { name: input.name, from: locked.status, to: input.to, allowed: allowed.join(', ') || '-' });
    }
    let replaced: string | null = null;
    if (input.to === 'production') {
      const [current] = await selectModelVersions(tx, { name: input.name });
      const missing = licensedArtifacts.filter((artifact) => !current!.licences.some((licence) => licence.artifact === artifact));
      if (missing.length > 0) throw new KgovError('model_licence_missing', { name: input.name, artifacts: missing.join(', ') });
      if (locked.served_as) replaced = await demoteCurrentProduction(tx, { servedAs: locked.served_as, actor, by: input.name });
    }
    await tx.query('UPDATE model_versions SET status = $2, updated_at = now() WHERE name = $1', [input.name, input.to]);
    await recordChange(tx, { name: input.name, from: locked.status, to: input.to, actor, note: input.note ?? null });
    if (input.to === 'production') {
      await appendAudit(tx, {
        tenantId: null, actor, action: 'model.promoted', target: `model:${input.name}`,
        detail: { from: locked.status, servedAs: locked.served_as, replaced, ...(input.note ? { note: input.note } : {}) },
      });
    }
    return { version: (await selectModelVersions(tx, { name: input.name }))[0]!, replaced };
  });
}

async function demoteCurrentProduction(tx: Queryable, input: { servedAs: string; actor: string; by: string }): Promise<string | null> {
  const [current] = await tx.query<{ name: string }>(
    "SELECT name FROM model_versions WHERE served_as = $1 AND status = 'production' FOR UPDATE", [input.servedAs]);
  if (!current) return null;
  await tx.query("UPDATE model_versions SET status = 'staged', updated_at = now() WHERE name = $1", [current.name]);
  await recordChange(tx, { name: current.name, from: 'production', to: 'staged', actor: input.actor, note: `replaced by ${input.by}` });
  return current.name;
}

async function recordChange(tx: Queryable, change: { name: string; from: ModelStatus; to: ModelStatus; actor: string; note: string | null }): Promise<void> {
  await tx.query('INSERT INTO model_status_changes (model_name, from_status, to_status, actor, note) VALUES ($1, $2, $3, $4, $5)',
    [change.name, change.from, change.to, change.actor, change.note]);
}

/** The release history of one version, oldest first. */
export async function modelStatusHistory(database: Queryable, name: string): Promise<ModelStatusChange[]> {
  const rows = await database.query<{ from_status: ModelStatus | null; to_status: ModelStatus; actor: string; note: string | null; at: Date | string }>(
    'SELECT from_status, to_status, actor, note, at FROM model_status_changes WHERE model_name = $1 ORDER BY id', [name]);
  return rows.map((row) => ({ from: row.from_status, to: row.to_status, actor: row.actor, note: row.note, at: row.at instanceof Date ? row.at : new Date(row.at) }));
}
