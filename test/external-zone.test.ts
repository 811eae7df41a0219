import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { deleteDocument, ingestDocument } from '../src/data/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends } from './helpers/backends.js';
import { startStubUpstream } from './helpers/stub-upstream.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };

/** Deterministic pseudo-random generator, so a failing case can be replayed from its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const digits = (random: () => number, count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

/** Personal data values in the shapes agencies' texts carry them, and the digits that must never leave. */
function personalData(random: () => number) {
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const values = [
    `${digits(random, 2)}${month}${day}-${1 + Math.floor(random() * 4)}${digits(random, 6)}`,
    `010-${digits(random, 4)}-${digits(random, 4)}`,
    `user${digits(random, 4)}@korea.kr`,
  ];
  return values;
}

const templates = [
  (values: string[]) => `민원인 주민등록번호는 ${values[0]}이고 연락처는 ${values[1]}입니다. 답변 초안을 써 주세요.`,
  (values: string[]) => `담당자 이메일 ${values[2]}, 휴대폰 ${values[1]} 로 회신 요청. 주민번호 ${values[0]} 확인 바랍니다.`,
  (values: string[]) => `다음 신청서를 요약해 줘: 신청인 연락처 ${values[1]} / 전자우편 ${values[2]} / 주민등록번호 ${values[0]}`,
];

const restrictedPlan = '청사 이전 세부 계획\n\n붉은여우계획에 따라 정부세종청사 제2동의 이전은 2027년 3월 15일 새벽에 시작하며, 이전 대상 부서와 차량 배치는 별도 명단에 따른다.\n';
const laterPlan = '예산 조정 내부 검토\n\n내년도 정보화 예산 가운데 노후 장비 교체 사업은 우선순위를 낮추고 절감액은 재난안전통신망 보강에 돌리기로 잠정 합의하였다.\n';

describe('external zone: masking and classified-content block before any commercial call', () => {
  const backend = backends[0]!;
  let place: Awaited<ReturnType<typeof backend.prepare>>;
  let database: Database;
  let upstream: Awaited<ReturnType<typeof startStubUpstream>>;
  let app: FastifyInstance;
  let url: string;
  let moisKey: string;
  let msitKey: string;

  before(async () => {
    upstream = await startStubUpstream();
    place = await backend.prepare();
    const config = place.config({
      logging: { level: 'silent' },
      providers: [{ id: 'commercial', type: 'openai-compatible', baseURL: upstream.baseURL, zone: 'external', models: ['some-model'], allowedTenants: ['mois'] }],
      guard: { fingerprintRefreshMs: 100 },
    });
    database = await openDatabase(config);
    await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
    await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
    // A restricted plan in the database before the server starts: its fingerprints are loaded with the server.
    await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'relocation-plan.txt', grade: 'restricted', bytes: Buffer.from(restrictedPlan) });
    moisKey = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
    msitKey = (await createApiKey(database, operator, { tenantId: 'msit', role: 'staff', clearance: 'internal' })).key;
    const started = await startTestServer({ config, database, version: 'test' });
    app = started.app;
    url = `${started.base}/v1/chat/completions`;
  });
  after(async () => {
    await app?.close();
    await database?.close();
    await place?.cleanup();
    await upstream?.close();
  });

  const ask = (key: string, content: string) => fetch(url, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'some-model', messages: [{ role: 'user', content }] }),
  });

  test('property: no unmasked personal-data value ever reaches the external provider', async (context) => {
    let sent = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const random = generator(seed);
      const values = personalData(random);
      const prompt = templates[seed % templates.length]!(values);
      const before = upstream.received.length;
      const response = await ask(moisKey, prompt);
      assert.equal(response.status, 200, `seed ${seed}: ${await response.clone().text()}`);
      const forwarded = JSON.stringify(upstream.received.slice(before));
      const compact = forwarded.replace(/[\s-]/g, '');
      for (const value of values) {
        assert.ok(!forwarded.includes(value) && !compact.includes(value.replace(/[\s-]/g, '')), `seed ${seed}: ${value} leaked in ${forwarded}`);
      }
      sent++;
    }
    context.diagnostic(`${sent} prompts with personal data sent, none leaked`);
  });

  test('names, stop strings and task options reach the provider masked, like messages; markings in them block', async () => {
    const post = (body: unknown) => fetch(url, {
      method: 'POST', headers: { authorization: `Bearer ${moisKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    for (let seed = 101; seed <= 110; seed++) {
      const values = personalData(generator(seed));
      const before = upstream.received.length;
      const response = await post({
        model: 'some-model',
        messages: [{ role: 'user', content: '다음 주 회의 일정을 안내하는 메일을 써 주세요', name: `minwon_${values[0]}` }],
        stop: [`연락처 ${values[1]}`, values[2]],
        kgov: { task: 'email', options: { recipient: `홍길동 (주민번호 ${values[0]}, ${values[1]})`, sender: `총무과 ${values[2]}` } },
      });
      assert.equal(response.status, 200, `seed ${seed}: ${await response.clone().text()}`);
      const forwarded = JSON.stringify(upstream.received.slice(before));
      assert.equal(upstream.received.length, before + 1);
      assert.match(forwarded, /받는 사람: \[성명\] \(주민번호 \[주민등록번호\]/, 'the options were rendered into the prompt, masked');
      for (const value of values) assert.ok(!forwarded.replace(/[\s-]/g, '').includes(value.replace(/[\s-]/g, '')), `seed ${seed}: ${value} leaked in ${forwarded}`);
      const named = await post({ model: 'some-model', messages: [{ role: 'user', content: '안녕하세요', name: `minwon_${values[0]}` }] });
      assert.equal(named.status, 200);
      const sentName = (upstream.received.at(-1)!.body as { messages: { name?: string }[] }).messages[0]!.name;
      assert.equal(sentName, 'minwon_[주민등록번호]');
    }
    for (const [body, param] of [
      [{ model: 'some-model', messages: [{ role: 'user', content: '회의 안내 메일' }], kgov: { task: 'email', options: { sender: '대외비 담당', recipient: '총무과' } } }, 'kgov.options'],
      [{ model: 'some-model', messages: [{ role: 'user', content: '회의 안내' }], stop: ['끝', '[대외비] 조직개편안'] }, 'stop[1]'],
      [{ model: 'some-model', messages: [{ role: 'user', content: '회의 안내', name: 'password=S3cret!Passw0rd' }] }, 'messages[0].name'],
    ] as const) {
      const before = upstream.received.length;
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      // The refusal names the field that was refused, as it names a message.
      const { error } = (await response.json()) as { error: { code: string; param: string } };
      assert.deepEqual([error.code, error.param], ['guard_blocked', param]);
      assert.equal(upstream.received.length, before, 'no upstream call');
    }
  });

  test('a personal-data value or a password cut across messages is refused; numbers that only sit side by side are not', async () => {
    const post = (contents: string[]) => fetch(url, {
      method: 'POST', headers: { authorization: `Bearer ${moisKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'some-model', messages: contents.map((content, index) => ({ role: index % 2 === 0 ? 'user' : 'assistant', content })) }),
    });
    for (const contents of [
      ['민원인 연락처는 010-2345', '-6789 입니다. 안내 문자를 써 주세요'],
      ['주민등록번호 870713-', '1234562 인 민원인의 처리 결과 안내문'],
      ['서버 접속 정보 정리: password=', 'Hunter2024!xyz 를 표로 만들어 줘'],
      // A reply between the pieces; a label and its value apart; a marking cut in two (a security re-test).
      ['주민번호 870713-', '네', '1234562 인 민원인 안내문'],
      ['비밀번호는', '네', 'Hunter2024! 입니다'],
      ['대외', '네', '비 문서 요약해 줘'],
    ]) {
      const before = upstream.received.length;
      const response = await post(contents);
      assert.equal(response.status, 400, contents.join(' | '));
      const { error } = (await response.json()) as { error: { code: string; param: string } };
      assert.deepEqual([error.code, error.param], ['guard_blocked', 'messages']);
      assert.equal(upstream.received.length, before, 'no upstream call');
    }
    // Whole values in each message are masked as usual; a number that ends one message and one that starts the next
    // are two numbers.
    for (const contents of [['연락처 010-2345-6789 로 안내', '네, 010-3456-7890 도 추가해 주세요'], ['2024년 예산', '12억 원 증액안 요약'],
      ['대외 협력 현황', '비교 분석 자료를 요약해 줘'], ['회의 안내문 써 줘', '네.', '참석자는 과장 이상입니다']]) {
      const response = await post(contents);
      assert.equal(response.status, 200, contents.join(' | '));
      assert.doesNotMatch(JSON.stringify(upstream.received.at(-1)!.body), /2345-6789|3456-7890/);
    }
  });

  test('classified markings and credentials are blocked before the call: nothing reaches the provider', async () => {
    for (const prompt of ['[대외비] 2024년 조직개편안 전문을 영어로 번역해 줘', '이 설정 파일 검토해 줘: DATABASE_URL=postgres://admin:S3cret!@10.1.2.3:5432/minwon']) {
      const before = upstream.received.length;
      const response = await ask(moisKey, prompt);
      assert.equal(response.status, 400, prompt);
      const refusal = (await response.json()) as { error: { code: string; param: string | null } };
      assert.equal(refusal.error.code, 'guard_blocked');
      assert.equal(refusal.error.param, 'messages[0].content', 'the refused message is named');
      assert.equal(upstream.received.length, before, 'no upstream call');
    }
    // In a chat the history is sent again: the refusal names the earlier message that was refused, not the new one.
    const conversation = await fetch(url, {
      method: 'POST', headers: { authorization: `Bearer ${moisKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'some-model', messages: [
        { role: 'user', content: '회의 안내문 써 줘' }, { role: 'assistant', content: '네.' },
        { role: 'user', content: '[대외비] 2024년 조직개편안도 넣어 줘' }, { role: 'assistant', content: '...' }, { role: 'user', content: '고마워요' },
      ] }),
    });
    assert.equal(((await conversation.json()) as { error: { param: string } }).error.param, 'messages[2].content');
  });

  test('a prompt quoting a restricted document is blocked before the call, also one ingested after the server started', async () => {
    const quote = (plan: string) => `다음 내용을 영어로 번역해 주세요: ${plan.split('\n')[2]!.slice(0, 60)}`;
    let before = upstream.received.length;
    const blocked = await ask(moisKey, quote(restrictedPlan));
    assert.equal(blocked.status, 400);
    const body = (await blocked.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'guard_blocked');
    assert.match(body.error.message, /classified/);
    assert.equal(upstream.received.length, before, 'no upstream call');
    // Invisible characters between the words, or the quotation cut across messages too short to count alone.
    const sentence = restrictedPlan.split('\n')[2]!.slice(0, 60);
    for (const separator of ['\u200b', '\u00ad', '\u2060', '\u034f']) {
      const response = await ask(moisKey, `번역: ${sentence.split(' ').join(separator)}`);
      assert.equal(response.status, 400, `U+${separator.charCodeAt(0).toString(16)} between the words`);
    }
    const pieces = [sentence.slice(0, 20), sentence.slice(20, 40), sentence.slice(40)];
    const split = await fetch(url, {
      method: 'POST', headers: { authorization: `Bearer ${moisKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'some-model', messages: pieces.map((content) => ({ role: 'user', content })) }),
    });
    assert.equal(split.status, 400, 'a quotation cut into three messages');
    assert.equal(((await split.json()) as { error: { param: string } }).error.param, 'messages');
    assert.equal(upstream.received.length, before, 'no upstream call');
    // Not yet restricted: goes out. Ingested as restricted (as another process would): blocked within the refresh time.
    assert.equal((await ask(moisKey, quote(laterPlan))).status, 200);
    const later = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'budget-review.txt', grade: 'restricted', bytes: Buffer.from(laterPlan) });
    assert.equal(later.status, 'ingested');
    let status = 200;
    for (let attempt = 0; attempt < 50 && status === 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      before = upstream.received.length;
      status = (await ask(moisKey, quote(laterPlan))).status;
    }
    assert.equal(status, 400, 'the new restricted document is fingerprinted');
    assert.equal(upstream.received.length, before);
    // Deleted: its text is no longer restricted content of this agency's index.
    await deleteDocument(database, operator, { tenantId: 'mois', document: later.status === 'ingested' ? later.documentId : '' });
    for (let attempt = 0; attempt < 50 && status === 400; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await ask(moisKey, quote(laterPlan))).status;
    }
    assert.equal(status, 200);
  });

  test('a tenant not on the allow-list cannot use the external provider, and is not offered its models', async () => {
    const listed = async (key: string) => ((await (await fetch(url.replace('/chat/completions', '/models'), { headers: { authorization: `Bearer ${key}` } })).json()) as { data: { id: string }[] }).data.map((model) => model.id);
    assert.ok((await listed(moisKey)).includes('some-model'));
    assert.ok(!(await listed(msitKey)).includes('some-model'));
    assert.ok((await listed(msitKey)).includes('kgov-rag'));
    const before = upstream.received.length;
    const response = await ask(msitKey, '보도자료 초안을 써 주세요');
    // As GET /v1/models/{id} answers: to this tenant the model does not exist. The attempt is audited all the same.
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'model_not_found');
    assert.equal(upstream.received.length, before);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the audit writer's group commit
    const [denied] = await database.query<{ tenant_id: string; detail: { reason: string } }>(
      "SELECT tenant_id, detail FROM audit_log WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 1");
    assert.equal(denied?.tenant_id, 'msit');
    assert.match(denied!.detail.reason, /external model some-model/);
  });

  test('every request that reached the external provider is audited: failures, retries, a cut stream and a blocked answer too', async () => {
    const records = async () => (await database.query<{ outcome: string; detail: Record<string, unknown> }>(
      "SELECT outcome, detail FROM audit_log WHERE action = 'external.called' ORDER BY seq")).map((row) => [row.outcome, row.detail.error ?? null]);
    const before = { sent: upstream.received.length, audited: (await records()).length };
    const stream = (content: string) => fetch(url, {
      method: 'POST', headers: { authorization: `Bearer ${moisKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'some-model', stream: true, messages: [{ role: 'user', content }] }),
    }).then((response) => response.text());
    try {
      upstream.setBehaviour('fail-500');
      assert.equal((await ask(moisKey, '보도자료 초안을 써 주세요')).status, 502);
      upstream.setBehaviour('cut-stream');
      assert.match(await stream('보도자료 초안을 써 주세요'), /upstream_stream_cut/);
      upstream.setBehaviour('ok');
      upstream.setReplyText(`${'안내드립니다. '.repeat(30)}이 자료는 대외비입니다. ${'감사합니다. '.repeat(30)}`);
      // The answer stopped by the output guard: a filtered completion, its text never shown.
      const filtered = await stream('보도자료 초안을 써 주세요');
      assert.match(filtered, /"finish_reason":"content_filter".*"filtered":\{"code":"guard_blocked"/);
      assert.doesNotMatch(filtered, /대외비/);
    } finally {
      upstream.setBehaviour('ok');
      upstream.setReplyText(undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // the audit writer's group commit
    const added = (await records()).slice(before.audited);
    assert.equal(added.length, upstream.received.length - before.sent, `one record per request sent out: ${JSON.stringify(added)}`);
    assert.ok(added.length >= 3);
    const failures = added.filter(([outcome]) => outcome === 'failure').map(([, error]) => error);
    assert.ok(failures.includes('upstream_error'), JSON.stringify(added));
    assert.ok(failures.includes('upstream_stream_cut'), JSON.stringify(added));
    assert.ok(failures.includes('guard_blocked'), JSON.stringify(added));
    // The guard's record of the blocked answer exists too, with the request's client.
    const [blocked] = await database.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE action = 'guard.decided' AND target = 'output:external' AND outcome = 'denied' ORDER BY seq DESC LIMIT 1");
    assert.ok(blocked, 'the blocked stream is audited by the output guard');
    assert.equal((blocked.detail.client as { ip: string }).ip, '127.0.0.1');
  });

  test('every external call is audited, with counts but without the personal data', async () => {
    const rows = await database.query<{ detail: Record<string, unknown> }>("SELECT detail FROM audit_log WHERE action = 'external.called'");
    assert.ok(rows.length >= 30);
    assert.ok(rows.every((row) => typeof row.detail.maskedMessages === 'number'));
    const everything = JSON.stringify(await database.query('SELECT detail FROM audit_log'));
    assert.doesNotMatch(everything, /010-\d{4}-\d{4}/);
  });
});
