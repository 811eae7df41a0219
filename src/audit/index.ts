export { appendAudit, listAuditRecords, readAuditLog, recordAudit, type AuditFilter } from './audit-log.js';
export { genesisHash, hashRecord, type AuditAction, type AuditEvent, type AuditOutcome, type AuditRecord } from './audit-record.js';
export { verifyAuditLog, type AuditProblem, type AuditVerification } from './verify-audit.js';
export { appendAuditBatch, createAuditWriter, type AuditWriter, type AuditWriterOptions } from './audit-writer.js';
export { runWithAuditClient, type AuditClient } from './audit-client.js';
export { auditCheckpointFile, readAuditCheckpoint, startAuditCheckpoints, writeAuditCheckpoint, type AuditCheckpoint, type AuditCheckpointer } from './audit-checkpoint.js';
export { redactForReader, type DocumentAccess } from './redact-for-reader.js';
