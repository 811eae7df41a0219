import {
  auditWriterGuardAuditSink, combineGuardDecisions, defaultGuardChecks, guardRefusal, withCheckTimeouts, parseGuardPolicy, runGuardChain, toGuardAuditEvent, uniqueCategories,
  type DocumentFingerprintIndex, type GuardAuditSink, type PseudonymVault, type GuardCheck, type GuardDecision, type GuardFinding, type GuardInput, type GuardPolicy, type GuardZone,
} from '../guard/index.js';
import type { AuditWriter } from '../audit/index.js';
import { KgovError, type KgovConfig } from '../core/index.js';
import type { ChatMessage, ModelRouter } from '../models/index.js';
import { createGuardOffload } from './guard-offload.js';
import { pseudonymiseMasked } from './chat-pseudonyms.js';
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
  /**
   * A tenant's chain over one text, not audited (the caller audits, once per request): a text of
   * `guard.offload.minCharacters` or more in a worker thread (then the LLM judge, if on, here), others on this thread.
   * `judge: false` leaves the judge out (texts that are not requests: embedding inputs).
   */
  run(tenantId: string, input: GuardInput, options?: { judge?: boolean }): Promise<GuardDecision>;
  /** Stops the worker threads. */
  close(): Promise<void>;
};

/**
 * Builds the guards from the configuration: `default` for every tenant, `tenants.ID` merged over it. Validates
 * every policy at start (a bad policy stops the server), and builds a tenant's judge on the router's internal
 * models only (`config_invalid` otherwise). Exported for the CLI, which builds the same guards for one tenant.
 */
export function buildTenantGuards(
  config: KgovConfig, models: ModelRouter | undefined, options: { withoutJudge?: boolean; fingerprints?: DocumentFingerprintIndex } = {},
): { fallback: TenantGuard; perTenant: Map<string, TenantGuard> } {
  const build = (value: unknown, source: string): TenantGuard => {
    const parsed = parseGuardPolicy(value);
    if (!parsed.ok) throw new KgovError('config_invalid', { source, detail: parsed.issues.join('; ') });
    const policy = parsed.policy;
    const checks = defaultGuardChecks(policy, {
      judgeModel: routerJudgeModel(models, `${source}.checks.judge`), withoutJudge: options.withoutJudge, fingerprints: options.fingerprints,
    });
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
export function createGuardRuntime(
  config: KgovConfig, audit: AuditWriter, models?: ModelRouter,
  options: {
    fingerprints?: DocumentFingerprintIndex;
    /**
     * Every check's time limit instead of the policy's. The limits keep one slow check from holding up a server's
     * other requests; a command line serves one person's one request, where a check that overran on a busy machine
     * would only refuse it (`kgov ask`, `kgov task`). Still fail closed past it.
     */
    checkTimeoutMs?: number;
  } = {},
): GuardRuntime {
  const { fallback, perTenant } = buildTenantGuards(config, models, { fingerprints: options.fingerprints });
  const limited = new Map<TenantGuard, TenantGuard>();
  const withLimit = (guard: TenantGuard): TenantGuard => {
    if (options.checkTimeoutMs === undefined) return guard;
    let found = limited.get(guard);
    if (!found) limited.set(guard, (found = { ...guard, policy: withCheckTimeouts(guard.policy, options.checkTimeoutMs) }));
    return found;
  };
  const forTenant = (tenantId: string) => withLimit(perTenant.get(tenantId) ?? fallback);
  const { workers, minCharacters, timeoutMs } = config.guard.offload;
  const offload = workers > 0 ? createGuardOffload(config, { workers, timeoutMs }) : undefined;
  return {
    forTenant,
    audit: auditWriterGuardAuditSink(audit),
    async run(tenantId, input, options = {}) {
      const guard = forTenant(tenantId);
      const checks = options.judge === false ? guard.checksWithoutJudge : guard.checks;
      if (!offload || input.text.length < minCharacters) return runGuardChain({ checks, policy: guard.policy, input });
      // What the workers cannot run stays here: the restricted documents' fingerprints (they live in this process's
      // memory) read the text as given, before the worker's chain; the judge (a model call) runs after it.
      const here = checks.filter((check) => check.name === 'fingerprints');
      const fingerprinted = here.length > 0 ? [await runGuardChain({ checks: here, policy: guard.policy, input })] : [];
      const offloaded = await offload.run(tenantId, input);
      // The judge runs last in the chain and never after a block, so running it here after the worker's part is the same chain.
      const rest = checks.filter((check) => check.expensive);
      const decided = [...fingerprinted, offloaded];
      if (rest.length === 0 || decided.some((decision) => decision.verdict === 'block')) return combineGuardDecisions(decided);
      const judged = await runGuardChain({ checks: rest, policy: guard.policy, input: { ...input, text: offloaded.text ?? input.text } });
      return combineGuardDecisions([...decided, judged]);
    },
    close: async () => offload?.close(),
  };
}

/**
 * Runs the input chain over every message that carries text, for the zone the call will go to. A
 * block anywhere refuses the whole request; masking (PII outside the agency) rewrites the messages
 * that are sent on. Returns the messages to send and how many findings were masked.
 */
export async function guardChatInput(
  runtime: GuardRuntime,
  input: {
    tenantId: string; actor: string; zone: GuardZone; messages: readonly ChatMessage[]; judge?: boolean;
    /** Other texts that reach the model (`side-texts.ts`), and where each is in the request. */
    sideTexts?: readonly string[]; sideTextParams?: readonly string[];
    /** Where the texts given as `messages` are in the request, when they are not a chat's (embeddings' `input[i]`). */
    messageParam?: (index: number) => string; messagesParam?: string;
    /** The request's vault when the tenant masks with pseudonyms (`chat-pseudonyms.ts`): its texts numbered together. */
    pseudonyms?: PseudonymVault;
  },
): Promise<{ messages: ChatMessage[]; sideTexts: string[]; masked: number }> {
  const minScore = runtime.forTenant(input.tenantId).policy.pii.minScore;
  // What is sent on: the chain's masking, numbered across the request's texts when the tenant masks with pseudonyms.
  const sent = (original: string, decision: GuardDecision) => {
    const text = decision.text ?? original;
    return input.pseudonyms && text !== original && decision.categories.includes('pii') ? pseudonymiseMasked(original, text, input.pseudonyms, minScore) : text;
  };
  const messages: ChatMessage[] = [];
  const decisions: GuardDecision[] = [];
  let masked = 0;
  // Which message was refused (OpenAI's `param`): in a chat the whole history is sent again, so a caller must be able
  // to tell an earlier message from the new one.
  let blockedParam: string | undefined;
  for (const [index, message] of input.messages.entries()) {
    if (!message.content) {
      messages.push(message);
      continue;
    }
    const decision = await runtime.run(input.tenantId, { text: message.content, zone: input.zone, direction: 'input', tenantId: input.tenantId }, { judge: input.judge });
    decisions.push(decision);
    if (decision.verdict === 'block') blockedParam ??= input.messageParam?.(index) ?? `messages[${index}].content`;
    if (decision.verdict !== 'block' && decision.text !== message.content) masked++;
    messages.push({ ...message, content: sent(message.content, decision) });
  }
  // A quotation cut into several messages (each too short to count) is still a quotation: the restricted documents'
  // fingerprints read the messages joined too. Only that check; the others judged each message already.
  const texts = input.messages.flatMap((message) => (message.content ? [message.content] : []));
  if (texts.length > 1) {
    const tenant = runtime.forTenant(input.tenantId);
    const fingerprints = tenant.checks.filter((check) => check.name === 'fingerprints');
    if (fingerprints.length > 0) {
      const joined = await runGuardChain({ checks: fingerprints, policy: tenant.policy, input: { text: texts.join('\n'), zone: input.zone, direction: 'input', tenantId: input.tenantId } });
      decisions.push(joined);
      if (joined.verdict === 'block') blockedParam ??= input.messagesParam ?? 'messages';
    }
  }
  // A personal-data value, a credential or a marking cut across messages (010-1234 | -5678; 비밀번호는 | Hunter2!) is
  // whole again in the model's context. Outside the agency the messages as they would be sent are read joined
  // (`splitValues`), and what the join makes refuses the request: neither part alone can be masked as the value.
  if (input.zone === 'external') {
    const split = await splitValues(runtime, input.tenantId, messages);
    if (split) {
      decisions.push(split);
      if (split.verdict === 'block') blockedParam ??= input.messagesParam ?? 'messages';
    }
  }
  // Names, stop strings and task options reach the model too (`side-texts.ts`): the same chain, the same audit record.
  const sideTexts: string[] = [];
  for (const [index, text] of (input.sideTexts ?? []).entries()) {
    const decision = await runtime.run(input.tenantId, { text, zone: input.zone, direction: 'input', tenantId: input.tenantId }, { judge: input.judge });
    decisions.push(decision);
    if (decision.verdict === 'block') blockedParam ??= input.sideTextParams?.[index];
    if (decision.verdict !== 'block' && decision.text !== text) masked++;
    sideTexts.push(sent(text, decision));
  }
  // One audit record for the whole request (not one per message): same facts, a fraction of the writes.
  const combined = combineGuardDecisions(decisions);
  delete combined.text;
  await runtime.audit(toGuardAuditEvent(combined, {
    tenantId: input.tenantId, actor: input.actor, direction: 'input', zone: input.zone,
    textLength: input.messages.reduce((sum, message) => sum + (message.content?.length ?? 0), 0)
      + (input.sideTexts ?? []).reduce((sum, text) => sum + text.length, 0),
  }));
  if (combined.verdict === 'block') throw guardRefusal(combined.categories, blockedParam);
  return { messages, sideTexts, masked };
}

/**
 * The personal-data, credential and classified checks over the messages as they would be sent, joined. Every value a
 * check finds in one message is already masked or refused there, so a finding in the joined text is one the join
 * made: a value cut across messages (010-2345 | -6789), a label and its value apart (비밀번호는 | Hunter2024!), a
 * marking cut in two (대외 | 비). Joined with nothing and with a space between (a cut inside a number, a cut between
 * words), over all messages and over the user's alone (a reply put between the pieces, "네", hides nothing).
 */
async function splitValues(runtime: GuardRuntime, tenantId: string, messages: readonly ChatMessage[]): Promise<GuardDecision | null> {
  const tenant = runtime.forTenant(tenantId);
  const valueChecks = tenant.checks.filter((check) => check.name === 'pii' || check.name === 'secrets' || check.name === 'classified');
  const all = messages.flatMap((message) => (message.content ? [message.content] : []));
  const users = messages.flatMap((message) => (message.role === 'user' && message.content ? [message.content] : []));
  if (valueChecks.length === 0 || all.length < 2) return null;
  const views = new Set([all.join(''), all.join(' ')]);
  if (users.length >= 2 && users.length < all.length) views.add(users.join('')).add(users.join(' '));
  const found: GuardFinding[] = [];
  let durationMs = 0;
  for (const text of views) {
    const joined = await runGuardChain({ checks: valueChecks, policy: tenant.policy, input: { text, zone: 'external', direction: 'input', tenantId } });
    durationMs += joined.durationMs;
    // Names are left out: two turns' words joined make name-shaped words by chance (…주세요 | 네, … → 요네), and a name
    // has no shape that a cut would hide.
    found.push(...joined.results.flatMap((result) => result.findings).filter((finding) => finding.kind !== 'PERSON'));
    // A check that failed blocks (the chain fails closed), as for a single message.
    if (joined.verdict === 'block' && found.length === 0) return joined;
  }
  if (found.length === 0) return null;
  const categories = uniqueCategories(found);
  return {
    verdict: 'block', categories, durationMs,
    results: [{ check: 'split-values', verdict: 'block', categories, findings: found.map(({ category, kind }) => ({ category, kind: `${kind}_across_messages` })), durationMs }],
  };
}

/** The output chain over a whole answer: masked text, or a refusal when the policy blocks it. */
export async function guardChatOutput(
  runtime: GuardRuntime, input: { tenantId: string; actor: string; zone: GuardZone; text: string; quoted?: boolean },
): Promise<string> {
  const decision = await runtime.run(input.tenantId, {
    text: input.text, zone: input.zone, direction: 'output', tenantId: input.tenantId, ...(input.quoted ? { quoted: true } : {}),
  });
  await runtime.audit(toGuardAuditEvent(decision, {
    tenantId: input.tenantId, actor: input.actor, direction: 'output', zone: input.zone, textLength: input.text.length,
  }));
  if (decision.verdict === 'block') throw guardRefusal(decision.categories);
  return decision.text ?? input.text;
}
