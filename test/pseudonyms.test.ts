import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends } from './helpers/backends.js';
import { startStubUpstream } from './helpers/stub-upstream.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };

// A conversation sent again whole, as chat clients do: 홍길동 in three messages, 김철수 in one.
const conversation = [
  { role: 'user' as const, content: '홍길동 주무관(010-2345-6789)과 김철수 사무관이 민원 회의를 했습니다. 참석자를 정리해 주세요.' },
  { role: 'assistant' as const, content: '홍길동 주무관과 김철수 사무관이 참석했습니다.' },
  { role: 'user' as const, content: '홍길동 주무관 연락처를 다시 알려 주세요.' },
];
// What the commercial model writes back: the tokens it was given.
const modelReply = '[성명_1] 주무관의 연락처는 [전화번호_1]이고, [성명_2] 사무관이 함께 참석했습니다.';
const restored = '홍길동 주무관의 연락처는 010-2345-6789이고, 김철수 사무관이 함께 참석했습니다.';

describe('pseudonym masking toward an external model: consistent tokens out, originals back for the agency only', () => {
  const backend = backends[0]!;
  let place: Awaited<ReturnType<typeof backend.prepare>>;
  let database: Database;
  let upstream: Awaited<ReturnType<typeof startStubUpstream>>;
  let app: FastifyInstance;
  let base: string;
  let staffKey: string;
  let publicKey: string;
  let placeholderKey: string;

  before(async () => {
    upstream = await startStubUpstream();
    upstream.setReplyText(modelReply);
    place = await backend.prepare();
    const config = place.config({
      logging: { level: 'silent' },
      providers: [{ id: 'commercial', type: 'openai-compatible', baseURL: upstream.baseURL, zone: 'external', models: ['some-model'], allowedTenants: ['mois', 'msit'] }],
      guard: { tenants: { mois: { pii: { masking: 'pseudonym' } } } },
    });
    database = await openDatabase(config);
    await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
    await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
    staffKey = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
    publicKey = (await createApiKey(database, operator, { tenantId: 'mois', role: 'public', clearance: 'public' })).key;
    placeholderKey = (await createApiKey(database, operator, { tenantId: 'msit', role: 'staff', clearance: 'internal' })).key;
    ({ app, base } = await startTestServer({ config, database, version: 'test' }));
  });
  after(async () => {
    await app?.close();
    await database?.close();
    await place?.cleanup();
    await upstream?.close();
  });

  const client = (key: string) => new OpenAI({ apiKey: key, baseURL: `${base}/v1`, maxRetries: 0 });
  const sentMessages = () => upstream.received.at(-1)!.body.messages as { content: string }[];

  test('the same person is the same token in every message; two people are two tokens; no original leaves', async () => {
    const answer = await client(staffKey).chat.completions.create({ model: 'some-model', messages: conversation });
    const sent = sentMessages().map((message) => message.content);
    assert.equal(sent[0], '[성명_1] 주무관([전화번호_1])과 [성명_2] 사무관이 민원 회의를 했습니다. 참석자를 정리해 주세요.');
    assert.equal(sent[1], '[성명_1] 주무관과 [성명_2] 사무관이 참석했습니다.');
    assert.equal(sent[2], '[성명_1] 주무관 연락처를 다시 알려 주세요.');
    const body = JSON.stringify(upstream.received.at(-1)!.body);
    for (const value of ['홍길동', '김철수', '010-2345-6789', '2345']) assert.ok(!body.includes(value), value);
    // An agency user reads the answer with the originals back.
    assert.equal(answer.choices[0]!.message.content, restored);
  });

  test('streamed, a token cut between chunks is restored whole', async () => {
    const stream = await client(staffKey).chat.completions.create({ model: 'some-model', messages: conversation, stream: true });
    const pieces: string[] = [];
    for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta.content ?? '');
    assert.equal(pieces.join(''), restored);
    assert.ok(!pieces.some((piece) => /\[성|명_\d/.test(piece)), 'no half token reaches the caller');
  });

  test('a public key gets the tokens, never the originals', async () => {
    const answer = await client(publicKey).chat.completions.create({ model: 'some-model', messages: conversation });
    assert.equal(answer.choices[0]!.message.content, modelReply);
    const stream = await client(publicKey).chat.completions.create({ model: 'some-model', messages: conversation, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, modelReply);
  });

  test('a tenant on the default policy gets typed placeholders, and nothing is restored', async () => {
    const answer = await client(placeholderKey).chat.completions.create({ model: 'some-model', messages: conversation });
    assert.equal(sentMessages()[0]!.content, '[성명] 주무관([전화번호])과 [성명] 사무관이 민원 회의를 했습니다. 참석자를 정리해 주세요.');
    assert.equal(answer.choices[0]!.message.content, modelReply);
  });
});
