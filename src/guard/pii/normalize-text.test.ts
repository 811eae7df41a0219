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

test('spaces around a hyphen between digits do not hide a number; ranges and sums are left alone', () => {
  for (const [original, type, value] of [
    ['주민번호 900101 - 1234567 고객', 'KR_RRN', '900101 - 1234567'],
    ['신청인 900101 -1234567', 'KR_RRN', '900101 -1234567'],
    ['연락처 010 - 1234 - 5678', 'PHONE', '010 - 1234 - 5678'],
    ['연락처 010 -1234- 5678 입니다', 'PHONE', '010 -1234- 5678'],
  ] as const) {
    const entities = detectPii(original, { includeText: true }).entities;
    assert.deepEqual(entities.map((entity) => [entity.type, entity.text]), [[type, value]], original);
  }
  assert.equal(normalizeText('2020 - 2023년 계획, 3 - 2 = 1').text, '2020-2023년 계획, 3-2 = 1');
  assert.deepEqual(detectPii('2020 - 2023년 계획, 3 - 2 = 1').entities, []);
});

test('characters that show nothing cannot split a number: controls, bidi isolates, fillers, selectors, tags, broken input', () => {
  const hidden = [
    '\u00a0', '\u3000', '\ufffd', '\u0000', '\u0001', '\u007f', '\u0085', '\u2028', '\u2066', '\u2069', '\u061c', '\u3164', '\u115f', '\uffa0',
    '\u034f', '\ufe0f', '\u{E0020}', '\u2800', '\u17b4', '\udc00', '\ud800',
  ];
  for (const character of hidden) {
    const code = [...character].map((unit) => unit.codePointAt(0)!.toString(16)).join(' ');
    const phone = `연락처 010-${character}1234-5678 입니다`;
    const [found] = detectPii(phone, { includeText: true }).entities;
    assert.equal(found?.type, 'PHONE', `U+${code} in a phone number`);
    assert.equal(found?.text, `010-${character}1234-5678`, `U+${code}: the span covers the original characters`);
    const rrn = `고객 정보 900101-${character}1234568 확인`;
    assert.equal(detectPii(rrn).entities[0]?.type, 'KR_RRN', `U+${code} in a resident registration number (no context word)`);
  }
});

test('other scripts\' decimal digits are read as digits (NFKC leaves Arabic-Indic, Devanagari and Thai digits alone)', () => {
  for (const [text, type] of [['주민번호 ٩٠٠١٠١-١٢٣٤٥٦٧ 입니다', 'KR_RRN'], ['전화 ०१०-१२३४-५६७८', 'PHONE'], ['카드 ๔๑๑๑ ๑๑๑๑ ๑๑๑๑ ๑๑๑๑', 'CREDIT_CARD']] as const) {
    const [entity] = detectPii(text).entities;
    assert.equal(entity?.type, type, text);
    assert.match(text.slice(entity!.start, entity!.end), /^[^\s가-힣].*[^\s가-힣]$/, 'offsets into the original');
  }
});
