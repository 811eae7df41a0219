import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FootnoteLines, Footnotes } from './footnotes.js';

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

test('a marked line holds the words of its footnote below it, in a passage without source lines', () => {
  const lines = ['| 연구 경쟁력 | 연구비 ²⁶⁰⁾ | 20억 달러 | 5억 달러 |', '', '259) 다른 설명', '260) 국방을 제외한 공공 AI R&D 예산 기준'];
  const footnoteLines = new FootnoteLines();
  footnoteLines.addPassage('report.pdf#3', lines.join('\n'), (index) => index);
  const notes = lines.map((line, index) => footnoteLines.notesOf('report.pdf#3', index, line));
  assert.ok(notes[0] && [...notes[0]].some((term) => term.includes('예산')), JSON.stringify(notes[0] && [...notes[0]]));
  assert.ok(![...notes[0]!].some((term) => term.includes('다른')));
  assert.deepEqual(notes.slice(1), [null, null, null]);
});

test('a marked line finds its footnote in another passage of its document: the nearest below, within a page', () => {
  const notes = new FootnoteLines();
  notes.addPassage('report@1', '260) 국방을 제외한 공공 AI R&D 예산 기준', () => 340);
  notes.addPassage('report@1', '260) 다른 장의 같은 번호', () => 900);
  notes.addPassage('report@1', '260) 표보다 위에 있는 각주', () => 100);
  notes.addPassage('other@1', '260) 다른 문서', () => 330);
  const words = notes.notesOf('report@1', 325, '| 연구 경쟁력 | 연구비 ²⁶⁰⁾ | 20억 달러 |');
  assert.ok(words && [...words].some((term) => term.includes('예산')));
  assert.ok(![...words!].some((term) => term.includes('다른') || term.includes('위에')));
  assert.equal(notes.notesOf('report@1', 200, '연구비 ²⁶⁰⁾'), null, 'beyond a page below is another chapter\'s note');
  assert.equal(notes.notesOf('report@2', 325, '연구비 ²⁶⁰⁾'), null, 'another version\'s lines are not this one\'s');
  const passage = notes.notesOfPassage('report@1', '표 11\n| 연구 경쟁력 | 연구비 ²⁶⁰⁾ | 20억 달러 |', (index) => 324 + index);
  assert.ok(passage && [...passage].some((term) => term.includes('예산')));
});
