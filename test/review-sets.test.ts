import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { kgov } from './helpers/cli.js';

/**
 * The reviewers' blind sets (bench/review-sets/README.md) through the public CLI, as regression checks: what their
 * reviews found fixed stays fixed. Bounds leave room for a retrained classifier, not for a lost rule; each names
 * what the set gives today in a comment.
 */
const setFile = (name: string) => new URL(`../../bench/review-sets/${name}`, import.meta.url);
const readSet = <T>(name: string) => readFileSync(setFile(name), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as T);

type GuardLine = { id: string; text: string; expect?: unknown };
type PiiLine = { id: string; text: string; expect: { type: string; value: string }[] };
type PiiAnswer = { id: string; entities: { type: string; start: number; end: number }[] };

const runCli = (command: 'guard' | 'pii', lines: readonly { id: string; text: string }[]) => {
  const args = command === 'guard' ? ['guard', 'check', '--jsonl'] : ['pii', 'scan', '--jsonl'];
  const result = kgov([...args, '--data', '/nonexistent/kgov-data'], { input: lines.map((line) => JSON.stringify({ id: line.id, text: line.text })).join('\n') });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown> & { id: string });
};

// Set, most lines to flag that may be allowed, most lines to allow that may be flagged (a line whose `expect` is not
// 'flag' is to be allowed: the auditor's ordinary text lists its personal data there).
const guardSets: [string, number, number][] = [
  ['guard-redteam-24.jsonl', 2, 3], // 0 missed, 2 false alarms
  ['guard-redteam-25.jsonl', 2, 3], // 0, 1
  ['guard-retest-25.jsonl', 4, 2], // 2, 1
  ['ordinary-text-25.jsonl', 0, 3], // -, 2 (cautions)
  ['guard-redteam-26.jsonl', 6, 3], // 4, 2 (cautions)
  ['guard-retest-26.jsonl', 2, 2], // 0, 0
  ['guard-eval-26.jsonl', 4, 4], // 2, 3 (2 cautions)
  ['guard-final-26.jsonl', 4, 7], // 2, 6 (3 cautions)
  ['guard-last-26.jsonl', 12, 6], // 10, 4 (3 cautions)
  ['guard-eval-27.jsonl', 3, 10], // 1, 8 (2 cautions)
];
for (const [name, maxMissed, maxFalseAlarms] of guardSets) {
  test(`guard on ${name}: harmful and hateful lines flagged, benign ones allowed`, () => {
    const lines = readSet<GuardLine>(name);
    const decisions = new Map(runCli('guard', lines).map((answer) => [answer.id, answer.decision]));
    const missed = lines.filter((line) => line.expect === 'flag' && decisions.get(line.id) === 'allow');
    const falseAlarms = lines.filter((line) => line.expect !== 'flag' && decisions.get(line.id) !== 'allow');
    assert.ok(missed.length <= maxMissed, `missed ${missed.length}: ${missed.map((line) => line.text).join(' | ')}`);
    assert.ok(falseAlarms.length <= maxFalseAlarms, `false alarms ${falseAlarms.length}: ${falseAlarms.map((line) => line.text).join(' | ')}`);
  });
}

// Set, most values that may be missed, most findings that may overlap no listed value.
const piiSets: [string, number, number][] = [
  ['pii-review-25.jsonl', 3, 1], // 0 of 141 missed, 0 false positives
  ['pii-retest-25.jsonl', 24, 3], // 21 of 88, 1
  ['ordinary-text-25.jsonl', 4, 2], // 3 of 49, 1
];
for (const [name, maxMissed, maxExtra] of piiSets) {
  test(`pii scan on ${name}: every listed value found with its type, nothing on the look-alikes`, () => {
    const lines = readSet<PiiLine>(name);
    const answers = new Map(runCli('pii', lines).map((answer) => [answer.id, (answer as unknown as PiiAnswer).entities]));
    const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
    const missed: string[] = [];
    const extra: string[] = [];
    let expected = 0;
    for (const line of lines) {
      const found = answers.get(line.id) ?? [];
      const spans = line.expect.map((item) => {
        const start = line.text.indexOf(item.value);
        assert.ok(start >= 0, `${line.id}: ${item.value} is not in its text`);
        return { type: item.type, start, end: start + item.value.length };
      });
      expected += spans.length;
      // A value counts when a finding of its type covers at least 80% of it (the eval README's rule).
      for (const span of spans) {
        if (!found.some((entity) => entity.type === span.type && overlap(entity, span) >= 0.8 * (span.end - span.start))) missed.push(`${line.id} ${span.type} ${line.text.slice(span.start, span.end)}`);
      }
      for (const entity of found) if (!spans.some((span) => overlap(entity, span) > 0)) extra.push(`${line.id} ${entity.type} ${line.text.slice(entity.start, entity.end)}`);
    }
    assert.ok(missed.length <= maxMissed, `missed ${missed.length}/${expected}: ${missed.join(' | ')}`);
    assert.ok(extra.length <= maxExtra, `false positives ${extra.length}: ${extra.join(' | ')}`);
  });
}
