import { appendAudit } from '../../audit/index.js';
import { actorOf, authorize, type Principal } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import type { Database, Queryable } from '../../store/index.js';
import { selectModelVersions } from './model-rows.js';
import { modelNamePattern, stageFollows, type ModelLicence, type ModelStage, type ModelVersion } from './model-version.js';

export type RegisterModelInput = {
  name: string;
  stage: ModelStage;
  parentName?: string | null | undefined;
  servedAs?: string | null | undefined;
  artifactUri?: string | null | undefined;
  sha256?: string | null | undefined;
  description?: string | null | undefined;
  licences?: readonly ModelLicence[] | undefined;
};

/**
 * Registers a version as a `candidate` (what comes back from a training job, or a downloaded base
 * model). Lineage is checked here: a base model has no parent; every other stage names an existing
 * parent from an earlier stage, so the chain always reads base → … → quantized.
 */
export async function registerModelVersion(database: Database, principal: Principal, input: RegisterModelInput): Promise<ModelVersion> {
  authorize(principal, 'models.manage');
  if (!modelNamePattern.test(input.name)) {
    throw new KgovError('model_lineage_invalid', { detail: `'${input.name}': 영문·숫자·'.'·'-'·'_' 2~128자 / 2-128 letters, digits, '.', '-', '_'` }, { param: 'name' });
  }
  const parentName = input.parentName ?? null;
  if (input.stage === 'base' && parentName) throw new KgovError('model_lineage_invalid', { detail: 'base 모델에는 parent가 없습니다 / a base model has no parent' }, { param: 'parent' });
  if (input.stage !== 'base' && !parentName) throw new KgovError('model_lineage_invalid', { detail: `${input.stage} 모델에는 parent가 필요합니다 / a ${input.stage} model needs a parent` }, { param: 'parent' });
  if (input.sha256 && !/^[0-9a-f]{64}$/i.test(input.sha256)) {
    throw new KgovError('validation_failed', { detail: 'sha256: 16진수 64자 / 64 hex digits' }, { param: 'sha256' });
  }
  const artifacts = (input.licences ?? []).map((licence) => licence.artifact);
  if (new Set(artifacts).size !== artifacts.length) throw new KgovError('model_lineage_invalid', { detail: 'licence artifact repeated' }, { param: 'licence' });
  return database.transaction(async (tx) => {
    if (parentName) {
      const [parent] = await selectModelVersions(tx, { name: parentName });
      if (!parent) throw new KgovError('model_version_not_found', { name: parentName }, { param: 'parent' });
      if (!stageFollows(parent.stage, input.stage)) {
        throw new KgovError('model_lineage_invalid', { detail: `${parent.stage} → ${input.stage}` }, { param: 'stage' });
      }
      // Fine-tuned, aligned or quantized weights are a derivative of the parent's: a non-commercial licence anywhere up
      // the lineage binds them, whatever licence the new artifact is published under.
      const claimed = (input.licences ?? []).find((licence) => licence.artifact === 'weights' && licence.commercialUse);
      const restricting = claimed ? await restrictingAncestor(tx, parent) : null;
      if (claimed && restricting) {
        throw new KgovError('model_licence_conflict', { name: input.name, ancestor: restricting.name, licence: restricting.licence }, { param: 'licence' });
      }
    }
    const inserted = await tx.query(
      `INSERT INTO model_versions (name, stage, parent_name, served_as, artifact_uri, sha256, description, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING RETURNING name`,
      [input.name, input.stage, parentName, input.servedAs ?? null, input.artifactUri ?? null, input.sha256?.toLowerCase() ?? null,
        input.description ?? null, actorOf(principal)],
    );
    if (inserted.length === 0) throw new KgovError('model_version_exists', { name: input.name });
    for (const licence of input.licences ?? []) {
      await tx.query('INSERT INTO model_licences (model_name, artifact, licence, commercial_use, source) VALUES ($1, $2, $3, $4, $5)',
        [input.name, licence.artifact, licence.licence, licence.commercialUse, licence.source]);
    }
    await tx.query('INSERT INTO model_status_changes (model_name, from_status, to_status, actor) VALUES ($1, NULL, $2, $3)',
      [input.name, 'candidate', actorOf(principal)]);
    // Models are platform-wide (no tenant); the record names lineage and licences so an auditor can trace a release.
    await appendAudit(tx, {
      tenantId: null, actor: actorOf(principal), action: 'model.registered', target: `model:${input.name}`,
      detail: { stage: input.stage, parent: parentName, sha256: input.sha256?.toLowerCase() ?? null, licences: (input.licences ?? []).map((licence) => `${licence.artifact}=${licence.licence}${licence.commercialUse ? '' : ':non-commercial'}`) },
    });
    return (await selectModelVersions(tx, { name: input.name }))[0]!;
  });
}

/** The nearest version up the lineage (from `parent`, itself included) whose weights may not be used commercially. */
async function restrictingAncestor(database: Queryable, parent: ModelVersion): Promise<{ name: string; licence: string } | null> {
  const seen = new Set<string>();
  for (let current: ModelVersion | undefined = parent; current && !seen.has(current.name); ) {
    seen.add(current.name);
    const weights = current.licences.find((licence) => licence.artifact === 'weights');
    if (weights && !weights.commercialUse) return { name: current.name, licence: weights.licence };
    current = current.parentName ? (await selectModelVersions(database, { name: current.parentName }))[0] : undefined;
  }
  return null;
}
