import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ChatOpenAI } from '@langchain/openai';
import type { FastifyInstance } from 'fastify';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { buildModelRouter } from '../src/models/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends } from './helpers/backends.js';
import { startStubUpstream } from './helpers/stub-upstream.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };

/** LangChain's ChatOpenAI, unchanged, pointed at our /v1 (issue 6: "works unchanged with … ChatOpenAI"). */
describe('LangChain ChatOpenAI against the gateway (PGlite, stub upstream)', () => {
  const backend = backends[0]!;
  let place: Awaited<ReturnType<typeof backend.prepare>>;
  let database: Database;
  let upstream: Awaited<ReturnType<typeof startStubUpstream>>;
  let app: FastifyInstance;
  let baseURL: string;
  let key: string;

  before(async () => {
    upstream = await startStubUpstream();
    place = await backend.prepare();
    const config = place.config({
      logging: { level: 'silent' },
      providers: [{ id: 'onprem', type: 'openai-compatible', baseURL: upstream.baseURL, zone: 'internal', models: ['kgov-llm-13b'] }],
    });
    database = await openDatabase(config);
    await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
    key = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
    const started = await startTestServer({ config, database, version: 'test', models: buildModelRouter(config) });
    app = started.app;
    baseURL = `${started.base}/v1`;
  });
  after(async () => {
    await app?.close();
    await database?.close();
    await place?.cleanup();
    await upstream?.close();
  });

  test('invoke', async () => {
    const model = new ChatOpenAI({ model: 'kgov-llm-13b', apiKey: key, configuration: { baseURL }, maxRetries: 0, temperature: 0 });
    const message = await model.invoke([['system', '간결하게 답하세요.'], ['human', '행정안전부는 무슨 일을 하나요?']]);
    assert.equal(message.content, '행정안전부는 정부조직법에 따라 국가의 행정사무를 총괄합니다.');
    assert.equal(message.usage_metadata?.total_tokens, 52);
    const forwarded = upstream.received.at(-1)!.body;
    assert.deepEqual(forwarded.messages, [{ role: 'system', content: '간결하게 답하세요.' }, { role: 'user', content: '행정안전부는 무슨 일을 하나요?' }]);
  });

  test('stream', async () => {
    const model = new ChatOpenAI({ model: 'kgov-llm-13b', apiKey: key, configuration: { baseURL }, maxRetries: 0, streaming: true });
    let text = '';
    let chunks = 0;
    for await (const chunk of await model.stream('요약해 주세요')) {
      text += typeof chunk.content === 'string' ? chunk.content : '';
      chunks++;
    }
    assert.equal(text, '행정안전부는 행정사무를 총괄합니다.');
    assert.ok(chunks > 2, 'arrives in pieces');
  });

  test('a task service through a default header', async () => {
    const model = new ChatOpenAI({
      model: 'kgov-llm-13b', apiKey: key, maxRetries: 0, configuration: { baseURL, defaultHeaders: { 'x-kgov-task': 'translate@1' } },
    });
    await model.invoke('민원 처리 기간은 7일입니다.');
    const messages = upstream.received.at(-1)!.body.messages as { content: string }[];
    assert.match(messages.at(-1)!.content, /^다음 원문을 영어\(en\)로 번역하세요/);
  });

  test('a cut upstream stream surfaces as an error, not a short answer', async () => {
    upstream.setBehaviour('cut-stream');
    try {
      const model = new ChatOpenAI({ model: 'kgov-llm-13b', apiKey: key, configuration: { baseURL }, maxRetries: 0 });
      await assert.rejects(async () => {
        for await (const chunk of await model.stream('스트림')) void chunk;
      });
    } finally {
      upstream.setBehaviour('ok');
    }
  });
});
