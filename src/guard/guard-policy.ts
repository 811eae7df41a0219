import { z } from 'zod';
import { guardCategories, type GuardCategory, type GuardVerdict } from './guard-types.js';

const verdict = z.enum(['allow', 'caution', 'block']);

/**
 * How one check runs. `onError` is the only way to let an erroring check pass, and it must be written out:
 * a guard that fails open (an exception counted as a pass) is how other gateways leak (litellm#30728).
 */
const checkSettings = z.object({
  enabled: z.boolean().default(true),
  onError: z.enum(['block', 'allow']).default('block'),
  // 250 ms: the rule checks take microseconds; anything near this is a hung judge or a pathological input.
  timeoutMs: z.number().int().min(1).max(60_000).default(250),
}).strict();

export type CheckSettings = z.infer<typeof checkSettings>;

const piiSettings = z.object({
  // 0.5: a validated shape without a context word (see src/guard/pii/README.md).
  minScore: z.number().min(0).max(1).default(0.5),
  /** Inside the agency personal data may reach the agency's own model; outside it is masked. */
  internal: z.enum(['allow', 'mask', 'block']).default('allow'),
  external: z.enum(['mask', 'block']).default('mask'),
  /**
   * How a masked value reads: `[성명]` (placeholder); `[성명_1]`, `[성명_2]` (pseudonym: the same value the same token in
   * every message of a request, so a model can tell two people apart, and the answer gets the originals back for the
   * agency's own users, never for a `public` key); or a keyed hash.
   */
  masking: z.enum(['placeholder', 'pseudonym', 'hash']).default('placeholder'),
}).strict();

const classifiedSettings = z.object({
  /** Extra words this tenant treats like a marking (project code names, internal system names). */
  keywords: z.array(z.string().min(2).max(100)).max(1000).default([]),
  /** Host-name suffixes of the agency's internal network (e.g. `.mois.go.kr.internal`). */
  internalHostSuffixes: z.array(z.string().min(2).max(253)).max(200).default(['.local', '.internal', '.intra', '.corp', '.lan', '.home.arpa']),
  internal: verdict.default('allow'),
  external: verdict.default('block'),
  /** Share of a restricted document's shingles a prompt must contain to count as quoting it. */
  fingerprintThreshold: z.number().min(0.01).max(1).default(0.3),
}).strict();

const safetySettings = z.object({
  // Cut-offs on the classifier's probabilities. Unset: the model's own, tuned at training time by cross-validation
  // so that about 2% of benign prompts are flagged and 0.3% blocked (BENCHMARKS.md, "Guard checks"; on unseen lines
  // about as many: "Guard, sixth pass", cross-fitted).
  // `block` and `harmfulCaution` apply to harmful + hate + jailbreak, `caution` to anything but benign.
  blockThreshold: z.number().min(0).max(1).optional(),
  cautionThreshold: z.number().min(0).max(1).optional(),
  harmfulCautionThreshold: z.number().min(0).max(1).optional(),
}).strict();

const domainSettings = z.object({
  /**
   * Topics this tenant serves, as keywords. Empty: every topic is in scope. When set, a question that mentions none
   * of them and matches an out-of-scope lexicon (recipes, sports scores, celebrities…) gets `action`.
   */
  scope: z.array(z.string().min(1).max(100)).max(2000).default([]),
  action: verdict.default('caution'),
}).strict();

const outputSettings = z.object({
  /** Hosts that links and images in answers may point to; everything else is neutralised. */
  allowedLinkHosts: z.array(z.string().min(1).max(253)).max(500).default([]),
  // 64 characters: longer than any PII value or marking we detect, short enough that streaming still feels live.
  holdBackCharacters: z.number().int().min(16).max(4096).default(64),
}).strict();

/**
 * The optional LLM judge (`checks/judge-check.ts`): off unless a policy turns it on and names the model. Its own
 * settings extend the common ones; its defaults differ because a model call is not a rule check.
 */
const judgeSettings = z.object({
  enabled: z.boolean().default(false),
  onError: z.enum(['block', 'allow']).default('block'),
  // 3 s: a 13B model answers ~60 tokens of JSON in well under a second on a GPU; a judge still silent after 3 s
  // is queued behind other work, and a request should not wait on it longer than on the answer itself.
  timeoutMs: z.number().int().min(1).max(60_000).default(3_000),
  /** The model that judges, served by `providers`; only a model every provider of which is `internal` (checked at start). */
  model: z.string().min(1).max(200).optional(),
  /** Prompts, answers or both. An output judge makes a streamed answer arrive in one piece, after it has spoken. */
  directions: z.array(z.enum(['input', 'output'])).min(1).max(2).default(['input']),
  /** The weakest judge verdict that counts: `caution` applies its cautions and blocks, `block` only its blocks. */
  minVerdict: z.enum(['caution', 'block']).default('caution'),
  // 5 minutes: long enough for a retried request and for the earlier turns a chat client sends again with every
  // question, short enough that a changed prompt or model is felt soon. 0 turns the cache off.
  cacheTtlMs: z.number().int().min(0).max(3_600_000).default(300_000),
  // 2,000 verdicts per tenant: a few hundred bytes each, ~1 MB; a busy tenant's last minutes of distinct texts.
  cacheEntries: z.number().int().min(0).max(100_000).default(2_000),
  // 6,000 characters (~3,000 tokens of Korean): fits a 4k-context judge with the instructions and its answer.
  // Longer texts are judged on their first and last halves; the rule checks and the classifier still read all of it.
  maxCharacters: z.number().int().min(200).max(200_000).default(6_000),
}).strict().refine((settings) => !settings.enabled || settings.model !== undefined, {
  message: '판정 모델(model)을 지정해야 합니다 / a judge needs a model', path: ['model'],
});

export type JudgeSettings = z.infer<typeof judgeSettings>;

export const guardCheckNames = ['pii', 'classified', 'secrets', 'fingerprints', 'injection', 'safety', 'domain', 'links', 'judge'] as const;
export type GuardCheckName = (typeof guardCheckNames)[number];

const checksSchema = z.object({
  pii: checkSettings.optional(),
  classified: checkSettings.optional(),
  secrets: checkSettings.optional(),
  fingerprints: checkSettings.optional(),
  injection: checkSettings.optional(),
  safety: checkSettings.optional(),
  domain: checkSettings.optional(),
  links: checkSettings.optional(),
  judge: judgeSettings.optional(),
} satisfies Record<GuardCheckName, z.ZodType>).strict();

export const guardPolicySchema = z.object({
  /** Per check: on/off, error handling, time limit. Checks not named use the defaults (on, fail closed; the judge off). */
  checks: checksSchema.default({}),
  /** Overrides the verdict for a category, e.g. `{ sensitive: 'allow' }` for a tenant that debates policy. */
  actions: z.partialRecord(z.enum(guardCategories), verdict).default({}),
  pii: piiSettings.default(piiSettings.parse({})),
  classified: classifiedSettings.default(classifiedSettings.parse({})),
  safety: safetySettings.default(safetySettings.parse({})),
  domain: domainSettings.default(domainSettings.parse({})),
  output: outputSettings.default(outputSettings.parse({})),
}).strict();

export type GuardPolicy = z.infer<typeof guardPolicySchema>;

export type PolicyParseResult = { ok: true; policy: GuardPolicy } | { ok: false; issues: string[] };

/** Validates a tenant's policy (from the config file or the console). Failure is expected input, not a throw. */
export function parseGuardPolicy(value: unknown): PolicyParseResult {
  const parsed = guardPolicySchema.safeParse(value ?? {});
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(policy)'}: ${issue.message}`) };
  }
  return { ok: true, policy: Object.freeze(parsed.data) };
}

/** Every check on, fail closed, masking outside, classified content blocked outside. */
export const defaultGuardPolicy: GuardPolicy = Object.freeze(guardPolicySchema.parse({}));

const defaultCheckSettings: CheckSettings = Object.freeze(checkSettings.parse({}));
const defaultJudgeSettings: JudgeSettings = Object.freeze(judgeSettings.parse({}));

export function checkSettingsFor(policy: GuardPolicy, name: string): CheckSettings {
  const configured = (policy.checks as Record<string, CheckSettings | undefined>)[name];
  return configured ?? (name === 'judge' ? defaultJudgeSettings : defaultCheckSettings);
}

/** The judge's settings: off unless the policy turns it on. */
export function judgeSettingsFor(policy: GuardPolicy): JudgeSettings {
  return policy.checks.judge ?? defaultJudgeSettings;
}

/**
 * `policy` with every check's time limit set to `timeoutMs`. A check that overruns its limit fails closed (block,
 * `check-error`), which is right for the gateway's latency but makes a verdict on a very long text depend on the
 * machine's load; an evaluation run (`kgov guard check --timeout-ms`, the guard's quality tests) raises the limit
 * and gets the same answer every time.
 */
export function withCheckTimeouts(policy: GuardPolicy, timeoutMs: number): GuardPolicy {
  const checks = Object.fromEntries(guardCheckNames.map((name) => [name, { ...checkSettingsFor(policy, name), timeoutMs }]));
  return { ...policy, checks: { ...checks, judge: { ...judgeSettingsFor(policy), timeoutMs } } } as GuardPolicy;
}

export function actionFor(policy: GuardPolicy, category: GuardCategory): GuardVerdict | undefined {
  return policy.actions[category];
}
