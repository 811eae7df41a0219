import { analyzeQuery } from '../../search/index.js';
import { endsAsSentence, isNonFact } from '../non-fact-lines.js';
import { splitSentences } from '../split-sentences.js';

export { splitSentences };

export const extractiveSummaryLabel = '(추출 요약: 생성 모델이 설정되지 않아 원문에서 핵심 문장을 그대로 골랐습니다 / extractive summary: no generative model is configured, so these are the source\'s own sentences)';

function contentTerms(sentence: string): string[] {
  return [...new Set(analyzeQuery(sentence).filter((term) => term.startsWith('w:') || term.startsWith('n:')))];
}

/**
 * Centrality by shared words: a sentence scores the number of other sentences each of its words
 * appears in, divided by the square root of its length so one long sentence cannot win by
 * mentioning everything. The first sentence gets a small lead bonus (reports state their point
 * first). Chosen sentences keep the source's order, so the summary reads as the source does.
 */
export function extractiveSummary(text: string, limit: { lines: number; characters?: number | undefined }): string[] {
  // The text's title, headlines, contents entries and captions restate or label; they are left out unless nothing else is.
  const facts = factSentences(text);
  const sentences = facts.length > 0 ? facts : splitSentences(text);
  if (sentences.length === 0) return text.trim() ? [text.trim().slice(0, limit.characters ?? 300)] : [];
  const terms = sentences.map(contentTerms);
  const spread = new Map<string, number>();
  for (const list of terms) for (const term of list) spread.set(term, (spread.get(term) ?? 0) + 1);
  const scored = sentences.map((sentence, index) => {
    const shared = terms[index]!.reduce((sum, term) => sum + (spread.get(term)! - 1), 0);
    // A sentence with figures (78%, 120억 원, 4.3점) carries what a reader of a summary looks for.
    return { sentence, index, score: (shared / Math.sqrt(terms[index]!.length + 1)) * (/\d/.test(sentence) ? 1.25 : 1) + (index === 0 ? 0.5 : 0) };
  });
  const ranked = [...scored].sort((left, right) => right.score - left.score || left.index - right.index);
  const chosen: typeof scored = [];
  let characters = 0;
  for (const entry of ranked) {
    if (chosen.length >= limit.lines) break;
    if (limit.characters !== undefined && chosen.length > 0 && characters + entry.sentence.length > limit.characters) continue;
    // A sentence that mostly repeats one already chosen, or is mostly repeated by it (a press release's lead and its
    // sub-heading), adds nothing: 60% of the shorter one's words.
    const own = terms[entry.index]!;
    const repeats = (other: string[]) => own.filter((term) => other.includes(term)).length >= Math.min(own.length, other.length) * 0.6;
    if (own.length > 0 && chosen.some((other) => terms[other.index]!.length > 0 && repeats(terms[other.index]!))) continue;
    chosen.push(entry);
    characters += entry.sentence.length;
  }
  return chosen.sort((left, right) => left.index - right.index).map((entry) =>
    limit.characters !== undefined && entry.sentence.length > limit.characters ? `${entry.sentence.slice(0, limit.characters - 1)}…` : entry.sentence);
}

/**
 * The text's sentences without the lines that state no fact (its first line as its title, headlines, contents,
 * captions) and without its labelled particulars (배포일시: …, 담당부서: …, 문의: …), which an answer may quote but a
 * summary leaves out; a speaker's line in minutes (위원장: … 하겠습니다.) ends as a sentence and stays.
 */
function factSentences(text: string): string[] {
  let first = true;
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    const documentFirstLine = first;
    first = false;
    return isNonFact(line, { documentFirstLine }) || (labelledParticular.test(line) && !endsAsSentence(line)) ? [] : splitSentences(line);
  });
}

const labelledParticular = /^\s*[가-힣A-Za-z ]{2,8}\s*[:：]/;
