import { authorize, type Principal } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import type { Queryable } from '../../store/index.js';
import { modelStatusHistory } from './change-model-status.js';
import { selectModelVersions } from './model-rows.js';
import type { ModelStatus, ModelStatusChange, ModelVersion } from './model-version.js';

export async function listModelVersions(database: Queryable, principal: Principal, filter: { status?: ModelStatus } = {}): Promise<ModelVersion[]> {
  authorize(principal, 'models.manage');
  return selectModelVersions(database, filter);
}

export type ModelVersionDetail = ModelVersion & {
  /** Ancestors from the base model down to this version's parent. */
  lineage: { name: string; stage: ModelVersion['stage'] }[];
  history: ModelStatusChange[];
};

/** One version with its lineage (walked up to the base; cycles are impossible, parents must exist first) and history. */
export async function getModelVersion(database: Queryable, principal: Principal, name: string): Promise<ModelVersionDetail> {
  authorize(principal, 'models.manage');
  const [version] = await selectModelVersions(database, { name });
  if (!version) throw new KgovError('model_version_not_found', { name });
  const lineage = await database.query<{ name: string; stage: ModelVersion['stage'] }>(
    `WITH RECURSIVE ancestors(name, stage, parent_name, depth) AS (
       SELECT name, stage, parent_name, 0 FROM model_versions WHERE name = $1
       UNION ALL
       SELECT parent.name, parent.stage, parent.parent_name, ancestors.depth + 1
       FROM model_versions parent JOIN ancestors ON parent.name = ancestors.parent_name
     )
     SELECT name, stage FROM ancestors WHERE depth > 0 ORDER BY depth DESC`,
    [name],
  );
  return { ...version, lineage, history: await modelStatusHistory(database, name) };
}
