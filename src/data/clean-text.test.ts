import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanLine, cleanLines } from './clean-text.js';

test('NFC, odd spaces, soft hyphens and zero-width characters are normalised inside a line', () => {
  assert.equal(cleanLine('\u1112\u1161\u11ab\u1100\u1173\u11af'), '한글'); // conjoining jamo (NFD)
  assert.equal(cleanLine('개인\u00ad정보\u200b보호\u00a0\u00a0법\u3000제15조   '), '개인정보보호 법 제15조');
  assert.equal(cleanLine('  - 들여쓰기   유지'), '  - 들여쓰기 유지');
});

test('OCR artifacts: compatibility jamo become syllables, repeated punctuation shrinks; list markers stay', () => {
  assert.equal(cleanLine('ㅎㅏㄴㄱㅡㄹ 문서'), '한글 문서');
  assert.equal(cleanLine('ㄱ. 항목'), 'ㄱ. 항목');
  assert.equal(cleanLine('제1장 총칙 ·············· 3'), '제1장 총칙 ··· 3');
  assert.equal(cleanLine('정말요!!!!!!'), '정말요!!!');
});

test('a hyphenated line break rejoins the word on its first line and keeps the number of lines', () => {
  const cleaned = cleanLines('the infor-\nmation system\n행정-\n안전부');
  assert.deepEqual(cleaned.split('\n'), ['the information', 'system', '행정안전부', '']);
});
