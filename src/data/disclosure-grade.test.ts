import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectGrade } from './disclosure-grade.js';
import type { ParsedDocument } from './parsers/index.js';

const document = (...paragraphs: string[]): ParsedDocument =>
  ({ format: 'txt', blocks: paragraphs.map((text) => ({ kind: 'paragraph', text })), headersFooters: [], metadata: {}, warnings: [] }) as ParsedDocument;

test('a stamp on a line of its own, in brackets, or said of the document itself marks it; a sentence about the rules does not', () => {
  assert.equal(detectGrade(document('대외비', '주차장 확장 부지 매입 협상 전략.')), 'restricted');
  assert.equal(detectGrade(document('조직 개편안 초안 (대외비) 부서별 정원 조정과 신설 부서의 업무 분장 검토')), 'restricted');
  // A review: the document declared 대외비 inside a longer line stayed public.
  assert.equal(detectGrade(document('주차장 보수 공사 예산 31억원 집행 계획. 이 문서는 대외비 입니다.')), 'restricted');
  assert.equal(detectGrade(document('본 자료는 비공개로 분류되며 관계 부서 외에는 배포를 금지합니다. 예산 편성 일정 안내.')), 'internal');
  // A security re-test's lines: the document or its grade's label earlier in the sentence.
  for (const line of ['본 문서는 보안 등급상 대외비에 해당하므로 관계자 외 열람을 금지합니다.', '이 문서의 보안등급은 대외비이며 외부 반출을 금지한다 (기획조정실)',
    '보안등급: 대외비 | 작성: 기획조정실 | 작성일: 2025. 3. 2. | 보존기간: 5년', '문서등급 대외비 생산부서 기획조정실 생산일자 2025. 3. 2.',
    '※ 본 보고서는 부서 간 협의 전 초안으로 대외비로서 무단 배포를 금지함']) {
    assert.equal(detectGrade(document('예산 조정 계획', line)), 'restricted', line);
  }
  assert.equal(detectGrade(document('직원이 대외비 문서를 외부로 반출할 때에는 보안담당관의 승인을 받아야 하며 반출 대장에 기록한다.')), null);
  assert.equal(detectGrade(document('비밀번호는 90일마다 바꾸고 기밀성 유지를 위해 공유하지 않는다.')), null);
  assert.equal(detectGrade(document('대외 비교 분석 결과를 공유합니다.')), null);
  assert.equal(detectGrade(document('대외비 교육 자료')), 'restricted');
});
