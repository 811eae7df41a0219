import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SearchHit } from '../search/index.js';
import { evidenceIn, textTerms, weighUnits, questionUnitTexts } from './answer-evidence.js';
import { chooseQuotations } from './extractive-answer.js';

/** One passage of a document, as search returns it (only what choosing quotations reads). */
const passage = (text: string): SearchHit => ({
  document: '회의_결과_보고.hwpx', documentId: 'd1', version: 1, chunk: 0, text, section: null, lines: null, page: null, lineRuns: null, score: 1,
} as unknown as SearchHit);

test('a - line under a ○ item carries the item\'s words, indented or not (HWPX and DOCX paragraphs lose their indentation)', () => {
  const question = '새올 데이터 이관 날짜 언제예요';
  const units = weighUnits(questionUnitTexts(question), { passages: 100, documentFrequency: new Map() });
  // The item names 새올; its detail line says when the data moves. Read alone, the detail holds 데이터 and 이관 and the
  // item 새올 and 데이터: a tie the item (first) would win.
  const lines = (indent: string) => [
    '○ (새올 전환) 새올 데이터 정비는 2025. 10. 1. 완료 예정',
    `${indent}- 데이터 이관은 2025. 9. 27.(토) ~ 9. 28.(일) 이틀간 실시`,
  ].join('\n');
  for (const indent of ['  ', '']) {
    const hit = passage(lines(indent));
    const quotations = chooseQuotations(question, units, [hit], [evidenceIn(units, textTerms(hit.text))],
      (one) => [{ text: one.text, section: null, firstLine: 0 }], new Set());
    assert.equal(quotations[0]?.sentence, '데이터 이관은 2025. 9. 27.(토) ~ 9. 28.(일) 이틀간 실시', `indent ${JSON.stringify(indent)}: ${JSON.stringify(quotations)}`);
  }
});
