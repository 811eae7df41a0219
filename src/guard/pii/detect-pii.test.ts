import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii } from './detect-pii.js';
import { resolveOverlaps } from './resolve-overlaps.js';

test('overlaps: the higher score wins, then the longer span', () => {
  const resolved = resolveOverlaps([
    { type: 'PHONE', start: 0, end: 10, score: 0.6 },
    { type: 'BANK_ACCOUNT', start: 0, end: 12, score: 0.85 },
    { type: 'KR_BRN', start: 20, end: 30, score: 0.7 },
    { type: 'KR_DRIVER_LICENSE', start: 18, end: 30, score: 0.7 },
  ]);
  assert.deepEqual(resolved.map((entity) => entity.type), ['BANK_ACCOUNT', 'KR_DRIVER_LICENSE']);
});

test('overlaps among many candidates: the same choice as comparing each with every kept one', () => {
  const candidates = Array.from({ length: 200 }, (_, index) => ({
    type: index % 3 === 0 ? 'PHONE' as const : 'PERSON' as const,
    start: (index * 7) % 150,
    end: (index * 7) % 150 + 1 + (index % 9),
    score: [0.5, 0.6, 0.85][index % 3]!,
  }));
  const ranked = [...candidates].sort((a, b) => b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const expected: typeof candidates = [];
  for (const candidate of ranked) {
    if (expected.every((other) => candidate.end <= other.start || candidate.start >= other.end)) expected.push(candidate);
  }
  assert.deepEqual(resolveOverlaps(candidates), expected.sort((a, b) => a.start - b.start));
});

test('long inputs of one repeated shape: every finding, none lost to overlap handling', () => {
  assert.equal(detectPii('김철수 '.repeat(25_000)).entities.length, 25_000);
  assert.equal(detectPii('서울특별시 종로구 세종대로 209 '.repeat(3_000)).entities.length, 3_000);
  assert.deepEqual(detectPii('1'.repeat(100_000)).entities, []);
  assert.deepEqual(detectPii('12-'.repeat(33_000)).entities, []);
  assert.deepEqual(detectPii('가 1 '.repeat(25_000)).entities, []);
});

test('several types in one sentence, sorted by position, without text unless asked', () => {
  const text = '담당자 김민수 주무관(minsu@korea.kr, 02-2100-3000), 사업자등록번호 104-86-56659';
  const { entities } = detectPii(text);
  assert.deepEqual(entities.map((entity) => entity.type), ['PERSON', 'EMAIL', 'PHONE', 'KR_BRN']);
  assert.ok(entities.every((entity) => entity.text === undefined));
  assert.deepEqual(detectPii(text, { types: ['EMAIL'] }).entities.map((entity) => entity.type), ['EMAIL']);
});

test('bad input never throws: empty, binary junk, lone surrogates, a long string', () => {
  assert.deepEqual(detectPii('').entities, []);
  detectPii('\u0000\uffff\ud800abc\udc00 010-1234-5678 \ud83d');
  const long = '가나다 010-1234-5678 '.repeat(20_000);
  assert.equal(detectPii(long).entities.length, 20_000);
});

test('a typical sentence takes well under a millisecond', () => {
  const sentence = '민원인 홍길동(010-1234-5678)이 서울특별시 종로구 세종대로 209에서 주민등록번호 820904-1865709를 제출했다.';
  for (let round = 0; round < 200; round++) detectPii(sentence);
  const rounds = 2000;
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) detectPii(sentence);
  const microseconds = Number(process.hrtime.bigint() - started) / 1000 / rounds;
  // Generous bound: a shared 2-core CI machine must not flake; measured values are in BENCHMARKS.md.
  assert.ok(microseconds < 1000, `${microseconds.toFixed(1)} µs per sentence`);
});
