/**
 * The guard chain's one result type and its extension point. Every check, input or output, returns a
 * `GuardResult`; the chain combines them into a `GuardDecision`. Findings carry types, counts and offsets,
 * never the matched text, so a result can be logged and audited as it is.
 */
export type GuardVerdict = 'allow' | 'caution' | 'block';

/** Where the text goes next: the agency's own models, or a commercial model through the external gateway. */
export type GuardZone = 'internal' | 'external';

export type GuardDirection = 'input' | 'output';

/** Public category names (the `categories` of `kgov guard check`). Add, never rename. */
export const guardCategories = [
  'harmful', 'hate', 'offensive', 'sensitive', 'biased', 'unserviceable', 'out-of-domain',
  'jailbreak', 'prompt-extraction', 'hidden-command', 'injection', 'exfiltration',
  'pii', 'classified', 'secret', 'internal-host', 'check-error',
] as const;

export type GuardCategory = (typeof guardCategories)[number];

/** One thing a check noticed. `kind` is a stable, finer label (`KR_RRN`, `marking`, `weapons`, `dan`…). */
export type GuardFinding = {
  category: GuardCategory;
  kind: string;
  /** JavaScript string offsets into the checked text, when the finding has a place. */
  start?: number;
  end?: number;
  score?: number;
};

export type GuardResult = {
  check: string;
  verdict: GuardVerdict;
  categories: GuardCategory[];
  findings: GuardFinding[];
  /** The text with findings masked, when the check can make it safe instead of blocking it. */
  redacted?: string;
  durationMs: number;
};

export type GuardInput = {
  text: string;
  zone: GuardZone;
  direction: GuardDirection;
  tenantId?: string | null;
  /**
   * Output only: the text quotes, word for word, documents the caller may read (an extractive answer) or the caller's
   * own material (an extractive summary), not words a model wrote. The safety check then cautions where it would
   * block: a security guideline's "악성코드 검사를 받은 후 사용할 수 있다" is the agency's own rule, and the same text
   * reaches the caller through search anyway. Every other check (personal data, markings, secrets, links) is unchanged.
   */
  quoted?: boolean;
};

/** What a check reports; the chain adds `check` and `durationMs`, so checks cannot get them wrong. */
export type GuardCheckOutcome = Omit<GuardResult, 'check' | 'durationMs'>;

/**
 * The extension point. A check is a named function, pure or async; it may throw — the chain then fails closed.
 * `directions` says where it belongs (a PII re-scan runs on both, hidden-command prefixes only on input).
 */
export type GuardCheck = {
  name: string;
  directions: readonly GuardDirection[];
  check(input: GuardInput, signal: AbortSignal): GuardCheckOutcome | Promise<GuardCheckOutcome>;
  /**
   * A check that costs a model call (the LLM judge). The chain skips it when a check before it has already blocked,
   * and the streaming output guard runs it once, on the whole answer, instead of on every release.
   */
  expensive?: boolean;
};

export type GuardDecision = {
  verdict: GuardVerdict;
  categories: GuardCategory[];
  results: GuardResult[];
  /** The text to send on: the input with every check's masking applied in order; absent when blocked. */
  text?: string;
  durationMs: number;
};

const rank: Record<GuardVerdict, number> = { allow: 0, caution: 1, block: 2 };

export function strictestVerdict(verdicts: Iterable<GuardVerdict>): GuardVerdict {
  let strictest: GuardVerdict = 'allow';
  for (const verdict of verdicts) if (rank[verdict] > rank[strictest]) strictest = verdict;
  return strictest;
}

export function uniqueCategories(findings: readonly { category: GuardCategory }[]): GuardCategory[] {
  return [...new Set(findings.map((finding) => finding.category))];
}

/**
 * Decisions over parts of one request (its messages), or over one text in steps (the worker's chain, then the
 * judge), as one: the strictest verdict, every category and result in order, the summed time, and the last step's
 * text unless something blocked.
 */
export function combineGuardDecisions(decisions: readonly GuardDecision[]): GuardDecision {
  const verdict = strictestVerdict(decisions.map((decision) => decision.verdict));
  const combined: GuardDecision = {
    verdict,
    categories: [...new Set(decisions.flatMap((decision) => decision.categories))],
    results: decisions.flatMap((decision) => decision.results),
    durationMs: decisions.reduce((sum, decision) => sum + decision.durationMs, 0),
  };
  const text = decisions.at(-1)?.text;
  if (verdict !== 'block' && text !== undefined) combined.text = text;
  return combined;
}
