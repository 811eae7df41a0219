import type { AuditEvent, AuditWriter } from '../audit/index.js';
import type { GuardAuditEvent, GuardAuditSink } from './guard-audit.js';

function guardAuditRecord(event: GuardAuditEvent): AuditEvent {
  const { tenantId, actor, verdict, ...detail } = event;
  return {
    tenantId,
    actor,
    action: 'guard.decided',
    target: `${event.direction}:${event.zone}`,
    outcome: verdict === 'block' ? 'denied' : 'success',
    detail: { verdict, ...detail },
  };
}

/**
 * Audits through a group-committing writer (the gateway's path). A block waits for its record to
 * commit before the caller is refused; an allowed or cautioned decision is written behind the
 * request, and a writer that cannot store records makes the gateway refuse new requests
 * (`AuditWriter.assertHealthy`), so no request goes unaudited for longer than one failed write.
 */
export function auditWriterGuardAuditSink(writer: AuditWriter): GuardAuditSink {
  return async (event) => {
    const written = writer.append(guardAuditRecord(event));
    if (event.verdict === 'block') await written;
    else written.catch(() => undefined); // the writer keeps the failure and refuses later requests
  };
}
