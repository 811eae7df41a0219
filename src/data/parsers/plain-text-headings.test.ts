import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkDocument } from '../chunker.js';
import { parseFile } from './index.js';
import { HeadingLevels, partHeading, plainTextHeadingKind } from './plain-text-headings.js';

const partTitle = (numberLine: string, titleLine: string) => partHeading(numberLine, titleLine)?.text ?? null;

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

const headingsOf = async (text: string) => {
  const parsed = await parseFile(new TextEncoder().encode(text), 'doc.txt');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.document.blocks.filter((block) => block.kind === 'heading').map((block) => block.text);
};
const spaced = (...paragraphs: string[]) => paragraphs.join('\n\n');

test('a heading has a body: numbered items one after another are a list, and a mark used that way is the bullet', async () => {
  // A 공문's checklist, written with blank lines between the items.
  assert.deepEqual(await headingsOf(spaced(
    '□ 점검 항목', '1. 업무용 PC 비밀번호 설정 및 화면보호기 적용 여부', '2. 비인가 저장매체 사용 여부', '3. 개인정보 파일 암호화 및 접근권한 관리 실태',
    '- 점검 결과는 5월 31일까지 제출',
  )), ['□ 점검 항목']);
  // ● opens statements one after another: the document's bullet, not its headings; ■ with a body under it stays.
  assert.deepEqual(await headingsOf(spaced(
    '■ 경제 동향', '● IMF는 24년 세계경제성장률을 3.2%로 전망', '● 소상공인 대출 연체율 1.8%로 상승 추세', '● 6월 고용률 61.2%로 전년 동월 대비 상승',
    '■ 정책 방향', '- 소상공인 경영 안정 지원을 강화한다.',
  )), ['■ 경제 동향', '■ 정책 방향']);
  // A numbered title followed by its own items from 1 is the items' parent; nested numbering restarts at 1.
  assert.deepEqual(await headingsOf(spaced('3 준수 사항', '1 초거대 AI', '- 본문', '2 추진 방향', '- 본문')), ['3 준수 사항', '1 초거대 AI', '2 추진 방향']);
});

test('a numbered title needs a numbered sibling: a 공문\'s "1. 관련" before its prose items is no heading', async () => {
  assert.deepEqual(await headingsOf(spaced(
    '수신 각 부서장', '1. 관련: 대전광역시 유성구 보안업무 시행세칙 제42조',
    '위 호와 관련하여 상반기 보안 점검을 아래와 같이 실시하오니 협조하여 주시기 바랍니다.',
  )), []);
});

test('tables of contents and running headers are not headings', async () => {
  assert.equal(plainTextHeadingKind('제2장 재난안전 데이터 현황 5'), null);
  assert.equal(plainTextHeadingKind('PART 1 정책 동향 ··························· 3'), null);
  assert.equal(plainTextHeadingKind('Ⅱ. 국내외 동향 ······ 12'), null);
  assert.equal(plainTextHeadingKind('Chapter 2'), 'chapter', 'a chapter\'s own number is no page number');
  assert.deepEqual(await headingsOf(spaced(
    'Ⅱ', '국내외 동향', '- 미국은 행정명령으로 AI 안전 기준을 정했다.', 'Ⅱ. 국내외 동향', '- 영국은 AI 안전 연구소를 세웠다.', 'Ⅲ. 공공분야 적용 과제', '- 과제를 정리한다.',
  )), ['Ⅱ 국내외 동향', 'Ⅲ. 공공분야 적용 과제']);
});

test('decimal section numbers, Roman numerals in Latin letters and appendices are headings; an appendix closes every section', async () => {
  assert.equal(plainTextHeadingKind('1.1 접수 절차'), 'number:2');
  assert.equal(plainTextHeadingKind('2.3.1 보완 요청'), 'number:3');
  assert.equal(plainTextHeadingKind('1.5 배'), null);
  assert.equal(plainTextHeadingKind('II. 2023년 운영 결과 분석'), 'roman');
  assert.equal(plainTextHeadingKind('[붙임 1] 주요국 공공부문 생성형 AI 지침 비교'), 'appendix');
  assert.equal(plainTextHeadingKind('【참고】 청년 일경험 지원 사업 유형별 개요'), 'appendix');
  assert.equal(plainTextHeadingKind('[주요 LLM 모델 비교]'), null, 'a table caption is no appendix');
  const parsed = await parseFile(new TextEncoder().encode(spaced(
    'I. 개요', '1. 접수', '1.1 접수 절차', '- 민원을 받는다.', '1.2 유의 사항', '- 기한을 지킨다.', '2. 처리', '- 처리한다.',
    '[붙임 1] 처리 기한표', '- 기한표 내용.',
  )), 'manual.txt');
  assert.ok(parsed.ok);
  const chunks = chunkDocument(parsed.document, { maxLines: 2, maxChars: 1200 });
  assert.equal(chunks.findLast((chunk) => chunk.text.includes('기한을 지킨다'))?.section, 'I. 개요 > 1. 접수 > 1.2 유의 사항');
  assert.equal(chunks.findLast((chunk) => chunk.text.includes('기한표 내용'))?.section, '[붙임 1] 처리 기한표');
});
