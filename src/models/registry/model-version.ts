/**
 * A model version in the registry. Vocabulary from the report: a base model is adapted to a domain,
 * instruction-tuned (SFT), aligned (RLHF or DPO) and quantized for serving; each step is a new
 * version whose parent is the step before (`KGov-LLM-13B` → `KGov-LLM-13B-science` → … →
 * `KGov-LLM-13B-science-gptq-peft`).
 */
export const modelStages = ['base', 'domain-adapted', 'sft', 'rlhf', 'dpo', 'quantized'] as const;
export type ModelStage = (typeof modelStages)[number];

export const modelStatuses = ['candidate', 'staged', 'production', 'retired'] as const;
export type ModelStatus = (typeof modelStatuses)[number];

export const licensedArtifacts = ['code', 'weights', 'data'] as const;
export type LicensedArtifact = (typeof licensedArtifacts)[number];

/** Where a stage sits in the pipeline; a child must come later than its parent. RLHF and DPO are alternatives. */
const stageOrder: Record<ModelStage, number> = { base: 0, 'domain-adapted': 1, sft: 2, rlhf: 3, dpo: 3, quantized: 4 };

export function stageFollows(parent: ModelStage, child: ModelStage): boolean {
  return stageOrder[child] > stageOrder[parent];
}

/**
 * Release transitions. Every version is tested while `staged` before it can serve (the report's
 * "test before release"); production goes back to staged (rollback keeps it ready) or retires; a
 * retired version can be staged again to roll back to it, through the same gate.
 */
export const allowedTransitions: Record<ModelStatus, readonly ModelStatus[]> = {
  candidate: ['staged', 'retired'],
  staged: ['production', 'candidate', 'retired'],
  production: ['staged', 'retired'],
  retired: ['staged'],
};

export type ModelLicence = { artifact: LicensedArtifact; licence: string; commercialUse: boolean; source: string | null };

export type ModelVersion = {
  name: string;
  stage: ModelStage;
  parentName: string | null;
  status: ModelStatus;
  /** The model id the gateway routes to this version (a provider's `models` entry), if it serves. */
  servedAs: string | null;
  artifactUri: string | null;
  sha256: string | null;
  description: string | null;
  licences: ModelLicence[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
};

export type ModelStatusChange = { from: ModelStatus | null; to: ModelStatus; actor: string; note: string | null; at: Date };

/** The report's names: letters, digits, '.', '-', '_'; case kept (`KGov-LLM-13B-science-gptq-peft`). */
export const modelNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{1,127}$/;
