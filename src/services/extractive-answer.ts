import type { SearchHit } from '../search/index.js';
import { askedQuantity } from './asked-quantity.js';
import { evidenceIn, textTerms, type QuestionUnit } from './answer-evidence.js';
import { isNonFact } from './non-fact-lines.js';
import { splitSentences } from './split-sentences.js';

/**
 * The answer without a model: the passages' sentences that hold most of the question (`answer-evidence.ts`), quoted
 * as they stand, each under the source and section it comes from.
 */
/** `line`: the line of the source's text the sentence stands on (0-based), for citing it at its own source line. */
export type Quotation = { sentence: string; source: number; section: string | null; score: number; line: number };

/** How close to the best sentence another must score to be quoted beside it; how many are quoted at most. */
const sentenceFloor = 0.6;
const maxQuotations = 3;
/** A passage far weaker than the best one is not quoted from (it shares a word or two, not the subject). */
const passageFloor = 0.8;
/** The shortest piece worth quoting. */
const minimumSentence = 15;

/** Questions of amount, time or count are answered by a sentence with a number in it. */
const numericQuestion = /얼마|며칠|몇|언제|기한|기간|비율|금액|예산|비용|수수료|요금|시간|까지/;

/** Whether a question asks for an amount, a date, a period or a count (answered by a sentence with a number). */
export function asksForNumber(question: string): boolean {
  return numericQuestion.test(question) || askedQuantity(question) !== undefined;
}

/**
 * The quotations that answer `question` from `hits` (at most three, best first), or none when no sentence holds
 * enough of it. `headings` are lines that name a section (never quoted: the citation names them); `evidence` is each
 * hit's share of the question. `focus`: a follow-up's own words (`follow-up-question.ts`), which a quoted sentence or
 * its heading must hold; `numeric`: prefer sentences with a number (by default, when `question` asks for one).
 */
export function chooseQuotations(
  question: string, units: readonly QuestionUnit[], hits: readonly SearchHit[], evidence: readonly number[],
  parts: (hit: SearchHit) => { text: string; section: string | null; firstLine: number }[], headings: ReadonlySet<string>,
  options: { focus?: readonly QuestionUnit[]; numeric?: boolean } = {},
): Quotation[] {
  const focus = options.focus ?? [];
  const best = Math.max(0, ...evidence);
  const numeric = options.numeric ?? numericQuestion.test(question);
  // "몇 명 / 몇 % / 얼마": the sentence that answers states such a number; the others are context at best.
  const quantity = askedQuantity(question);
  const scored: Quotation[] = [];
  hits.forEach((hit, index) => {
    if (evidence[index]! < best * passageFloor) return;
    // What a sentence is about includes where it stands: its section's heading (an FAQ's question over its answer)
    // and the document's name (개조식_보고서_클라우드전환.txt).
    const context = [...documentNameTerms(hit.document)];
    const startsDocument = hit.lines?.[0] === 1 || (hit.lines === null && hit.page === 1);
    let firstLine = startsDocument;
    for (const { text, section, firstLine: partLine } of parts(hit)) {
      const heading = section?.split(' > ').at(-1);
      const around = [...context, ...(heading ? textTerms(heading) : [])];
      for (const [offset, line] of text.split('\n').entries()) {
        const documentFirstLine = firstLine && line.trim() !== '';
        if (documentFirstLine) firstLine = false;
        if (isNonFact(line, { documentFirstLine })) continue;
        for (const sentence of splitSentences(line, minimumSentence)) {
          if (headings.has(sentence)) continue;
          const own = textTerms(sentence);
          if (evidenceIn(units, own) === 0) continue;
          const near = new Set([...own, ...around]);
          // A follow-up's own words (its focus) must be in the sentence or its heading.
          if (focus.length > 0 && evidenceIn(focus, near) === 0) continue;
          const held = evidenceIn(units, near);
          // The number the question asks for, and the passage's own standing, break near ties.
          const stated = quantity ? (quantity.test(sentence) ? 1.25 : 0.6) : numeric && /\d/.test(sentence) ? 1.25 : 1;
          const score = held * stated + evidence[index]! * 0.1 - index * 0.001;
          scored.push({ sentence, source: index, section, score, line: partLine + offset });
        }
      }
    }
  });
  // "몇 명 / 몇 % / 초당 몇 토큰": a count the passages never state is no answer, whatever else they share.
  if (quantity && !scored.some((entry) => quantity.test(entry.sentence))) return [];
  const top = Math.max(0, ...scored.map((entry) => entry.score));
  // Overlapping chunks repeat sentences: each is quoted once, under its best-ranked source.
  const seen = new Set<string>();
  return scored.filter((entry) => entry.score >= top * sentenceFloor)
    .sort((a, b) => b.score - a.score)
    .filter((entry) => {
      const key = entry.sentence.replace(/\s+/g, ' ');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, maxQuotations);
}

/** The words of a document's file name (개조식_보고서_클라우드전환.txt → 개조식 보고서 클라우드전환). */
export function documentNameTerms(name: string): Set<string> {
  return textTerms(name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_\-.]+/g, ' '));
}
