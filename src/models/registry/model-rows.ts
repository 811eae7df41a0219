import type { Queryable } from '../../store/index.js';
import type { LicensedArtifact, ModelLicence, ModelStage, ModelStatus, ModelVersion } from './model-version.js';

type VersionRow = {
  name: string; stage: ModelStage; parent_name: string | null; status: ModelStatus; served_as: string | null; artifact_uri: string | null;
  sha256: string | null; description: string | null; created_by: string; created_at: Date | string; updated_at: Date | string;
};
type LicenceRow = { model_name: string; artifact: LicensedArtifact; licence: string; commercial_use: boolean; source: string | null };

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** Reads versions with their licences in two queries (not one per version). */
export async function selectModelVersions(database: Queryable, where: { name?: string; status?: ModelStatus } = {}): Promise<ModelVersion[]> {
  const rows = await database.query<VersionRow>(
    `SELECT * FROM model_versions WHERE ($1::text IS NULL OR name = $1) AND ($2::text IS NULL OR status = $2) ORDER BY created_at, name`,
    [where.name ?? null, where.status ?? null],
  );
  if (rows.length === 0) return [];
  const licences = await database.query<LicenceRow>(
    'SELECT * FROM model_licences WHERE model_name = ANY($1::text[]) ORDER BY model_name, artifact', [rows.map((row) => row.name)],
  );
  const byModel = new Map<string, ModelLicence[]>();
  for (const licence of licences) {
    const list = byModel.get(licence.model_name) ?? [];
    list.push({ artifact: licence.artifact, licence: licence.licence, commercialUse: licence.commercial_use, source: licence.source });
    byModel.set(licence.model_name, list);
  }
  return rows.map((row) => ({
    name: row.name, stage: row.stage, parentName: row.parent_name, status: row.status, servedAs: row.served_as, artifactUri: row.artifact_uri,
    sha256: row.sha256, description: row.description, licences: byModel.get(row.name) ?? [], createdBy: row.created_by,
    createdAt: toDate(row.created_at), updatedAt: toDate(row.updated_at),
  }));
}
