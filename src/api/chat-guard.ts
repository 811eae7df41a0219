import {
  auditWriterGuardAuditSink, defaultGuardChecks, parseGuardPolicy, runGuardChain, strictestVerdict, toGuardAuditEvent,
  type GuardAuditSink, type GuardCheck, type GuardDecision, type GuardPolicy, type GuardZone,
} from '../guard/index.js';
import type { AuditWriter } from '../audit/index.js';
import { KgovError, type KgovConfig } from '../core/index.js';
import type { ChatMessage, ModelRouter } from '../models/index.js';
import { routerJudgeModel } from './judge-model.js';

export type TenantGuard = {
  policy: GuardPolicy;
  checks: GuardCheck[];
  /** The same chain without the LLM judge: for texts that are not requests (embedding inputs). */
  checksWithoutJudge: GuardCheck[];
};

export type GuardRuntime = {
  forTenant(tenantId: string): TenantGuard;
  audit: GuardAuditSink;
};

/**
 * Builds the guards from the configuration: `default` for every tenant, `tenants.ID` merged over it. Validates
 * every policy at start (a bad policy stops the server), and builds a tenant's judge on the router's internal
 * models only (`config_invalid` otherwise). Exported for the CLI, which builds the same guards for one tenant.
 */
export function buildTenantGuards(config: KgovConfig, models: ModelRouter | undefined): { fallback: TenantGuard; perTenant: Map<string, TenantGuard> } {
  const build = (value: unknown, source: string): TenantGuard => {
    const parsed = parseGuardPolicy(value);
    if (!parsed.ok) throw new KgovError('config_invalid', { source, detail: parsed.issues.join('; ') });
    const policy = parsed.policy;
    const checks = defaultGuardChecks(policy, { judgeModel: routerJudgeModel(models, `${source}.checks.judge`) });
    return { policy, checks, checksWithoutJudge: checks.filter((check) => !check.expensive) };
  };
  const fallback = build(config.guard.default ?? {}, 'guard.default');
  const perTenant = new Map<string, TenantGuard>();
  for (const [tenantId, value] of Object.entries(config.guard.tenants)) {
    perTenant.set(tenantId, build({ ...(config.guard.default ?? {}), ...value }, `guard.tenants.${tenantId}`));
  }
  return { fallback, perTenant };
}

/** The guards of every tenant, built once at start, and where their decisions are audited. */
export function createGuardRuntime(config: KgovConfig, audit: AuditWriter, models?: ModelRouter): GuardRuntime {
  const { fallback, perTenant } = buildTenantGuards(config, models);
  return { forTenant: (tenantId) => perTenant.get(tenantId) ?? fallback, audit: auditWriterGuardAuditSink(audit) };
}

/**
 * Runs the input chain over every message that carries text, for the zone the call will go to. A
 * block anywhere refuses the whole request; masking (PII outside the agency) rewrites the messages
 * that are sent on. Returns the messages to send and how many findings were masked.
 */
export async function guardChatInput(
  runtime: GuardRuntime,
  input: { tenantId: string; actor: string; zone: GuardZone; messages: readonly ChatMessage[]; judge?: boolean },
): Promise<{ messages: ChatMessage[]; masked: number }> {
  const guard = runtime.forTenant(input.tenantId);
  const checks = input.judge === false ? guard.checksWithoutJudge : guard.checks;
  const messages: ChatMessage[] = [];
  const decisions: GuardDecision[] = [];
  let masked = 0;
  for (const message of input.messages) {
    if (!message.content) {
      messages.push(message);
      continue;
    }
    const decision = await runGuardChain({
      checks, policy: guard.policy,
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
