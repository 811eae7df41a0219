export * from './guard-types.js';
export {
  checkSettingsFor, defaultGuardPolicy, guardCheckNames, guardPolicySchema, judgeSettingsFor, parseGuardPolicy, withCheckTimeouts, type GuardPolicy, type JudgeSettings, type PolicyParseResult,
} from './guard-policy.js';
export { memoryGuardAuditSink, toGuardAuditEvent, type GuardAuditEvent, type GuardAuditSink } from './guard-audit.js';
export { auditWriterGuardAuditSink } from './audit-writer-sink.js';
export { runGuardChain, type RunGuardChainOptions } from './run-guard-chain.js';
export { guardRefusal } from './guard-refusal.js';
export { defaultGuardChecks, type DefaultGuardCheckOptions } from './default-checks.js';
export { classifiedCheck } from './checks/classified-check.js';
export { domainCheck } from './checks/domain-check.js';
export { fingerprintCheck } from './checks/fingerprint-check.js';
export { injectionCheck } from './checks/injection-check.js';
export { judgeCheck, type JudgeModel } from './checks/judge-check.js';
export { buildJudgePrompt, judgeCategories, type JudgePrompt } from './checks/judge-prompt.js';
export { parseJudgeReply } from './checks/judge-reply.js';
export { linksCheck } from './checks/links-check.js';
export { piiCheck } from './checks/pii-check.js';
export { detectPii, piiLabels, PseudonymVault } from './pii/index.js';
export { safetyCheck } from './checks/safety-check.js';
export { secretsCheck } from './checks/secrets-check.js';
export { MemoryFingerprintIndex, type DocumentFingerprintIndex, type FingerprintMatch } from './fingerprints/document-fingerprints.js';
export { scanChunkForInjection, type ChunkScan } from './scan-chunk-for-injection.js';
export { createOutputStreamGuard, type GuardedStreamPart, type OutputStreamGuard } from './output/output-stream-guard.js';
export { SafetyClassifier, type SafetyScores } from './classifier/safety-classifier.js';
