import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkDocument } from '../chunker.js';
import { parseFile } from './index.js';
import { articleLabel, headingLevels, partHeading, plainTextHeadingKind } from './plain-text-headings.js';

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
  const kinds = ['number', 'mark:■', 'mark:▶', 'mark:■', 'number'] as const;
  const levels = headingLevels(kinds);
  assert.deepEqual(kinds.map((kind) => levels.get(kind)), [1, 2, 3, 2, 1]);
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

const headingLevelsOf = async (text: string) => {
  const parsed = await parseFile(new TextEncoder().encode(text), 'doc.txt');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.document.blocks.filter((block) => block.kind === 'heading').map((block) => `${block.level} ${block.text} ${block.lines?.join('-')}`);
};

test('a statute\'s chapters, sections, articles and addenda are headings in statutory order', async () => {
  const statute = [
    'OO시 공공데이터 조례', '',
    '제1장 총칙', '',
    '제1조(목적) 이 조례는 공공데이터의 제공에 필요한 사항을 규정함을 목적으로 한다.', '',
    '제2조(정의) 이 조례에서 사용하는 용어의 뜻은 다음과 같다.',
    '1. "공공데이터"란 시가 관리하는 정보를 말한다.',
    '2. "이용"이란 공공데이터를 활용하는 행위를 말한다.', '',
    '제2장 제공 기반', '',
    '제1절 기본계획', '',
    '제3조(기본계획) ① 시장은 3년마다 기본계획을 수립하여야 한다.',
    '② 기본계획은 제2조제1항에 따른 공공데이터를 대상으로 한다.',
    '제3조의2(시행계획) 시장은 매년 시행계획을 수립한다.',
    '제4조 삭제 <2021. 3. 2.>', '',
    '제2절 위원회', '',
    '제5조(위원회) 시장은 위원회를 둔다.', '',
    '부칙 <제987호, 2015. 7. 1.>',
    '제1조(시행일) 이 조례는 공포한 날부터 시행한다.',
  ].join('\n');
  assert.deepEqual(await headingLevelsOf(statute), [
    '1 제1장 총칙 3-3',
    '3 제1조(목적) 5-5',
    '3 제2조(정의) 7-7',
    '1 제2장 제공 기반 11-11',
    '2 제1절 기본계획 13-13',
    '3 제3조(기본계획) 15-15',
    '3 제3조의2(시행계획) 17-17',
    '3 제4조 18-18',
    '2 제2절 위원회 20-20',
    '3 제5조(위원회) 22-22',
    '1 부칙 <제987호, 2015. 7. 1.> 24-24',
    '3 제1조(시행일) 25-25',
  ]);
  const parsed = await parseFile(new TextEncoder().encode(statute), 'statute.txt');
  assert.ok(parsed.ok);
  // The article's body stays, without its label, in its own paragraph on the same line.
  assert.deepEqual(parsed.document.blocks.find((block) => block.kind === 'paragraph' && block.lines?.[0] === 15), {
    kind: 'paragraph', text: '① 시장은 3년마다 기본계획을 수립하여야 한다.\n② 기본계획은 제2조제1항에 따른 공공데이터를 대상으로 한다.', lines: [15, 16],
  });
  const chunks = chunkDocument(parsed.document, { maxLines: 1, maxChars: 1200 });
  assert.equal(chunks.findLast((chunk) => chunk.text.includes('3년마다'))?.section, '제2장 제공 기반 > 제1절 기본계획 > 제3조(기본계획)');
  assert.equal(chunks.findLast((chunk) => chunk.text.includes('공포한 날'))?.section, '부칙 <제987호, 2015. 7. 1.> > 제1조(시행일)');
});

test('a dense paste of a regulation: article titles on their own lines, no blank lines, 부 칙 spelled apart', async () => {
  assert.deepEqual(await headingLevelsOf([
    '정보보안 업무 규정',
    '제1장 총칙',
    '제1조 (목적)',
    '이 규정은 정보보안 업무에 필요한 사항을 정한다.',
    '제2조 (적용범위)',
    '이 규정은 모든 직원에게 적용한다. 다만, 제3조 및',
    '제4조에 따라 정하는 경우는 그러하지 아니하다.',
    '제2장 보안 관리',
    '제3조 (비밀번호) 직원은 비밀번호를 9자리 이상으로 정한다.',
    '부 칙',
    '이 규정은 발령한 날부터 시행한다.',
  ].join('\n')), ['1 제1장 총칙 2-2', '2 제1조 (목적) 3-3', '2 제2조 (적용범위) 5-5', '1 제2장 보안 관리 8-8', '2 제3조 (비밀번호) 9-9', '1 부 칙 10-10']);
});

test('article references that a line break put first, and articles outside a statute, are not headings', async () => {
  assert.equal(articleLabel('제3조제1항에 따른 신청서를 제출한다.'), null);
  assert.equal(articleLabel('제3조(정의)에 따른 공공데이터를 말한다.'), null);
  assert.equal(articleLabel('제12조에 따라 처리한다.'), null);
  assert.equal(articleLabel('제5조의2 (전담조직) 시장은 …'), '제5조의2 (전담조직)');
  assert.equal(articleLabel('제7조 ① 시장은 …'), '제7조');
  // One article quoted in a report does not make it a statute.
  assert.deepEqual(await headingsOf(spaced('□ 검토 의견', '제3조(정의) 이 조례에서 사용하는 용어의 뜻은 다음과 같다.', '- 정의 규정을 보완할 필요가 있음')), ['□ 검토 의견']);
});

test('a FAQ\'s questions are headings when an answer follows them', async () => {
  assert.deepEqual(await headingLevelsOf([
    '정보공개 FAQ', '',
    '■ 청구 방법', '',
    'Q1. 정보공개 청구는 어떻게 하나요?',
    'A. 정보공개포털에서 청구하시면 됩니다.', '',
    'Q2. 외국인 배우자와 함께 이사한 경우에는',
    '어떻게 신고하나요?',
    'A. 체류지 변경신고를 하셔야 합니다.', '',
    '■ 수수료', '',
    '문) 수수료는 얼마인가요?',
    '답) 열람은 무료입니다.', '',
    '【질의】 사본은 얼마인가요?',
    '【답변】',
    '○ 1장에 250원입니다.', '',
    'Q3. 답변이 없는 질문은 제목이 아니다',
    '다음 줄도 본문이다.',
  ].join('\n')), [
    '1 ■ 청구 방법 3-3',
    '2 Q1. 정보공개 청구는 어떻게 하나요? 5-5',
    '2 Q2. 외국인 배우자와 함께 이사한 경우에는 어떻게 신고하나요? 8-9',
    '1 ■ 수수료 12-12',
    '2 문) 수수료는 얼마인가요? 14-14',
    '2 【질의】 사본은 얼마인가요? 17-17',
  ]);
});

test('a title over its items with no blank line between, Hangul ordinals, and "label: value" items', async () => {
  assert.deepEqual(await headingsOf([
    '생성형 AI 활용 계획(안)', '',
    '□ 추진 배경',
    ' ○ 생성형 AI의 확산으로 업무 활용 수요가 증가함',
    '  - 주요국은 활용 지침을 이미 발표',
    '□ 현황 및 문제점',
    ' ○ 기관별로 허용 범위가 달라 혼선 발생',
    '□ 2024년 예산 1,200억 원 확보',
    ' ○ 예산 내역은 붙임 참조',
  ].join('\n')), ['□ 추진 배경', '□ 현황 및 문제점']);
  assert.deepEqual(await headingsOf(spaced('가. 온라인 민원', '- 접수 12,300건', '나. 방문 민원', '- 접수 4,100건')), ['가. 온라인 민원', '나. 방문 민원']);
  assert.equal(plainTextHeadingKind('1. 일시: 2024. 5. 31.(금) 14:00'), null);
  assert.equal(plainTextHeadingKind('가. 2023년 12월 31일까지'), null);
});

test('a section number again under another chapter is a new section, not a running header', async () => {
  assert.deepEqual(await headingsOf(spaced(
    '제1장 서론', '제1절 연구의 배경', '- 배경을 적는다.', '제2절 연구의 방법', '- 방법을 적는다.',
    '제2장 현황', '제1절 데이터 보유 현황', '- 현황을 적는다.', '제2절 데이터 활용 실태', '- 실태를 적는다.',
  )), ['제1장 서론', '제1절 연구의 배경', '제2절 연구의 방법', '제2장 현황', '제1절 데이터 보유 현황', '제2절 데이터 활용 실태']);
});

test('a review\'s traps: contents before titles, one 절 title in two chapters, 편 above 장, the last line with no body', async () => {
  // A table of contents lists the titles in a row: a list of the mark, but not the mark's use as a bullet.
  assert.deepEqual(await headingsOf(spaced(
    '□ 추진 배경', '□ 현황', '□ 추진 계획', '□ 추진 배경', '- 본문', '□ 현황', '- 본문', '□ 추진 계획', '- 본문',
  )), ['□ 추진 배경', '□ 현황', '□ 추진 계획']);
  assert.deepEqual(await headingLevelsOf([
    '제1편 총칙', '제1장 통칙', '제1절 통칙', '제1조(목적) 목적을 정한다.', '제2조(정의) 뜻은 다음과 같다.',
    '제2장 운영', '제1절 통칙', '제3조(운영) 운영한다.',
  ].join('\n')), ['1 제1편 총칙 1-1', '2 제1장 통칙 2-2', '3 제1절 통칙 3-3', '4 제1조(목적) 4-4', '4 제2조(정의) 5-5', '2 제2장 운영 6-6', '3 제1절 통칙 7-7', '4 제3조(운영) 8-8']);
  // A title at the very end has nothing under it.
  assert.deepEqual(await headingsOf(spaced('■ 사업 개요', '- 사업비 12억 원', '◆ 끝')), ['■ 사업 개요']);
});

test('counts, English sentences, contact lines, "1장 이내로", quoted dialogue: not titles; tabs and 【】 are read', async () => {
  assert.equal(plainTextHeadingKind('3 개월 동안 시범 운영'), null);
  assert.equal(plainTextHeadingKind('2 차례 회의를 거쳐 확정'), null);
  assert.equal(plainTextHeadingKind('1 개요'), 'number');
  assert.equal(plainTextHeadingKind('3 engineers will work on it'), null);
  assert.equal(plainTextHeadingKind('3. Proposal'), 'number');
  assert.equal(plainTextHeadingKind('1.\t개요'), 'number');
  assert.equal(plainTextHeadingKind('▶ 문의: 홍길동 사무관(044-205-1234)'), null);
  assert.equal(plainTextHeadingKind('■ 제보는 카카오톡 okjebo'), null);
  assert.equal(plainTextHeadingKind('▶ 관련기사 보기'), null);
  assert.equal(plainTextHeadingKind('▶ 에필로그: 인공지능의 편향과 시스템(AI Bias and Systems)'), 'mark:▶');
  assert.equal(partTitle('1.', '"어디 가?"'), null);
  assert.equal(articleLabel('제1조【목적】 이 법은 공공데이터에 관하여 정한다.'), '제1조【목적】');
  assert.deepEqual(await headingsOf(spaced('■ 제출 방법', '1장 이내로 작성하여 제출', '- 파일로 제출')), ['■ 제출 방법']);
  assert.deepEqual(await headingsOf(spaced('1. Introduction', 'We propose a gateway.', '2. Proposal', '3 engineers will work on it.', '3. Risks', 'None.')), ['1. Introduction', '2. Proposal', '3. Risks']);
});

test('a short numbered title opening its paragraph over a sentence is a heading; a wrapped list item is not', async () => {
  assert.deepEqual(await headingsOf(spaced(
    '1. 목적\n주민이 예산 편성 과정에 직접 참여하여 재정 운영의 투명성을 높이고자 함',
    '2. 근거\n가. 「지방재정법」 제39조(지방예산 편성 등 예산과정의 주민 참여)',
  )), ['1. 목적', '2. 근거']);
  assert.deepEqual(await headingsOf(spaced(
    '1. 공공데이터 제공 및 이용 활성화 정책의\n기본방향과 추진 전략에 관한 사항',
    '2. 공공데이터 제공 확대 및 품질 관리에\n관한 사항과 그 밖에 필요한 사항',
  )), []);
});

test('a court decision\'s parts (주 문, 청 구 취 지, 이 유, 판시사항) are headings above its numbered reasons', async () => {
  assert.equal(plainTextHeadingKind('주 문'), 'ruling');
  assert.equal(plainTextHeadingKind('판결요지'), 'ruling');
  assert.equal(plainTextHeadingKind('보 도 자 료'), null, 'a letter-spaced document label is not one of them');
  assert.deepEqual(await headingLevelsOf(spaced(
    '판 결', '사 건 2023구합12345 정보공개거부처분취소', '주 문', '1. 피고의 처분을 취소한다.\n2. 소송비용은 피고가 부담한다.',
    '청 구 취 지', '주문과 같다.', '이 유', '1. 처분의 경위', '원고는 정보공개를 청구하였다.', '2. 판단', '비공개 대상이 아니다.',
  )), ['1 주 문 5-5', '1 청 구 취 지 10-10', '1 이 유 14-14', '2 1. 처분의 경위 16-16', '2 2. 판단 20-20']);
});

test('levels follow nesting where the document shows it: a title directly over another kind is its parent', async () => {
  // □ appears first (under Ⅰ), but "1. 분석 역량 강화" stands directly over "□ 교육 확대": numbers sit above □.
  assert.deepEqual(await headingLevelsOf(spaced(
    'Ⅰ. 추진 개요', '□ 목적', '○ 역량을 높인다.', 'Ⅱ. 추진 과제', '1. 분석 역량 강화', '□ 교육 확대', '○ 연 4,000명', '2. 공유 기반 구축', '□ 통합 플랫폼', '○ 243개 지자체',
  )), ['1 Ⅰ. 추진 개요 1-1', '3 □ 목적 3-3', '1 Ⅱ. 추진 과제 7-7', '2 1. 분석 역량 강화 9-9', '3 □ 교육 확대 11-11', '2 2. 공유 기반 구축 15-15', '3 □ 통합 플랫폼 17-17']);
  // Evidence that contradicts what is known is ignored; without any, first appearance decides.
  const levels = headingLevels(['mark:■', 'number', 'mark:▶'], [['number', 'mark:■'], ['mark:■', 'number']]);
  assert.deepEqual([levels.get('number'), levels.get('mark:■'), levels.get('mark:▶')], [1, 2, 3]);
});

test('a marked agenda item over its points is a heading, however long and full of figures', async () => {
  assert.deepEqual(await headingsOf(spaced(
    '■ 심의 결과',
    '▶ 안건 1. 2024-정보공개-0117호 이의신청(청사 주차장 CCTV 영상)\n - 청구 내용: 주차장 CCTV 영상\n - 결정: 인용(부분공개)',
    '▶ 안건 2. 2024-정보공개-0142호 이의신청(업무추진비 집행 내역)\n - 결정: 일부 인용',
  )), ['■ 심의 결과', '▶ 안건 1. 2024-정보공개-0117호 이의신청(청사 주차장 CCTV 영상)', '▶ 안건 2. 2024-정보공개-0142호 이의신청(업무추진비 집행 내역)']);
  // Not a long marked statement over its items.
  assert.deepEqual(await headingsOf(spaced('Ⅰ. 배경', '□ 2024년 예산 1,200억 원을 확보하여 전국 배움터를 운영함\n ○ 예산 내역은 붙임 참조')), ['Ⅰ. 배경']);
});
