import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryGuardAuditSink } from './guard-audit.js';
import { defaultGuardPolicy, parseGuardPolicy } from './guard-policy.js';
import type { GuardCheck } from './guard-types.js';
import { piiCheck } from './checks/pii-check.js';
import { runGuardChain } from './run-guard-chain.js';

const throwing: GuardCheck = { name: 'throwing', directions: ['input'], check: () => { throw new Error('boom 010-1234-5678'); } };
const hanging: GuardCheck = { name: 'hanging', directions: ['input'], check: () => new Promise(() => undefined) };
const allowing: GuardCheck = { name: 'allowing', directions: ['input'], check: () => ({ verdict: 'allow', categories: [], findings: [] }) };
const input = { text: '안녕하세요', zone: 'internal' as const, direction: 'input' as const };

test('fails closed: a check that throws blocks, and its message is not reported', async () => {
  const decision = await runGuardChain({ checks: [allowing, throwing], input });
  assert.equal(decision.verdict, 'block');
  assert.deepEqual(decision.categories, ['check-error']);
  assert.equal(decision.text, undefined);
  assert.ok(!JSON.stringify(decision).includes('boom'));
});

test('fails closed: a check that hangs past its time limit blocks', async () => {
  const policy = parseGuardPolicy({ checks: { injection: { timeoutMs: 20 } } });
  assert.ok(policy.ok);
  const decision = await runGuardChain({ checks: [{ ...hanging, name: 'injection' }], input, policy: policy.policy });
  assert.equal(decision.verdict, 'block');
  assert.equal(decision.results[0]!.findings[0]!.kind, 'timeout');
});

test('a check that times out sees its signal aborted; the checks after it get one that is not', async () => {
  const policy = parseGuardPolicy({ checks: { injection: { timeoutMs: 20 } } });
  assert.ok(policy.ok);
  const seen: AbortSignal[] = [];
  const recording = (name: string, hang: boolean): GuardCheck => ({
    name, directions: ['input'],
    check: (_input, signal) => {
      seen.push(signal);
      return hang ? new Promise(() => undefined) : Promise.resolve({ verdict: 'allow', categories: [], findings: [] });
    },
  });
  const decision = await runGuardChain({ checks: [recording('pii', false), recording('injection', true), recording('safety', false)], input, policy: policy.policy });
  assert.deepEqual(decision.results.map((result) => result.verdict), ['allow', 'block', 'allow']);
  assert.equal(seen[1]!.aborted, true);
  assert.equal(seen[2]!.aborted, false);
});

test("only an explicit onError: 'allow' lets an erroring check pass", async () => {
  const policy = parseGuardPolicy({ checks: { safety: { onError: 'allow' } } });
  assert.ok(policy.ok);
  const decision = await runGuardChain({ checks: [{ ...throwing, name: 'safety' }], input, policy: policy.policy });
  assert.equal(decision.verdict, 'allow');
});

test('policies are validated: unknown fields and bad values are issues, not throws', () => {
  const bad = parseGuardPolicy({ checks: { safety: { onError: 'maybe' } }, unknown: 1 });
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.issues.length >= 2);
  assert.ok(parseGuardPolicy(undefined).ok);
});

test('per-category actions override a check; masking flows to the next check; the audit gets counts, not values', async () => {
  const sink = memoryGuardAuditSink();
  const text = '연락처 010-1234-5678 로 주세요';
  const masked = await runGuardChain({ checks: [piiCheck(defaultGuardPolicy)], input: { ...input, text, zone: 'external' }, audit: { sink, actor: 'test' } });
  assert.equal(masked.verdict, 'caution');
  assert.equal(masked.text, '연락처 [전화번호] 로 주세요');
  assert.deepEqual(sink.events[0]!.findingCounts, { 'pii:PHONE': 1 });
  assert.ok(!JSON.stringify(sink.events).includes('1234'));
  const strict = parseGuardPolicy({ actions: { pii: 'block' } });
  assert.ok(strict.ok);
  const blocked = await runGuardChain({ checks: [piiCheck(strict.policy)], input: { ...input, text }, policy: strict.policy });
  assert.equal(blocked.verdict, 'block');
});
