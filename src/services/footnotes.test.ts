import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Footnotes } from './footnotes.js';

const read = (lines: string[]) => {
  const footnotes = new Footnotes();
  return lines.map((line) => {
    const words = footnotes.read(line);
    return words === null ? null : [...words].sort();
  });
};

test('a footnote line is read under the words its marker stands after', () => {
  assert.deepEqual(read([
    '| 프로비저닝 ¹⁾ XaaS 클라우드 | • 모든것이 서비스화 |',
    '',
    '1) 사용자의 요구에 맞게 시스템 자원을 할당하는 것',
  ]).at(-1)?.includes('w:프로비저닝') ?? false, true);
  // Two-digit markers, a term with its English name in parentheses, a marker in the middle of a sentence.
  const lines = read([
    '① 개인화, ② 폐쇄적인 환경¹⁰⁾, ③ 자산의 공유',
    '▷ 견고성과 신빙성(Robust and Reliable)⁴⁾',
    '4) 다양한 조건에서도 안정적으로 작동하는 성질',
    '10) 외부와 단절된 환경',
  ]);
  assert.ok(lines[2]!.some((term) => term.includes('신빙')), JSON.stringify(lines[2]));
  assert.ok(lines[3]!.some((term) => term.includes('폐쇄')), JSON.stringify(lines[3]));
});

test('a numbered line under no marker is a list item, not a footnote; a footnote comes after its marker', () => {
  assert.deepEqual(read(['1) 인공지능으로 일자리를 바꾸기 위한 노력', '2) 융합적 관점의 직업 역할 강조']), [null, null]);
  assert.deepEqual(read(['1) 먼저 나온 설명', '프로비저닝 ¹⁾ 클라우드']), [null, null]);
});
