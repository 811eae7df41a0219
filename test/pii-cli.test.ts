import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { addCounts, matchSpans, precisionRecall, sumCounts, type TypeCounts } from '../src/guard/pii/score-pii.js';
import { kgov } from './helpers/cli.js';

type GoldLine = { id: string; text: string; entities: { type: string; start: number; end: number }[] };
type AnswerLine = { id: string | number | null; entities?: { type: string; start: number; end: number; score: number }[]; error?: { code: string; message: string } };

const devSet = new URL('../../../shared/eval/pii/kr-pii-dev.jsonl', import.meta.url);
const parseLines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as AnswerLine);

describe('kgov pii scan --jsonl (the real binary)', () => {
  test('answers each line in order with the public contract, and opens no database', () => {
    const input = [
      { id: 'a', text: '연락처 010-1234-5678, 주민등록번호 820904-1865709' },
      { id: 2, text: '법률 제19592호에 따라 예산 1조 9,074억원을 편성' },
    ].map((line) => JSON.stringify(line)).join('\n');
    const result = kgov(['pii', 'scan', '--jsonl', '--data', '/nonexistent/kgov-data'], { input });
    assert.equal(result.status, 0, result.stderr);
    const [first, second] = parseLines(result.stdout);
    assert.equal(first!.id, 'a');
    assert.deepEqual(first!.entities!.map(({ type, start, end }) => ({ type, start, end })), [
      { type: 'PHONE', start: 4, end: 17 }, { type: 'KR_RRN', start: 26, end: 40 },
    ]);
    assert.ok(first!.entities!.every((entity) => Object.keys(entity).join() === 'type,start,end,score'));
    assert.deepEqual(second, { id: 2, entities: [] });
  });

  test('a file saved by Notepad (UTF-8 byte order mark, CRLF) is read like any other', () => {
    const input = '\uFEFF{"id":"bom","text":"연락처 010-1234-5678"}\r\n{"id":"next","text":"없음"}\r\n';
    for (const command of [['pii', 'scan', '--jsonl'], ['guard', 'check', '--jsonl']]) {
      const result = kgov(command, { input });
      assert.equal(result.status, 0, `${command.join(' ')}: ${result.stderr}`);
      const lines = parseLines(result.stdout);
      assert.deepEqual(lines.map((line) => line.id), ['bom', 'next']);
      assert.ok(lines.every((line) => !line.error), result.stdout);
    }
    const scanned = parseLines(kgov(['pii', 'scan', '--jsonl'], { input }).stdout);
    assert.deepEqual(scanned[0]!.entities!.map(({ type, start, end }) => ({ type, start, end })), [{ type: 'PHONE', start: 4, end: 17 }], 'offsets count from after the mark');
  });

  test('a malformed line gets an invalid_request line, the rest are still scanned, and the exit is non-zero', () => {
    // A blank line between lines is answered too (the n-th answer is the n-th line's); blank lines at the end are not.
    // A line without an id is scanned and answered with id null, as kgov search does.
    const input = ['{"id":"ok1","text":"010-1234-5678"}', 'not json', '{"id":"no-text"}', '', '{"id":"ok2","text":"없음"}', '{"text":"010-9876-5432"}', '', ''].join('\n');
    const result = kgov(['pii', 'scan', '--jsonl'], { input, env: { KGOV_LANG: 'en' } });
    assert.equal(result.status, 1);
    const lines = parseLines(result.stdout);
    assert.deepEqual(lines.map((line) => line.id), ['ok1', null, 'no-text', null, 'ok2', null]);
    assert.deepEqual(lines.map((line) => line.error?.code ?? 'ok'), ['ok', 'invalid_request', 'invalid_request', 'invalid_request', 'ok', 'ok']);
    assert.deepEqual(lines[4]!.entities, []);
    assert.equal(lines[5]!.entities![0]!.type, 'PHONE');
    assert.match(result.stderr, /3 invalid input lines/);
  });

  test('quality gate on the development set: minimum F1 overall, for structured types and for names', () => {
    const gold = readFileSync(devSet, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as GoldLine);
    const input = gold.map(({ id, text }) => JSON.stringify({ id, text })).join('\n');
    const result = kgov(['pii', 'scan', '--jsonl'], { input });
    assert.equal(result.status, 0, result.stderr);
    const answers = parseLines(result.stdout);
    assert.equal(answers.length, gold.length);
    const total = new Map<string, TypeCounts>();
    gold.forEach((line, index) => {
      assert.equal(answers[index]!.id, line.id);
      addCounts(total, matchSpans(line.entities, answers[index]!.entities ?? []));
    });
    const structured = precisionRecall(sumCounts([...total].filter(([type]) => type !== 'PERSON').map(([, counts]) => counts)));
    const persons = precisionRecall(total.get('PERSON')!);
    const overall = precisionRecall(sumCounts(total.values()));
    // A little under what BENCHMARKS.md records, so the gate catches regressions rather than noise.
    assert.ok(structured.f1 >= 0.97, `structured F1 ${structured.f1.toFixed(3)}`);
    assert.ok(persons.f1 >= 0.65, `PERSON F1 ${persons.f1.toFixed(3)}`);
    assert.ok(overall.f1 >= 0.84, `overall F1 ${overall.f1.toFixed(3)}`);
  });
});
