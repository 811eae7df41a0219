import { recordAudit } from '../audit/index.js';
import type { Database } from '../store/index.js';
import type { GuardAuditSink } from './guard-audit.js';

/** Audits every decision in the hash-chained log, in its own transaction (a guard decision has no act to join). */
export function databaseGuardAuditSink(database: Database): GuardAuditSink {
  return async (event) => {
    const { tenantId, actor, verdict, ...detail } = event;
    await recordAudit(database, {
      tenantId,
      actor,
      action: 'guard.decided',
      target: `${event.direction}:${event.zone}`,
      outcome: verdict === 'block' ? 'denied' : 'success',
      detail: { verdict, ...detail },
    });
  };
}
