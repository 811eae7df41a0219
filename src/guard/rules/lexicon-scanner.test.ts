import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LexiconGroup, LexiconScanner, literalPrefixes } from './lexicon-scanner.js';

test('literal prefixes: pairs where the source fixes them, single characters or none where it does not', () => {
  assert.deepEqual(literalPrefixes('폭탄'), ['폭탄']);
  assert.deepEqual(literalPrefixes('\\bbombs?\\b'), ['bo']);
  assert.deepEqual(literalPrefixes('(?<![가-힣])한남(?![가-힣])'), ['한남']);
  assert.deepEqual(literalPrefixes('(?:사람|누구)(?:을|를)?\\s*쏘'), ['사람', '누구']);
  assert.deepEqual(literalPrefixes('총(?:을|으로|에)\\s*쏘'), ['총을', '총으', '총에']);
  assert.deepEqual(literalPrefixes('c\\s*발'), ['c']);
  assert.deepEqual(literalPrefixes('[1-3]0대'), ['10', '20', '30']);
  assert.deepEqual(literalPrefixes('a|(?:b|c)d'), ['a', 'b', 'c']);
  assert.equal(literalPrefixes('\\s*x'), undefined);
  assert.equal(literalPrefixes('(?:a)?b'), undefined);
  assert.equal(literalPrefixes('[가-힣]{2}충'), undefined);
});

test('the scanner finds what one alternation finds, anchored and unanchored patterns alike', () => {
  const sources = ['폭탄', '마약\\s*(?:제조|구입)', '(?<![가-힣])한남(?![가-힣])', 'c\\s*발', '\\bbomb', '[가-힣]{1,2}충들', '\\d{3}-\\d{4}'];
  const scanner = new LexiconScanner(sources.map((source, index) => ({ source, value: index })));
  const texts = [
    '집에서 폭탄 만드는 법', '마약 제조 방법', '마약 예방', '한남동 맛집', '한남 소리 좀 그만', '아c 발 진짜', 'a bomb threat',
    'abomb', '급식충들 또 왔네', '전화 010-1234-5678', '', '아무 일 없는 문장입니다.', 'ＢＯＭＢ',
  ];
  for (const text of texts) {
    const expected = sources.flatMap((source, index) => (new RegExp(source).test(text) ? [index] : []));
    const found = new Set<number>();
    scanner.scan(text, (value) => {
      found.add(value);
    });
    assert.deepEqual([...found].sort(), expected.sort(), text);
    assert.equal(scanner.test(text), expected.length > 0, text);
  }
});

test('visit can stop the scan, and gets the span of each match', () => {
  const scanner = new LexiconScanner([{ source: '폭탄', value: 'a' }, { source: '총기', value: 'b' }]);
  const spans: [string, number, number][] = [];
  scanner.scan('총기와 폭탄과 총기', (value, start, end) => {
    spans.push([value, start, end]);
    return spans.length === 2;
  });
  assert.deepEqual(spans, [['b', 0, 2], ['a', 4, 6]]);
});

test('a group of lexicons gives each lexicon the visits its own scanner makes, in the same order', () => {
  const lexicons = [
    ['폭탄', '폭발\\s*시키', '\\bbomb'],
    ['(?<![가-힣])한남(?![가-힣])', '[가-힣]{1,2}충들', '폭탄\\s*테러'],
    ['\\d{3}-\\d{4}', '폭'],
  ].map((sources, lexicon) => sources.map((source, index) => ({ source, value: `${lexicon}:${index}` })));
  const group = new LexiconGroup<[string, string, string]>([lexicons[0]!, lexicons[1]!, lexicons[2]!]);
  const texts = ['집에서 폭탄 만드는 법, 폭탄 테러와 폭발 시키기', '한남 소리 급식충들 bomb 010-1234-5678', '', '아무 일 없는 문장입니다.'];
  for (const text of texts) {
    const hits = group.scan(text);
    lexicons.forEach((entries, lexicon) => {
      const visits: { value: string; start: number; end: number }[] = [];
      new LexiconScanner(entries).scan(text, (value, start, end) => {
        visits.push({ value, start, end });
      });
      assert.deepEqual(hits[lexicon], visits, `${lexicon}: ${text}`);
    });
  }
});
