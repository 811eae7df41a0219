import { performance } from 'node:perf_hooks';
import { toGuardAuditEvent, type GuardAuditSink } from './guard-audit.js';
import { actionFor, checkSettingsFor, defaultGuardPolicy, type GuardPolicy } from './guard-policy.js';
import {
  strictestVerdict, uniqueCategories,
  type GuardCheck, type GuardCheckOutcome, type GuardDecision, type GuardInput, type GuardResult,
} from './guard-types.js';

export type RunGuardChainOptions = {
  checks: readonly GuardCheck[];
  input: GuardInput;
  policy?: GuardPolicy;
  audit?: { sink: GuardAuditSink; actor: string };
};

/**
 * Runs the checks in order. Each sees the text as the checks before it left it (masked PII stays masked), so
 * offsets in a result refer to the text that check was given. Every check runs, even after a block, so the audit
 * record names every reason — except an `expensive` one (the LLM judge): a model call cannot change a block, so it
 * is skipped then. Fails closed: a check that throws, rejects or overruns its time limit blocks, unless the policy
 * sets `onError: 'allow'` for it.
 */
export async function runGuardChain(options: RunGuardChainOptions): Promise<GuardDecision> {
  const policy = options.policy ?? defaultGuardPolicy;
  const started = performance.now();
  const results: GuardResult[] = [];
  let text = options.input.text;
  // One abort controller for the whole chain, replaced only after a check timed out and aborted it: one per check
  // cost more than the rule checks themselves (createAbortSignal was 2.7% of the gateway's CPU profile).
  const abort = { controller: new AbortController() };
  for (const check of options.checks) {
    if (!check.directions.includes(options.input.direction)) continue;
    const settings = checkSettingsFor(policy, check.name);
    if (!settings.enabled) continue;
    if (check.expensive && results.some((result) => result.verdict === 'block')) continue;
    const result = applyActions(await runOne(check, { ...options.input, text }, settings, abort), policy);
    results.push(result);
    if (result.redacted !== undefined && result.verdict !== 'block') text = result.redacted;
  }
  const verdict = strictestVerdict(results.map((result) => result.verdict));
  const decision: GuardDecision = {
    verdict,
    categories: uniqueCategories(results.filter((result) => result.verdict !== 'allow').flatMap((result) =>
      result.categories.map((category) => ({ category })))),
    results,
    durationMs: performance.now() - started,
  };
  if (verdict !== 'block') decision.text = text;
  if (options.audit) {
    await options.audit.sink(toGuardAuditEvent(decision, {
      tenantId: options.input.tenantId ?? null,
      actor: options.audit.actor,
      direction: options.input.direction,
      zone: options.input.zone,
      textLength: options.input.text.length,
    }));
  }
  return decision;
}

async function runOne(
  check: GuardCheck,
  input: GuardInput,
  settings: { onError: 'block' | 'allow'; timeoutMs: number },
  abort: { controller: AbortController },
): Promise<GuardResult> {
  const started = performance.now();
  const controller = abort.controller;
  let timer: NodeJS.Timeout | undefined;
  try {
    const pending = check.check(input, controller.signal);
    // Synchronous checks (all the rule checks) skip the timer: it would cost more than the check itself.
    const outcome = isPromise(pending)
      ? await Promise.race([pending, new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          // The checks after this one get a signal that is not aborted.
          abort.controller = new AbortController();
          reject(new GuardTimeout(settings.timeoutMs));
        }, settings.timeoutMs);
      })])
      : pending;
    const durationMs = performance.now() - started;
    // A synchronous check cannot be interrupted, but one that overran is treated like one that timed out.
    if (durationMs > settings.timeoutMs) throw new GuardTimeout(settings.timeoutMs);
    return { check: check.name, ...validOutcome(outcome), durationMs };
  } catch (error) {
    return failed(check.name, error, settings.onError, performance.now() - started);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

class GuardTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`guard check exceeded ${timeoutMs} ms`);
  }
}

function failed(name: string, error: unknown, onError: 'block' | 'allow', durationMs: number): GuardResult {
  return {
    check: name,
    verdict: onError === 'allow' ? 'allow' : 'block',
    categories: ['check-error'],
    // Only the kind of failure: an exception message may quote the text being checked.
    findings: [{ category: 'check-error', kind: error instanceof GuardTimeout ? 'timeout' : 'exception' }],
    durationMs,
  };
}

/** A check that returns something malformed is broken, and a broken check must not pass. */
function validOutcome(outcome: GuardCheckOutcome): GuardCheckOutcome {
  if (!outcome || !['allow', 'caution', 'block'].includes(outcome.verdict) || !Array.isArray(outcome.findings) || !Array.isArray(outcome.categories)) {
    throw new Error('malformed guard check outcome');
  }
  return outcome;
}

/** The policy's per-category actions replace the check's own verdict for those categories. */
function applyActions(result: GuardResult, policy: GuardPolicy): GuardResult {
  if (result.categories.includes('check-error')) return result;
  const configured = result.categories.map((category) => actionFor(policy, category));
  if (configured.every((action) => action === undefined)) return result;
  const verdict = strictestVerdict(configured.map((action) => action ?? result.verdict));
  return { ...result, verdict };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown })?.then === 'function';
}
