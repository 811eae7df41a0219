import { toGuardAuditEvent, type GuardAuditSink } from '../guard-audit.js';
import { checkSettingsFor, defaultGuardPolicy, type GuardPolicy } from '../guard-policy.js';
import type { GuardCategory, GuardCheck, GuardDecision, GuardZone } from '../guard-types.js';
import { runGuardChain } from '../run-guard-chain.js';

/** What the guarded stream emits: safe text as it is released, or one final error that ends the stream. */
export type GuardedStreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'error'; error: { code: 'guard_blocked'; categories: GuardCategory[] } };

export type OutputStreamGuard = {
  /** Takes the model's next delta; returns what may be shown now (often nothing: the tail is held back). */
  push(delta: string): Promise<GuardedStreamPart[]>;
  /** The model finished: re-checks and releases the rest. */
  end(): Promise<GuardedStreamPart[]>;
  readonly blocked: boolean;
};

export type OutputStreamGuardOptions = {
  checks: readonly GuardCheck[];
  zone: GuardZone;
  policy?: GuardPolicy;
  tenantId?: string | null;
  audit?: { sink: GuardAuditSink; actor: string };
};

// A buffer without any whitespace is released anyway past this many windows, so a model that never emits a space
// cannot make the guard hold the whole answer.
const forcedReleaseWindows = 4;

// Text is released once at least this share of a window has come in beyond the held tail, not at every delta: each
// release runs the output chain two or three times, so a model (or an upstream) sending one character per delta cost
// that per character (200,000 one-character deltas held the server's thread for ~12 s). A reader sees the answer in
// pieces of about 16 characters (the default window of 64), a few tokens each.
const releaseStepShare = 0.25;
// The most the guard holds, in windows, when no cut is safe (see `release`).
const maxHeldWindows = 16;

/**
 * Streaming-aware output guard. It holds back the last `holdBackCharacters` (policy) of the answer, so a phone
 * number, a marking or a link split across deltas is seen whole before any of it is shown. Each release re-runs
 * the output chain over the held text: masking is applied to what is released; a block ends the stream with an
 * error part and nothing more is emitted. Text is only cut at whitespace outside any finding. With an `expensive`
 * output check (the LLM judge) the whole answer is held and checked once, at the end.
 */
export function createOutputStreamGuard(options: OutputStreamGuardOptions): OutputStreamGuard {
  const policy = options.policy ?? defaultGuardPolicy;
  const holdBack = policy.output.holdBackCharacters;
  const releaseStep = Math.ceil(holdBack * releaseStepShare);
  // A model call per release would cost one judge call per delta: with an output judge the answer is held whole
  // and judged once at the end, so nothing is shown before the judge has spoken.
  const holdsWhole = options.checks.some((check) => check.expensive && check.directions.includes('output') && checkSettingsFor(policy, check.name).enabled);
  let pending = '';
  let blocked = false;
  let heldAtLastTry = 0;

  const run = (text: string, audit: boolean) => runGuardChain({
    checks: options.checks, policy,
    input: { text, zone: options.zone, direction: 'output', tenantId: options.tenantId ?? null },
    ...(audit && options.audit ? { audit: options.audit } : {}),
  });

  // Releases before the last are not audited one by one (one record per answer), but a block is the answer's last
  // decision wherever it falls: it is audited as the final release would have been.
  async function blockedBy(decision: GuardDecision, text: string, audited: boolean): Promise<GuardedStreamPart[]> {
    blocked = true;
    pending = '';
    if (options.audit && !audited) {
      await options.audit.sink(toGuardAuditEvent(decision, {
        tenantId: options.tenantId ?? null, actor: options.audit.actor, direction: 'output', zone: options.zone, textLength: text.length,
      }));
    }
    return [{ type: 'error', error: { code: 'guard_blocked', categories: decision.categories } }];
  }

  async function release(final: boolean): Promise<GuardedStreamPart[]> {
    if (blocked) return [];
    const whole = await run(pending, final || false);
    if (whole.verdict === 'block') return blockedBy(whole, pending, final);
    // Markup still open at the end (<img alt="…" with no > yet, ![… or [text]( with no closing bracket) is held whole:
    // released in pieces, its address would reach the client after its start, where no check sees them together.
    const open = final ? -1 : openMarkupStart(pending);
    const spans = final ? [] : [...await findingSpans(pending), ...markupSpans(pending), ...(open >= 0 ? [{ start: open, end: pending.length }] : [])];
    let cut = final ? pending.length : safeCut(pending, holdBack, spans);
    // A finding that covers the held text from its start (a link that never ends, text without a space) would hold it
    // all, and every release would check all of it again: 40,000 one-character deltas of one growing address held the
    // server's thread 105 s in a security review. Past `maxHeldWindows` windows the held text goes out as the chain
    // made it (the link neutralised, a number masked); what follows is checked afresh. Open markup that long with an
    // address in it is not released at all: it is dropped, with a notice in its place (a stray "[" or "a<b" is text).
    if (cut <= 0 && pending.length > holdBack * maxHeldWindows) {
      if (open === 0 && /\/\/|url\s*\(|(?:javascript|vbscript|data)\s*:/i.test(pending)) {
        pending = '';
        return [{ type: 'text-delta', text: droppedMarkupNotice }];
      }
      cut = open > 0 ? open : pending.length;
    }
    if (cut <= 0) return [];
    const segment = pending.slice(0, cut);
    const decision = cut === pending.length ? whole : await run(segment, false);
    if (decision.verdict === 'block') return blockedBy(decision, segment, false);
    pending = pending.slice(cut);
    const text = decision.text ?? '';
    return text ? [{ type: 'text-delta', text }] : [];
  }

  /** Spans of every finding, each check run on the text as given, so offsets are exact. */
  async function findingSpans(text: string): Promise<{ start: number; end: number }[]> {
    const spans: { start: number; end: number }[] = [];
    const controller = new AbortController();
    for (const check of options.checks) {
      if (!check.directions.includes('output') || check.expensive) continue;
      try {
        const outcome = await check.check({ text, zone: options.zone, direction: 'output' }, controller.signal);
        for (const finding of outcome.findings) if (finding.start !== undefined && finding.end !== undefined) spans.push({ start: finding.start, end: finding.end });
      } catch {
        // The verdict comes from the chain, which fails closed; here a failing check only yields no spans.
      }
    }
    return spans;
  }

  return {
    async push(delta) {
      if (blocked) return [];
      pending += delta;
      // After a release that could cut nothing, the next try waits for another step of text, not the next delta.
      if (holdsWhole || pending.length < holdBack + releaseStep || pending.length < heldAtLastTry + releaseStep) return [];
      const parts = await release(false);
      heldAtLastTry = parts.length === 0 ? pending.length : 0;
      return parts;
    },
    async end() {
      if (blocked || pending === '') return [];
      return release(true);
    },
    get blocked() {
      return blocked;
    },
  };
}

const droppedMarkupNotice = '[긴 서식 생략]';

// Whole tags and Markdown links and images: never cut inside one (a finding's span is only the address in it, and a
// tag released up to its address leaves the rest, `src="//host/…">`, to reach the client unread).
const completeMarkup = /<[a-z!/][^<>]{0,4000}>|!?\[[^\]\n]{0,1000}\]\([^)\n]{0,4096}\)/gi;

function markupSpans(text: string): { start: number; end: number }[] {
  completeMarkup.lastIndex = 0;
  return [...text.matchAll(completeMarkup)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/**
 * Where markup that is still open at the end of `text` starts, or -1: a tag with no `>` yet, a Markdown bracket with
 * no `]` yet, or a destination `](` with no `)` yet (from its `[`).
 */
function openMarkupStart(text: string): number {
  let start = -1;
  const lt = text.lastIndexOf('<');
  if (lt >= 0 && /^<[a-z!/]/i.test(text.slice(lt, lt + 2)) && text.indexOf('>', lt) < 0) start = lt;
  const bracket = text.lastIndexOf('[');
  if (bracket >= 0 && text.indexOf(']', bracket) < 0) start = start < 0 ? bracket : Math.min(start, bracket);
  const destination = text.lastIndexOf('](');
  if (destination >= 0 && text.indexOf(')', destination) < 0) {
    const from = text.lastIndexOf('[', destination);
    const at = from >= 0 ? from : destination;
    start = start < 0 ? at : Math.min(start, at);
  }
  // An image's "!" goes with its bracket.
  return start > 0 && text[start] === '[' && text[start - 1] === '!' ? start - 1 : start;
}

/** Where the held text may be cut: before the last `holdBack` characters, at whitespace, outside every finding. */
export function safeCut(text: string, holdBack: number, spans: readonly { start: number; end: number }[]): number {
  let cut = text.length - holdBack;
  if (cut <= 0) return 0;
  for (let moved = true; moved;) {
    moved = false;
    for (const span of spans) {
      if (span.start < cut && cut < span.end) {
        cut = span.start;
        moved = true;
      }
    }
  }
  const forced = text.length > holdBack * forcedReleaseWindows;
  let boundary = cut;
  while (boundary > 0 && !/\s/.test(text[boundary - 1]!)) boundary--;
  return boundary > 0 || !forced ? boundary : cut;
}
