import type { GuardCategory, GuardDecision, GuardDirection, GuardVerdict, GuardZone } from './guard-types.js';

/**
 * What the audit log learns about one decision: verdicts, categories and counts per finding kind — never the text
 * or a matched value, so the audit log does not become a second copy of the personal data it protects.
 */
export type GuardAuditEvent = {
  tenantId: string | null;
  actor: string;
  direction: GuardDirection;
  zone: GuardZone;
  verdict: GuardVerdict;
  categories: GuardCategory[];
  /** `{ "pii:KR_RRN": 2, "classified:marking": 1 }` */
  findingCounts: Record<string, number>;
  checks: { check: string; verdict: GuardVerdict; durationMs: number }[];
  textLength: number;
};

/** Where decisions go. Injected, so the chain runs with the audit log (`auditWriterGuardAuditSink`), in memory, or without. */
export type GuardAuditSink = (event: GuardAuditEvent) => void | Promise<void>;

export function toGuardAuditEvent(
  decision: GuardDecision,
  context: { tenantId: string | null; actor: string; direction: GuardDirection; zone: GuardZone; textLength: number },
): GuardAuditEvent {
  const findingCounts: Record<string, number> = {};
  for (const result of decision.results) {
    for (const finding of result.findings) {
      const key = `${finding.category}:${finding.kind}`;
      findingCounts[key] = (findingCounts[key] ?? 0) + 1;
    }
  }
  return {
    ...context,
    verdict: decision.verdict,
    categories: decision.categories,
    findingCounts,
    checks: decision.results.map(({ check, verdict, durationMs }) => ({ check, verdict, durationMs: round(durationMs) })),
  };
}

/** Keeps events in an array: for tests and for the CLI, which has no database. */
export function memoryGuardAuditSink(): GuardAuditSink & { events: GuardAuditEvent[] } {
  const events: GuardAuditEvent[] = [];
  const sink = (event: GuardAuditEvent) => {
    events.push(event);
  };
  return Object.assign(sink, { events });
}

const round = (milliseconds: number) => Math.round(milliseconds * 1000) / 1000;
