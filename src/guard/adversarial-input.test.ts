import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultGuardChecks } from './default-checks.js';
import { defaultGuardPolicy } from './guard-policy.js';
import { runGuardChain } from './run-guard-chain.js';

// Regular expressions run synchronously: a pattern that reads a run of whitespace in many ways stalls the process,
// and the check's time limit then fails the request closed (test/regex-shapes.test.ts keeps those shapes out).
test('long runs of whitespace and repeats after rule prefixes get a verdict, not a fail-closed time-out', async () => {
  const checks = defaultGuardChecks(defaultGuardPolicy);
  const prefixes = ['[', '(', '<', '이전 지시', '윤리', '남자', '중동 사람', '와이파이', '역할', '비공개'];
  const runs = [' ', '\n', '\u3000', 'ㅋ', '가 '];
  for (const prefix of prefixes) {
    for (const run of runs) {
      const text = `${prefix}${run.repeat(Math.floor(8_000 / run.length))}`.repeat(2);
      for (const direction of ['input', 'output'] as const) {
        const decision = await runGuardChain({ checks, policy: defaultGuardPolicy, input: { text, zone: 'external', direction } });
        assert.ok(!decision.categories.includes('check-error'), `${JSON.stringify(prefix)} + ${JSON.stringify(run)} (${direction}): ${decision.categories.join()}`);
      }
    }
  }
});
