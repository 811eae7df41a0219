import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkDocument } from '../chunker.js';
import { parseFile } from './index.js';
import { HeadingLevels, partTitle, plainTextHeadingKind } from './plain-text-headings.js';

test('section marks, Roman numerals, chapters and numbered titles on their own line are headings', () => {
  const cases: [string, ReturnType<typeof plainTextHeadingKind>][] = [
    ['■ 정의', 'mark:■'],
    ['▶ 에필로그: 인공지능의 편향과 시스템(AI Bias and Systems)', 'mark:▶'],
    ['□ 추진 배경', 'mark:□'],
    ['Ⅲ. 공공분야 초거대 AI 구축방안', 'roman'],
    ['제2장 국내 동향', 'chapter'],
    ['3장 정책 제언', 'chapter'],
    ['Chapter 2', 'chapter'],
    ['2 초거대 AI 정의 및 특징', 'number'],
    ['1. 도서 소개', 'number'],
    ['2 LLM 활용 방식 및 사례 분석', 'number'],
  ];
  for (const [line, kind] of cases) assert.equal(plainTextHeadingKind(line), kind, line);
});

test('list items, sentences, table rows, figures and column labels are not headings', () => {
  for (const line of [
    '○ 민원 처리 기간을 단축함',
    '- 초거대 AI 대부분이 언어 모델임',
    '* IMF는 세계경제성장률을 2.7%로 전망',
    '■ 기존(2021~22년 전망) ■ 신규',
    '■',
    '■ 정부는 2027년까지 공공 부문에 초거대 AI를 도입하고 행정 서비스 전반에 활용할 계획이다.',
    'MT-NLG\t530B\t270B\t2021.10',
    '3 개',
    '12 월',
    '2 1,750억',
    '15',
    '2023년 국가사회 주요 전망',
    '● 2022년 11월 ChatGPT가 발표된 이후 다양한 LLM이 지속적으로 개발됨',
    '● 허깅페이스에서 집계한 통계를 보면, 23년 1월부터 8월까지 발표된 LLM모델이 64개임',
    '출처 : LifeArchitect.ai/models',
    `■ ${'가'.repeat(80)}`,
  ]) {
    assert.equal(plainTextHeadingKind(line), null, line);
  }
});

test('a part\'s bare number and the title on the next line are one heading', () => {
  assert.equal(partTitle('3.', '대규모 언어모델 기반의 공공분야 초거대 AI 도입 방향'), '3. 대규모 언어모델 기반의 공공분야 초거대 AI 도입 방향');
  assert.equal(partTitle('제2장', '국내 동향'), '제2장 국내 동향');
  assert.equal(partTitle('3.', '정부는 초거대 AI를 도입한다.'), null, 'a sentence is no title');
  assert.equal(partTitle('3.', '■ 정의'), null, 'a heading of its own is not merged');
  assert.equal(partTitle('2023.', '국가사회 전망'), null, 'a year is no part number');
  assert.equal(partTitle('3.', '1,750억'), null);
});

test('levels follow the order in which each kind of mark first appears', () => {
  const levels = new HeadingLevels();
  assert.deepEqual(['number', 'mark:■', 'mark:▶', 'mark:■', 'number'].map((kind) => levels.levelOf(kind as never)), [1, 2, 3, 2, 1]);
});

test('a text file\'s chunks carry the section path of its headings', async () => {
  const text = [
    '3.', '', '공공분야 초거대 AI 도입 방향', '',
    '2 초거대 AI 정의 및 특징', '',
    '■ 정의', '',
    '- 초거대 AI는 대용량 데이터를 학습한 모델임', '',
    '■ 초거대 AI 종류', '',
    '[국내외 초거대 AI 종류]', '',
    '기업\t초거대 AI 종류\t파라미터 수',
    '네이버\tHyperClova\t2,040억개', '',
    '3 공공분야 적용', '',
    '- 민원 상담에 활용',
  ].join('\n');
  const parsed = await parseFile(new TextEncoder().encode(text), 'report.txt');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const headings = parsed.document.blocks.filter((block) => block.kind === 'heading').map((block) => [block.level, block.text, block.lines]);
  assert.deepEqual(headings, [
    [1, '3. 공공분야 초거대 AI 도입 방향', [1, 3]],
    [2, '2 초거대 AI 정의 및 특징', [5, 5]],
    [3, '■ 정의', [7, 7]],
    [3, '■ 초거대 AI 종류', [11, 11]],
    [2, '3 공공분야 적용', [18, 18]],
  ]);
  const chunks = chunkDocument(parsed.document, { maxLines: 4, maxChars: 1200 });
  const sectionOf = (needle: string) => chunks.findLast((chunk) => chunk.text.includes(needle))?.section;
  const part = '3. 공공분야 초거대 AI 도입 방향';
  assert.equal(sectionOf('- 초거대 AI는'), `${part} > 2 초거대 AI 정의 및 특징 > ■ 정의`);
  assert.equal(sectionOf('[국내외'), `${part} > 2 초거대 AI 정의 및 특징 > ■ 초거대 AI 종류`);
  assert.equal(sectionOf('- 민원 상담'), `${part} > 3 공공분야 적용`, 'a heading closes the sections below its level');
  // Line spans still count the source lines, headings included.
  assert.deepEqual(chunks.find((chunk) => chunk.text.includes('HyperClova'))?.lines?.[1], 16);
});
