export {
  allowedTransitions, licensedArtifacts, modelNamePattern, modelStages, modelStatuses, stageFollows,
  type LicensedArtifact, type ModelLicence, type ModelStage, type ModelStatus, type ModelStatusChange, type ModelVersion,
} from './model-version.js';
export { registerModelVersion, type RegisterModelInput } from './register-model-version.js';
export { changeModelStatus, modelStatusHistory, type StatusChangeResult } from './change-model-status.js';
export { getModelVersion, listModelVersions, type ModelVersionDetail } from './read-model-versions.js';
