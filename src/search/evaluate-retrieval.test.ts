import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coversGold, evaluateRetrieval, type RetrievalQuestion } from './evaluate-retrieval.js';
import type { SearchHit } from './search-chunks.js';

const hit = (lines: [number, number], document = 'report.txt') => ({ document, lines }) as unknown as SearchHit;

test('gold lines count from 1, like the hits\' lines: a span ending on a gold line covers it, one ending just before does not', () => {
  assert.equal(coversGold([71, 92], { start: 92, end: 92 }), true);
  assert.equal(coversGold([71, 92], { start: 93, end: 95 }), false);
  assert.equal(coversGold([71, 92], { start: 70, end: 70 }), false);
  assert.equal(coversGold([71, 92], { start: 60, end: 71 }), true);
});

test('recall@k is the share of questions with a hit in the top k (eval README); gold coverage counts ranges', async () => {
  const questions: RetrievalQuestion[] = [
    // Two gold ranges, the first hit covers one of them: a hit at rank 1, half the gold covered.
    { id: 'two', question: 'two', gold: [{ start: 10, end: 12 }, { start: 500, end: 501 }], document: 'report.txt' },
    { id: 'third', question: 'third', gold: [{ start: 300, end: 300 }], document: 'report.txt' },
    { id: 'none', question: 'none', gold: [{ start: 900, end: 900 }], document: 'report.txt' },
    { id: 'unanswerable', question: 'unanswerable' },
  ];
  const hits: Record<string, SearchHit[]> = {
    two: [hit([1, 12]), hit([200, 220])],
    third: [hit([1, 20]), hit([280, 299]), hit([300, 320], 'other.txt'), hit([290, 310])],
    none: [hit([1, 20])],
  };
  const result = await evaluateRetrieval(questions, async (question) => hits[question] ?? []);
  assert.equal(result.answerable, 3);
  assert.equal(result.recallAt1, 1 / 3);
  assert.equal(result.recallAt5, 2 / 3);
  assert.equal(result.recallAt10, 2 / 3);
  assert.equal(result.mrrAt10, (1 + 1 / 4) / 3);
  assert.equal(result.goldCoverageAt5, (0.5 + 1) / 3);
  assert.deepEqual(result.perQuestion.map((entry) => entry.firstHitRank), [1, 4, null]);
});
