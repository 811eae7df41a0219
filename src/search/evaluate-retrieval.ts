import type { SearchHit } from './search-chunks.js';

/** A line of `nia-qa-dev.jsonl`: gold line ranges (0-based, inclusive) of `document`; no gold = unanswerable. */
export type RetrievalQuestion = { id: string; question: string; gold?: { start: number; end: number }[]; document?: string };

export type RetrievalEvaluation = {
  questions: number;
  answerable: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrrAt10: number;
  perQuestion: { id: string; firstHitRank: number | null }[];
};

/**
 * A hit is a chunk of the gold document whose 1-based line span overlaps a gold range (the gold file
 * counts lines from 0). recall@k is the share of a question's gold ranges covered by its top k,
 * averaged over answerable questions; MRR@10 uses the first hit.
 */
export async function evaluateRetrieval(questions: readonly RetrievalQuestion[], search: (question: string) => Promise<SearchHit[]>): Promise<RetrievalEvaluation> {
  const answerable = questions.filter((question) => (question.gold?.length ?? 0) > 0);
  let recall1 = 0;
  let recall5 = 0;
  let recall10 = 0;
  let mrr = 0;
  const perQuestion: RetrievalEvaluation['perQuestion'] = [];
  for (const question of answerable) {
    const hits = (await search(question.question)).slice(0, 10);
    const covers = (hit: SearchHit, gold: { start: number; end: number }) =>
      hit.lines !== null && (!question.document || hit.document === question.document)
      && hit.lines[0] <= gold.end + 1 && hit.lines[1] >= gold.start + 1;
    const recallAt = (k: number) => question.gold!.filter((gold) => hits.slice(0, k).some((hit) => covers(hit, gold))).length / question.gold!.length;
    recall1 += recallAt(1);
    recall5 += recallAt(5);
    recall10 += recallAt(10);
    const rank = hits.findIndex((hit) => question.gold!.some((gold) => covers(hit, gold)));
    if (rank >= 0) mrr += 1 / (rank + 1);
    perQuestion.push({ id: question.id, firstHitRank: rank >= 0 ? rank + 1 : null });
  }
  const count = Math.max(1, answerable.length);
  return {
    questions: questions.length, answerable: answerable.length, recallAt1: recall1 / count, recallAt5: recall5 / count,
    recallAt10: recall10 / count, mrrAt10: mrr / count, perQuestion,
  };
}
