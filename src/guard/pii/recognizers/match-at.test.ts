import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digitRuns, matchesAt, matchesBeforeDigits, startsBeforeDigits } from './match-at.js';

const anyRun = { lengths: Array.from({ length: 20 }, (_, index) => index + 1), minChain: 1 };

test('digit runs: where each starts, how long it is, and the digits of its chain of single separators', () => {
  const runs = digitRuns('전화 010-1234-5678, 2023년 1.5배 12  34');
  assert.deepEqual(runs.starts, [3, 7, 12, 18, 24, 26, 29, 33]);
  assert.deepEqual(runs.lengths, [3, 4, 4, 4, 1, 1, 2, 2]);
  // 010-1234-5678 is one chain of 11 digits; a double space breaks a chain, a Hangul syllable too.
  assert.deepEqual(runs.chains, [11, 8, 4, 4, 2, 1, 2, 2]);
});

test('starts before digits: offsets, filters, ascending and without duplicates where runs are close', () => {
  assert.deepEqual(startsBeforeDigits('서울 12가3456', [-3, -2, 0], { lengths: [2, 3], minChain: 2 }), [0, 1, 3]);
  assert.deepEqual(startsBeforeDigits('서울 12가3456', [-3, -2, 0], anyRun), [0, 1, 3, 4, 6]);
  assert.deepEqual(startsBeforeDigits('1 2 3', [-2, 0], anyRun), [0, 2, 4]);
  assert.deepEqual(startsBeforeDigits('12 3456 78', [0], { lengths: [2, 4], minChain: 6 }), [0, 3]);
});

test('matches at candidate starts equal a global search when every match begins at one of them', () => {
  const texts = ['010-1234-5678 및 02-123-4567', '01012345678 01056781234', '0101234567890', '', '전화 없음'];
  const global = /(?<![0-9])0\d{1,2}-?\d{3,4}-?\d{4}(?![0-9])/g;
  const sticky = new RegExp(global.source, 'y');
  for (const text of texts) {
    const expected = [...text.matchAll(global)].map((match) => [match.index, match[0]]);
    const found = matchesAt(text, sticky, startsBeforeDigits(text, [0], anyRun)).map((match) => [match.index, match[0]]);
    assert.deepEqual(found, expected, text);
    // The lengths a run can have at the start of this pattern: 2 or 3 digits before a hyphen, 9 to 11 in one run.
    const filter = { lengths: [2, 3, 5, 6, 7, 9, 10, 11], minChain: 9 };
    assert.deepEqual(matchesBeforeDigits(text, sticky, 0, filter).map((match) => [match.index, match[0]]), expected, text);
  }
});

test('after a match the search resumes at its end, as a global search does', () => {
  const text = '1234567';
  const found = matchesAt(text, /\d{3}/y, [0, 1, 2, 3, 4, 5, 6]).map((match) => match[0]);
  assert.deepEqual(found, ['123', '456']);
});
