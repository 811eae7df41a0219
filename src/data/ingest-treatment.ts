import type { Grade } from '../auth/index.js';
import { configSchema, type KgovConfig } from '../core/index.js';

/**
 * What ingestion does to a tenant's documents besides parsing: cleaning thresholds, duplicates, and the
 * personal-data policy. Taken from `ingest.cleaning` and `ingest.pii` of the configuration; plain data,
 * because it crosses into the parser worker threads.
 */
export type IngestSettings = KgovConfig['ingest'];
export type CleaningSettings = IngestSettings['cleaning'];
export type PiiPolicy = IngestSettings['pii']['default'];
export type PiiTreatment = PiiPolicy['public'];

export type IngestTreatment = { cleaning: CleaningSettings; pii: PiiPolicy };

/** The configuration's defaults, for callers without a configuration (tests, scripts). */
export const defaultIngestTreatment: IngestTreatment = Object.freeze(treatmentFor(configSchema.shape.ingest.parse(undefined), ''));

export function treatmentFor(settings: IngestSettings, tenantId: string): IngestTreatment {
  return { cleaning: settings.cleaning, pii: settings.pii.tenants[tenantId] ?? settings.pii.default };
}

export function piiTreatmentFor(policy: PiiPolicy, grade: Grade): PiiTreatment {
  return policy[grade];
}
