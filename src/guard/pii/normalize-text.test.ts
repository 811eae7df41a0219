import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii } from './detect-pii.js';
import { normalizeText, toOriginalSpan } from './normalize-text.js';

test('plain text is left as it is, with no offset map', () => {
  const normalized = normalizeText('연락처 010-1234-5678');
  assert.equal(normalized.text, '연락처 010-1234-5678');
  assert.equal(normalized.originalStart, null);
});

test('full-width digits, zero-width characters and odd dashes are folded, offsets point into the original', () => {
  const original = '전화 ０１０\u200b－１２３４\u2013５６７８ 끝';
  const normalized = normalizeText(original);
  assert.equal(normalized.text, '전화 010-1234-5678 끝');
  const start = normalized.text.indexOf('010');
  const span = toOriginalSpan(normalized, start, start + '010-1234-5678'.length);
  assert.equal(original.slice(span.start, span.end), '０１０\u200b－１２３４\u2013５６７８');
});

test('digits spaced out one by one are joined', () => {
  const original = '번호 0 1 0 - 1 2 3 4 - 5 6 7 8 입니다';
  assert.equal(normalizeText(original).text, '번호 010-1234-5678 입니다');
  const [entity] = detectPii(original, { includeText: true }).entities;
  assert.equal(entity?.type, 'PHONE');
  assert.equal(entity?.text, '0 1 0 - 1 2 3 4 - 5 6 7 8');
});

test('an RRN hidden with zero-width joiners and full-width digits is found with original offsets', () => {
  const original = '주민번호 ８２０９０４\u200d-\u200c1865709';
  const [entity] = detectPii(original, { includeText: true }).entities;
  assert.equal(entity?.type, 'KR_RRN');
  assert.equal(entity?.start, 5);
  assert.equal(entity?.end, original.length);
});

test('offsets are JavaScript string indices, also after astral characters', () => {
  const original = '😀😀 메일 a.b@korea.kr';
  const [entity] = detectPii(original).entities;
  assert.equal(original.slice(entity!.start, entity!.end), 'a.b@korea.kr');
  const decomposed = '\u1112\u1161\u11ab 전화 010-1234-5678'; // conjoining jamo: NFKC composes them into one syllable
  const [phone] = detectPii(decomposed).entities;
  assert.equal(decomposed.slice(phone!.start, phone!.end), '010-1234-5678');
});
