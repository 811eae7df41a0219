import {
  auditWriterGuardAuditSink, defaultGuardChecks, parseGuardPolicy, runGuardChain, strictestVerdict, toGuardAuditEvent,
  type GuardAuditSink, type GuardCheck, type GuardDecision, type GuardPolicy, type GuardZone,
} from '../guard/index.js';
import type { AuditWriter } from '../audit/index.js';
import { KgovError, type KgovConfig } from '../core/index.js';
import type { ChatMessage } from '../models/index.js';

export type TenantGuard = { policy: GuardPolicy; checks: GuardCheck[] };

export type GuardRuntime = {
  forTenant(tenantId: string): TenantGuard;
  audit: GuardAuditSink;
};

/** Validates every configured policy at start-up (a bad policy stops the server) and builds checks once per tenant. */
export function createGuardRuntime(config: KgovConfig, audit: AuditWriter): GuardRuntime {
  const parse = (value: unknown, source: string): GuardPolicy => {
    const parsed = parseGuardPolicy(value);
    if (!parsed.ok) throw new KgovError('config_invalid', { source, detail: parsed.issues.join('; ') });
    return parsed.policy;
  };
  const fallback = parse(config.guard.default ?? {}, 'guard.default');
  const fallbackGuard: TenantGuard = { policy: fallback, checks: defaultGuardChecks(fallback) };
  const perTenant = new Map<string, TenantGuard>();
  for (const [tenantId, value] of Object.entries(config.guard.tenants)) {
    const policy = parse({ ...(config.guard.default ?? {}), ...value }, `guard.tenants.${tenantId}`);
    perTenant.set(tenantId, { policy, checks: defaultGuardChecks(policy) });
  }
  return { forTenant: (tenantId) => perTenant.get(tenantId) ?? fallbackGuard, audit: auditWriterGuardAuditSink(audit) };
}

/**
 * Runs the input chain over every message that carries text, for the zone the call will go to. A
 * block anywhere refuses the whole request; masking (PII outside the agency) rewrites the messages
 * that are sent on. Returns the messages to send and how many findings were masked.
 */
export async function guardChatInput(
  runtime: GuardRuntime,
  input: { tenantId: string; actor: string; zone: GuardZone; messages: readonly ChatMessage[] },
): Promise<{ messages: ChatMessage[]; masked: number }> {
  const guard = runtime.forTenant(input.tenantId);
  const messages: ChatMessage[] = [];
  const decisions: GuardDecision[] = [];
  let masked = 0;
  for (const message of input.messages) {
    if (!message.content) {
      messages.push(message);
      continue;
    }
    const decision = await runGuardChain({
      checks: guard.checks, policy: guard.policy,
      input: { text: message.content, zone: input.zone, direction: 'input', tenantId: input.tenantId },
    });
    decisions.push(decision);
    if (decision.verdict !== 'block' && decision.text !== message.content) masked++;
    messages.push({ ...message, content: decision.text ?? message.content });
  }
  // One audit record for the whole request (not one per message): same facts, a fraction of the writes.
  const combined: GuardDecision = {
    verdict: strictestVerdict(decisions.map((decision) => decision.verdict)),
    categories: [...new Set(decisions.flatMap((decision) => decision.categories))],
    results: decisions.flatMap((decision) => decision.results),
    durationMs: decisions.reduce((sum, decision) => sum + decision.durationMs, 0),
  };
  await runtime.audit(toGuardAuditEvent(combined, {
    tenantId: input.tenantId, actor: input.actor, direction: 'input', zone: input.zone,
    textLength: input.messages.reduce((sum, message) => sum + (message.content?.length ?? 0), 0),
  }));
  if (combined.verdict === 'block') throw new KgovError('guard_blocked', { categories: combined.categories.join(', ') });
  return { messages, masked };
}

/** The output chain over a whole answer: masked text, or a refusal when the policy blocks it. */
export async function guardChatOutput(runtime: GuardRuntime, input: { tenantId: string; actor: string; zone: GuardZone; text: string }): Promise<string> {
  const guard = runtime.forTenant(input.tenantId);
  const decision = await runGuardChain({
    checks: guard.checks, policy: guard.policy,
    input: { text: input.text, zone: input.zone, direction: 'output', tenantId: input.tenantId },
    audit: { sink: runtime.audit, actor: input.actor },
  });
  if (decision.verdict === 'block') throw new KgovError('guard_blocked', { categories: decision.categories.join(', ') });
  return decision.text ?? input.text;
}
