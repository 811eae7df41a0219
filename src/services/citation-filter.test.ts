import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SearchHit } from '../search/index.js';
import { createCitationFilter, validateCitations } from './grounded-answer.js';

const hit = (number: number): SearchHit => ({
  document: `d${number}.txt`, documentId: `d${number}`, version: 1, chunk: String(number), section: null, lines: [1, 2], page: null, score: 1, text: 'x',
});

test('the streaming citation filter gives what validateCitations gives, however the text is split', () => {
  const hits = [hit(1), hit(2)];
  const texts = [
    '민원은 7일 안에 처리합니다 [1]. 연장 시 사유를 알립니다 [7][2]. 근거 [12] 없음 [',
    '[[1]] [2 ] [0] [3] 배열 a[1] 끝[2]',
    '[1',
  ];
  for (const text of texts) {
    const expected = validateCitations(text, hits).text;
    for (let first = 0; first <= text.length; first++) {
      for (const second of [first, Math.min(text.length, first + 1), Math.min(text.length, first + 3)]) {
        const filter = createCitationFilter(hits.length);
        const out = filter.push(text.slice(0, first)) + filter.push(text.slice(first, second)) + filter.push(text.slice(second)) + filter.end();
        assert.equal(out, expected, `split at ${first}/${second}`);
      }
    }
  }
});

test('the filter holds back only a possible marker and the spaces before it, never other text', () => {
  const filter = createCitationFilter(3);
  assert.equal(filter.push('처리 기한은 7일입니다 '), '처리 기한은 7일입니다');
  assert.equal(filter.push('[1'), '');
  assert.equal(filter.push('0] 다음'), ' 다음');
  assert.equal(filter.push(' [2]'), '');
  assert.equal(filter.push('.'), ' [2].');
  assert.equal(filter.end(), '');
});

test('a marker that names no source goes with the space before it, unless a word or another marker follows', () => {
  const hits = [hit(1), hit(2)];
  assert.equal(validateCitations('연장 시 사유를 알립니다 [7].', hits).text, '연장 시 사유를 알립니다.');
  assert.equal(validateCitations('근거 [12] 없음', hits).text, '근거 없음');
  assert.equal(validateCitations('끝입니다 [9]', hits).text, '끝입니다');
  assert.equal(validateCitations('알립니다 [7][2].', hits).text, '알립니다 [2].');
  assert.equal(validateCitations('처리합니다 [1].', hits).text, '처리합니다 [1].');
});
