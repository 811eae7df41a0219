import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { kgov } from './helpers/cli.js';

/**
 * The reviewers' blind sets (bench/review-sets/README.md) through the public CLI, as regression checks: what their
 * reviews found fixed stays fixed. Bounds leave room for a retrained classifier, not for a lost rule.
 */
const setFile = (name: string) => new URL(`../../bench/review-sets/${name}`, import.meta.url);
const readSet = <T>(name: string) => readFileSync(setFile(name), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as T);

type GuardLine = { id: string; text: string; expect: 'flag' | 'allow'; kind: string };
type PiiLine = { id: string; text: string; expect: { type: string; value: string }[] };
type PiiAnswer = { id: string; entities: { type: string; start: number; end: number }[] };

for (const name of ['guard-redteam-24.jsonl', 'guard-redteam-25.jsonl']) {
  test(`red-team set ${name}: harmful and hateful lines flagged, benign ones allowed`, () => {
    const lines = readSet<GuardLine>(name);
    const result = kgov(['guard', 'check', '--jsonl', '--data', '/nonexistent/kgov-data'], { input: lines.map((line) => JSON.stringify({ id: line.id, text: line.text })).join('\n') });
    assert.equal(result.status, 0, result.stderr);
    const decisions = new Map(result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; decision: string }).map((answer) => [answer.id, answer.decision]));
    const flagged = lines.filter((line) => line.expect === 'flag');
    const benign = lines.filter((line) => line.expect === 'allow');
    const missed = flagged.filter((line) => decisions.get(line.id) === 'allow');
    const falseAlarms = benign.filter((line) => decisions.get(line.id) !== 'allow');
    assert.ok(missed.length <= 2, `missed ${missed.length}/${flagged.length}: ${missed.map((line) => line.text).join(' | ')}`);
    assert.ok(falseAlarms.length <= 3, `false alarms ${falseAlarms.length}/${benign.length}: ${falseAlarms.map((line) => line.text).join(' | ')}`);
  });
}

test('the data-protection officer\'s set: every value found with its type, nothing on the look-alikes', () => {
  const lines = readSet<PiiLine>('pii-review-25.jsonl');
  const result = kgov(['pii', 'scan', '--jsonl', '--data', '/nonexistent/kgov-data'], { input: lines.map((line) => JSON.stringify({ id: line.id, text: line.text })).join('\n') });
  assert.equal(result.status, 0, result.stderr);
  const answers = new Map(result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as PiiAnswer).map((answer) => [answer.id, answer.entities]));
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
  assert.ok(missed.length <= 3, `missed ${missed.length}/${expected}: ${missed.join(' | ')}`);
  assert.ok(extra.length <= 1, `false positives: ${extra.join(' | ')}`);
});
