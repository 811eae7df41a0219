import { judgeSettingsFor, type GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome, GuardDirection, GuardVerdict } from '../guard-types.js';
import { buildJudgePrompt, type JudgeCategory, type JudgePrompt } from './judge-prompt.js';
import { parseJudgeReply } from './judge-reply.js';
import { VerdictCache } from './verdict-cache.js';

/**
 * How the judge reaches a model: injected, so the guard does not depend on the model layer. The API and the CLI
 * build it from the model router (`src/api/chat-guard.ts`), only for a model served inside the agency: the text
 * under judgement may hold personal data or classified content. Resolves to the model's raw reply text.
 */
export type JudgeModel = {
  readonly model: string;
  judge(prompt: JudgePrompt, signal: AbortSignal): Promise<string>;
};

type Flag = { verdict: GuardVerdict; categories: JudgeCategory[] };

/**
 * The optional LLM judge: asks a model whether the text is harmful, biased, unserviceable, out of the tenant's
 * domain, or a jailbreak or injection. It runs last and only when nothing before it blocked (`expensive`), and it
 * can only add to the rule checks' verdict, since the chain takes the strictest. A reply that is not the verdict
 * JSON, a timeout or an upstream error throws, and the chain fails closed (unless `onError: 'allow'`).
 * Findings are `{ category, kind: 'judge' }`: no text, and not the judge's reason. Verdicts are cached per text
 * hash and direction (`cacheTtlMs`, `cacheEntries`), so a retried request or a conversation's earlier turns cost
 * no second call; failures are not cached.
 */
export function judgeCheck(policy: GuardPolicy, model: JudgeModel, options: { now?: () => number } = {}): GuardCheck {
  const settings = judgeSettingsFor(policy);
  const scope = policy.domain.scope;
  const cache = new VerdictCache<Flag | null>({ maxEntries: settings.cacheEntries, ttlMs: settings.cacheTtlMs, now: options.now });
  const counts = (verdict: GuardVerdict) => verdict === 'block' || (verdict === 'caution' && settings.minVerdict === 'caution');

  /** The judge's flag that counts under this policy, or null; cached, so only a first sight costs a call. */
  async function flagOf(text: string, direction: GuardDirection, signal: AbortSignal): Promise<Flag | null> {
    const key = VerdictCache.keyOf(direction, text);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const reply = await model.judge(buildJudgePrompt(text, { direction, scope, maxCharacters: settings.maxCharacters }), signal);
    const verdict = parseJudgeReply(reply);
    // Without a scope every topic is the tenant's: the judge cannot decline one the policy did not.
    const categories = verdict.categories.filter((category) => category !== 'out-of-domain' || scope.length > 0);
    const flag = categories.length > 0 && counts(verdict.verdict) ? { verdict: verdict.verdict, categories } : null;
    cache.set(key, flag);
    return flag;
  }

  return {
    name: 'judge',
    directions: settings.directions,
    expensive: true,
    async check(input, signal): Promise<GuardCheckOutcome> {
      if (input.text.trim() === '') return { verdict: 'allow', categories: [], findings: [] };
      const flag = await flagOf(input.text, input.direction, signal);
      if (!flag) return { verdict: 'allow', categories: [], findings: [] };
      return { verdict: flag.verdict, categories: [...flag.categories], findings: flag.categories.map((category) => ({ category, kind: 'judge' })) };
    },
  };
}
