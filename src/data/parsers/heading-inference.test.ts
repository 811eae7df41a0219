import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeDocx, writeHwpx } from '../../../test/helpers/office-files.js';
import { chunkDocument } from '../chunker.js';
import type { ParsedDocument } from './document-parser.js';
import { withInferredHeadings } from './heading-inference.js';
import { parseFile } from './index.js';

/** An HWP file's body as parsed without heading styles: one paragraph block per paragraph. */
const hwpParagraphs = (paragraphs: readonly string[]): ParsedDocument => ({
  format: 'hwp', headersFooters: [], metadata: {}, warnings: [], blocks: paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
});

const headingsOf = (document: ParsedDocument) =>
  document.blocks.filter((block) => block.kind === 'heading').map((block) => `${block.level} ${block.text}`);

test('an HWPX report written without heading styles gets its □ titles as headings, and its chunks their section', async () => {
  const bytes = writeHwpx([
    { text: '생성형 AI 행정업무 활용 계획(안)' },
    { text: 'Ⅰ. 추진 개요' },
    { text: '□ 추진 배경' },
    { text: '○ 생성형 AI의 확산으로 공무원의 업무 활용 수요가 증가함' },
    { text: '주요국 지침 현황', list: { ordered: false, level: 0 } },
    { text: '□ 현황 및 문제점' },
    { text: '○ 기관별로 허용 범위가 달라 현장 혼선 발생' },
    { text: 'Ⅱ. 추진 계획' },
    { text: '□ 주요 내용' },
    { text: '○ 입력 금지 정보: 비공개 정보, 개인정보' },
  ]);
  const parsed = await parseFile(bytes, '활용계획.hwpx');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  assert.deepEqual(headingsOf(parsed.document), ['1 Ⅰ. 추진 개요', '2 □ 추진 배경', '2 □ 현황 및 문제점', '1 Ⅱ. 추진 계획', '2 □ 주요 내용']);
  const chunks = chunkDocument(parsed.document, { maxLines: 24, maxChars: 30 });
  assert.equal(chunks.findLast((chunk) => chunk.text.includes('입력 금지 정보'))?.section, 'Ⅱ. 추진 계획 > □ 주요 내용');
  // Every word of the document is still there, in order.
  const text = parsed.document.blocks.map((block) => ('text' in block ? block.text : '')).join('\n');
  assert.ok(text.indexOf('주요국 지침 현황') > text.indexOf('추진 배경') && text.indexOf('주요국 지침 현황') < text.indexOf('현황 및 문제점'));
});

test('a regulation saved as DOCX without heading styles gets its chapters, articles and addenda', async () => {
  const bytes = writeDocx([
    { text: '정보보안 업무 규정' },
    { text: '제1장 총칙' },
    { text: '제1조(목적) 이 규정은 정보보안 업무에 필요한 사항을 정한다.' },
    { text: '제2조(정의) 이 규정에서 사용하는 용어의 뜻은 다음과 같다.' },
    { text: '"보조기억매체"란 USB 메모리 등을 말한다.', list: { ordered: true, level: 0 } },
    { text: '부칙' },
    { text: '이 규정은 발령한 날부터 시행한다.' },
  ]);
  const parsed = await parseFile(bytes, '정보보안규정.docx');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  assert.deepEqual(headingsOf(parsed.document), ['1 제1장 총칙', '2 제1조(목적)', '2 제2조(정의)', '1 부칙']);
  assert.ok(parsed.document.blocks.some((block) => block.kind === 'paragraph' && block.text === '이 규정은 정보보안 업무에 필요한 사항을 정한다.'));
});

test('a document with heading styles keeps the headings its author gave it', () => {
  const document: ParsedDocument = {
    format: 'hwpx', headersFooters: [], metadata: {}, warnings: [],
    blocks: [
      { kind: 'heading', level: 1, text: '개요' },
      { kind: 'paragraph', text: '□ 추진 배경' },
      { kind: 'paragraph', text: '○ 수요 증가' },
    ],
  };
  assert.equal(withInferredHeadings(document), document);
  // Without one, the same paragraphs are read.
  const plain = { ...document, blocks: document.blocks.slice(1) };
  assert.deepEqual(headingsOf(withInferredHeadings(plain)), ['1 □ 추진 배경']);
});

test('a regulation with styled chapters gets its articles as headings under them; their bodies stay at their lines', async () => {
  const markdown = ['# 복무 규정', '', '## 제2장 근무', '', '제3조(근무시간) ① 근무시간은 오전 9시부터 오후 6시까지로 한다.', '② 점심시간은 낮 12시부터 오후 1시까지로 한다.', '',
    '제4조(유연근무) 유연근무는 1일 전까지 신청한다.', '', '## 부칙', '', '이 규정은 2025년 3월 1일부터 시행한다.'].join('\n');
  // 부칙 written as a plain line closes the last article: a heading beside the chapters.
  const plainAddenda = await parseFile(new TextEncoder().encode(markdown.replace('## 부칙', '부칙')), '복무규정.md');
  assert.ok(plainAddenda.ok);
  assert.deepEqual(headingsOf(plainAddenda.document).slice(-1), ['2 부칙']);
  const parsed = await parseFile(new TextEncoder().encode(markdown), '복무규정.md');
  assert.ok(parsed.ok);
  assert.deepEqual(headingsOf(parsed.document), ['1 복무 규정', '2 제2장 근무', '3 제3조(근무시간)', '3 제4조(유연근무)', '2 부칙']);
  const body = parsed.document.blocks.find((block) => block.kind === 'paragraph' && block.text.startsWith('① 근무시간'));
  assert.deepEqual(body && 'lines' in body ? body.lines : null, [5, 6]);
  const [chunk] = chunkDocument(parsed.document);
  assert.deepEqual(chunk!.innerSections?.map((inner) => inner.section), ['복무 규정 > 제2장 근무', '복무 규정 > 제2장 근무 > 제3조(근무시간)', '복무 규정 > 제2장 근무 > 제4조(유연근무)', '복무 규정 > 부칙']);
  // Not a regulation (one article mentioned): left as written.
  const memo = await parseFile(new TextEncoder().encode('# 메모\n\n제3조(근무시간)에 따라 9시 출근.'), 'memo.md');
  assert.ok(memo.ok);
  assert.deepEqual(headingsOf(memo.document), ['1 메모']);
});

test('where every line is a paragraph, a marked 개조식 statement over its items is not taken for a title', () => {
  const document = hwpParagraphs([
    'Ⅱ. 상반기 추진 실적',
    '□ 디지털 배움터 운영',
    '○ 상반기 교육 인원 32만 명',
    '□ (교육 과정) 기초·생활·심화 3단계 과정 운영',
    '- 기초: 스마트폰 기본 사용',
    '□ 디지털 전환이 가속화되면서 정보취약계층의 접근성 격차가 사회문제로 대두',
    '○ 고령층의 디지털정보화 수준은 일반국민 대비 70.7%',
  ]);
  assert.deepEqual(headingsOf(withInferredHeadings(document)), ['1 Ⅱ. 상반기 추진 실적', '2 □ 디지털 배움터 운영']);
});

test('a question broken over two paragraphs before its answer is one heading', () => {
  const document = hwpParagraphs(['■ 전입 신고', 'Q6. 외국인 배우자와 함께 이사한 경우에는', '어떻게 신고하나요?', 'A. 체류지 변경신고를 하셔야 합니다.', 'Q7. 신고 기한은 언제까지인가요?', 'A. 14일 이내입니다.']);
  const inferred = withInferredHeadings(document);
  assert.deepEqual(headingsOf(inferred), ['1 ■ 전입 신고', '2 Q6. 외국인 배우자와 함께 이사한 경우에는 어떻게 신고하나요?', '2 Q7. 신고 기한은 언제까지인가요?']);
  assert.ok(!inferred.blocks.some((block) => block.kind === 'paragraph' && block.text === '어떻게 신고하나요?'), 'the second half is in the heading, not a paragraph');
});
