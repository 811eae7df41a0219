import type { SearchHit } from './search-chunks.js';

/** A line of `nia-qa-dev.jsonl`: gold line ranges (1-based, inclusive, as the file's own lines) of `document`; no gold = unanswerable. */
export type RetrievalQuestion = { id: string; question: string; gold?: { start: number; end: number }[]; document?: string };

export type RetrievalEvaluation = {
  questions: number;
  answerable: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrrAt10: number;
  /** The share of gold ranges (not questions) covered by the top 5 / 10: a question with two ranges counts half for one. */
  goldCoverageAt5: number;
  goldCoverageAt10: number;
  perQuestion: { id: string; firstHitRank: number | null }[];
};

/**
 * Whether a passage's 1-based, inclusive line span overlaps a gold range. Gold lines count from 1, like the
 * hits' `lines`: in nia-qa-dev.jsonl every gold line read so holds text, while read from 0 39 of 88 are blank
 * (A005's definition of 프로비저닝 is line 444 counted from 1). Until session 15 this read them from 0, one line off.
 */
export function coversGold(lines: readonly [number, number], gold: { start: number; end: number }): boolean {
  return lines[0] <= gold.end && lines[1] >= gold.start;
}

/**
 * As `../shared/eval/README.md` defines it: a hit is a chunk of the gold document whose line span overlaps a gold
 * range; recall@k is the share of answerable questions with a hit in their top k; MRR@10 uses the first hit. The
 * share of gold ranges covered is reported beside it (`goldCoverageAt5/10`): what a question with several ranges
 * still misses.
 */
export async function evaluateRetrieval(questions: readonly RetrievalQuestion[], search: (question: string) => Promise<SearchHit[]>): Promise<RetrievalEvaluation> {
  const answerable = questions.filter((question) => (question.gold?.length ?? 0) > 0);
  let recall1 = 0;
  let recall5 = 0;
  let recall10 = 0;
  let coverage5 = 0;
  let coverage10 = 0;
  let mrr = 0;
  const perQuestion: RetrievalEvaluation['perQuestion'] = [];
  for (const question of answerable) {
    const hits = (await search(question.question)).slice(0, 10);
    const covers = (hit: SearchHit, gold: { start: number; end: number }) =>
      hit.lines !== null && (!question.document || hit.document === question.document) && coversGold(hit.lines, gold);
    const rank = hits.findIndex((hit) => question.gold!.some((gold) => covers(hit, gold)));
    if (rank === 0) recall1++;
    if (rank >= 0 && rank < 5) recall5++;
    if (rank >= 0) recall10++;
    const coverageAt = (k: number) => question.gold!.filter((gold) => hits.slice(0, k).some((hit) => covers(hit, gold))).length / question.gold!.length;
    coverage5 += coverageAt(5);
    coverage10 += coverageAt(10);
    if (rank >= 0) mrr += 1 / (rank + 1);
    perQuestion.push({ id: question.id, firstHitRank: rank >= 0 ? rank + 1 : null });
  }
  const count = Math.max(1, answerable.length);
  return {
    questions: questions.length, answerable: answerable.length, recallAt1: recall1 / count, recallAt5: recall5 / count,
    recallAt10: recall10 / count, mrrAt10: mrr / count, goldCoverageAt5: coverage5 / count, goldCoverageAt10: coverage10 / count, perQuestion,
  };
}
