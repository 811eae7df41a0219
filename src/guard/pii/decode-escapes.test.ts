import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEscapes } from './decode-escapes.js';
import { detectPii } from './detect-pii.js';
import { maskPii } from './mask-pii.js';

const spelled = (value: string, escape: (code: number) => string) => [...value].map((character) => escape(character.codePointAt(0)!)).join('');
const rrn = '870713-1234562';
const phone = '010-1234-5678';

test('escapes decode to what a reader sees, each character mapped back to the escape that wrote it', () => {
  const decoded = decodeEscapes('전화 &#48;1&#x30; \\u0031\\x32%33%EB%8C%80 <b>끝</b>')!;
  assert.equal(decoded.text, '전화 010 123대 끝', 'a tag that only styles text leaves nothing');
  const at = (needle: string) => {
    const start = decoded.text.indexOf(needle);
    return decoded.toOriginal(start, start + needle.length);
  };
  assert.deepEqual(at('010'), { start: 3, end: 15 });
  assert.deepEqual(at('대'), { start: 29, end: 38 }, 'a Korean letter is its three percent-encoded bytes');
  assert.equal(decodeEscapes('할인율 50% 이상, a < b, R&D, 경로 C:\\data'), null, 'prose and paths have no escape');
  assert.equal(decodeEscapes('%ZZ &#xZZ; &unknown; \\uXYZW %C0'), null, 'malformed escapes are left as written');
});

test('personal data written as escapes is found and masked whole, escapes included', () => {
  const cases = [
    `주민번호 ${spelled(rrn, (code) => `&#${code};`)} 입니다`,
    `주민번호 ${spelled(rrn, (code) => `&#x${code.toString(16)};`)} 입니다`,
    `주민번호 ${spelled(rrn, (code) => `&#${code}`)} 입니다`,
    `연락처 ${spelled(phone, (code) => `\\u${code.toString(16).padStart(4, '0')}`)} 입니다`,
    `연락처 ${spelled(phone, (code) => `%${code.toString(16)}`)} 입니다`,
    '연락처 010<b>-</b>1234<span class="x">-</span>5678 입니다',
    // A security re-test: a styling tag around each digit, a comment, named dashes.
    '연락처 <i>0</i><i>1</i><i>0</i>-<i>2</i>345-6789 입니다', '연락처 010<!-- x -->-2345-6789 입니다', '연락처 010&hyphen;2345&dash;6789 입니다',
  ];
  for (const text of cases) {
    const { entities } = detectPii(text, { includeText: true });
    assert.equal(entities.length, 1, text);
    const masked = maskPii(text, entities, { kind: 'placeholder' });
    // A styling tag before the first digit may stay: it spells nothing.
    assert.match(masked.replace(/<\/?i>/g, ''), /^(주민번호|연락처) \[(주민등록번호|전화번호)\] 입니다$/, `${text} → ${masked}`);
  }
  // Plain values beside escapes keep their exact spans.
  const text = '&lt;담당&gt; 010-9876-5432';
  const [entity] = detectPii(text, { includeText: true }).entities;
  assert.equal(entity?.text, '010-9876-5432');
});

test('digits read aloud (a transcript) are read as digits; short runs of digit syllables are words', () => {
  const cases: [string, string][] = [
    ['연락처는 공일공 일이삼사 오육칠팔이 맞아요', '연락처는 [전화번호]이 맞아요'],
    ['전화 공일공-일이삼사-오육칠팔 로 주세요', '전화 [전화번호] 로 주세요'],
    ['주민번호 팔칠공칠일삼 일이삼사오육이 입니다', '주민번호 [주민등록번호] 입니다'],
    ['주민번호 팔 칠 공 칠 일 삼 - 일 이 삼 사 오 육 이 입니다', '주민번호 [주민등록번호] 입니다'],
  ];
  for (const [text, expected] of cases) assert.equal(maskPii(text, detectPii(text).entities, { kind: 'placeholder' }), expected, text);
  for (const text of ['사오십 명이 일일이 확인했다', '일이삼사오육칠팔구 순서로 번호를 매긴다', '이사 일정 오일 연기', '일이삼 다시 말씀드리면']) {
    assert.deepEqual(detectPii(text).entities.filter((entity) => entity.type !== 'PERSON'), [], text);
  }
});

test('the hyphen read aloud (다시) joins the runs of a number read aloud', () => {
  const cases: [string, string][] = [
    ['주민번호 팔공공일공일 다시 일이삼사오육공 입니다', '주민번호 [주민등록번호] 입니다'],
    ['전화 공일공 다시 일이삼사 다시 오육칠팔 로 주세요', '전화 [전화번호] 로 주세요'],
  ];
  for (const [text, expected] of cases) assert.equal(maskPii(text, detectPii(text).entities, { kind: 'placeholder' }), expected, text);
});

test('groups of digits and of digits read aloud, mixed between hyphens, are read as one number', () => {
  const cases: [string, string][] = [
    ['번호는 010-삼사오육-7890 입니다', '번호는 [전화번호] 입니다'],
    ['연락처 공일공-1234-5678로 주세요', '연락처 [전화번호]로 주세요'],
    ['주민번호 800101-일이삼사오육공', '주민번호 [주민등록번호]'],
  ];
  for (const [text, expected] of cases) assert.equal(maskPii(text, detectPii(text).entities, { kind: 'placeholder' }), expected, text);
  // Words joined by hyphens, a word glued to a number, a short mix: nothing to read, and a plain number keeps its span.
  assert.equal(decodeEscapes('경제-산업-사회 키워드'), null);
  assert.equal(decodeEscapes('2024-이삼 회의'), null);
  const text = '연락처 010-1234-5678사이 시간';
  assert.deepEqual(detectPii(text, { includeText: true }).entities.map((entity) => entity.text), ['010-1234-5678']);
});
