import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { buildServer } from '../src/api/index.js';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { buildModelRouter } from '../src/models/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { startStubUpstream } from './helpers/stub-upstream.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };

for (const backend of backends) {
  describe(`OpenAI-compatible gateway on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let app: FastifyInstance;
    let primary: Awaited<ReturnType<typeof startStubUpstream>>;
    let secondary: Awaited<ReturnType<typeof startStubUpstream>>;
    let base: string;
    let key: string;
    let adminKey: string;
    let client: OpenAI;

    before(async () => {
      primary = await startStubUpstream();
      secondary = await startStubUpstream();
      place = await backend.prepare();
      const config = place.config({
        logging: { level: 'silent' },
        gateway: { maxRetries: 1, backoffMs: 1, failureThreshold: 3, circuitOpenMs: 60_000 },
        providers: [
          { id: 'onprem', type: 'openai-compatible', baseURL: primary.baseURL, zone: 'internal', models: ['kgov-llm-13b'], timeoutMs: 2000 },
          { id: 'onprem-b', type: 'openai-compatible', baseURL: secondary.baseURL, zone: 'internal', models: ['kgov-llm-13b'], timeoutMs: 2000 },
        ],
      });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      key = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      adminKey = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'internal' })).key;
      ({ app, base } = await startTestServer({ config, database, version: 'test', models: buildModelRouter(config) }));
      client = new OpenAI({ apiKey: key, baseURL: `${base}/v1`, maxRetries: 0 });
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await place?.cleanup();
      await primary?.close();
      await secondary?.close();
    });

    test('the official openai client: list models, complete, and stream', async () => {
      const models = await client.models.list();
      assert.deepEqual(models.data.map((model) => model.id), ['kgov-rag', 'kgov-task', 'kgov-llm-13b', 'kgov-embedding']);

      const completion = await client.chat.completions.create({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '행정안전부는 무슨 일을 하나요?' }] });
      assert.equal(completion.choices[0]?.message.content, '행정안전부는 정부조직법에 따라 국가의 행정사무를 총괄합니다.');
      assert.equal(completion.usage?.total_tokens, 52);
      const forwarded = primary.received.at(-1)!;
      assert.equal(forwarded.body.model, 'kgov-llm-13b');
      assert.deepEqual(forwarded.body.messages, [{ role: 'user', content: '행정안전부는 무슨 일을 하나요?' }]);
      assert.equal(forwarded.headers.authorization, undefined, 'our key never goes upstream');

      const stream = await client.chat.completions.create({
        model: 'kgov-llm-13b', messages: [{ role: 'user', content: '요약해 주세요' }], stream: true, stream_options: { include_usage: true },
      });
      let text = '';
      let usage: unknown;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
      }
      assert.equal(text, '행정안전부는 행정사무를 총괄합니다.');
      assert.deepEqual(usage, { prompt_tokens: 31, total_tokens: 43, completion_tokens: 12 });
    });

    test('x-kgov-overhead-ms and the provider are reported', async () => {
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '안녕하세요' }] }),
      });
      assert.equal(response.status, 200);
      assert.ok(Number(response.headers.get('x-kgov-overhead-ms')) >= 0);
      assert.equal(response.headers.get('x-kgov-provider'), 'onprem');
    });

    test('an unknown model is 404 model_not_found in OpenAI shape; bad bodies are 400', async () => {
      await assert.rejects(client.chat.completions.create({ model: 'gpt-nope', messages: [{ role: 'user', content: 'x' }] }),
        (error: unknown) => error instanceof OpenAI.NotFoundError && (error.error as { code?: string }).code === 'model_not_found');
      await assert.rejects(client.chat.completions.create({ model: 'kgov-llm-13b', messages: [] }),
        (error: unknown) => error instanceof OpenAI.BadRequestError);
      // Thousands of messages would hold the server's thread in the input guard: refused before it.
      await assert.rejects(client.chat.completions.create({ model: 'kgov-llm-13b', messages: Array.from({ length: 501 }, () => ({ role: 'user' as const, content: 'a' })) }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && (error.error as { code?: string; param?: string }).code === 'validation_failed'
          && (error.error as { param?: string }).param === 'messages');
      await assert.rejects(new OpenAI({ apiKey: 'kgov_wrong', baseURL: `${base}/v1`, maxRetries: 0 }).models.list(),
        (error: unknown) => error instanceof OpenAI.AuthenticationError);
      // Several choices per request are refused openly (each answer is guarded and audited), never answered once silently.
      await assert.rejects(client.chat.completions.create({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '안녕하세요' }], n: 3 }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && (error.error as { code?: string; param?: string }).code === 'choices_unsupported'
          && (error.error as { param?: string }).param === 'n');
      const one = await client.chat.completions.create({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '안녕하세요' }], n: 1 });
      assert.equal(one.choices.length, 1);
    });

    test('a failing upstream is retried, then the next provider answers (fallback)', async () => {
      primary.setBehaviour('fail-500');
      const before = primary.received.length;
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '재시도' }] }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-kgov-provider'), 'onprem-b');
      assert.equal(primary.received.length - before, 2, 'one try and one retry on the primary');
      primary.setBehaviour('ok');
    });

    test('an image or audio part is refused (content_part_unsupported), not dropped in silence', async () => {
      const before = primary.received.length;
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: [{ type: 'text', text: '이 사진 설명해 줘' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }] }),
      });
      assert.equal(response.status, 400);
      const error = ((await response.json()) as { error: { code: string; param: string } }).error;
      assert.deepEqual([error.code, error.param], ['content_part_unsupported', 'messages[0].content[1].type']);
      assert.equal(primary.received.length, before);
    });

    test('fields the gateway cannot honour are refused by name (tools, structured output, logprobs, tool turns); penalties are forwarded', async () => {
      const before = primary.received.length;
      const user = { role: 'user', content: '오늘 날씨 알려 줘' };
      const refused: [Record<string, unknown>, string][] = [
        [{ tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }], tool_choice: 'required' }, 'tools'],
        [{ response_format: { type: 'json_object' } }, 'response_format'],
        [{ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } }, 'response_format'],
        [{ logprobs: true, top_logprobs: 3 }, 'logprobs'],
        [{ messages: [user, { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'call_1', content: '맑음' }] }, 'messages[1].tool_calls'],
        [{ messages: [{ role: 'user', content: null }] }, 'messages[0].content'],
      ];
      for (const [fields, param] of refused) {
        const response = await fetch(`${base}/v1/chat/completions`, {
          method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'kgov-llm-13b', messages: [user], ...fields }),
        });
        assert.equal(response.status, 400, param);
        const error = ((await response.json()) as { error: { code: string; param: string } }).error;
        assert.equal(error.param, param);
        assert.ok(['parameter_unsupported', 'validation_failed'].includes(error.code), error.code);
      }
      assert.equal(primary.received.length, before, 'nothing reached the model');
      const answered = await client.chat.completions.create({
        model: 'kgov-llm-13b', messages: [{ role: 'user', content: '안녕하세요' }], presence_penalty: 0.5, frequency_penalty: 0.2, response_format: { type: 'text' }, tool_choice: 'none',
      });
      assert.equal(answered.choices.length, 1);
      const sent = primary.received.at(-1)!.body;
      assert.deepEqual([sent.presence_penalty, sent.frequency_penalty, sent.tools, sent.response_format], [0.5, 0.2, undefined, undefined]);
    });

    test('GET /v1/models/{id}: a model the caller may use, else 404; created is the same on every call', async () => {
      assert.equal((await client.models.retrieve('kgov-rag')).id, 'kgov-rag');
      assert.equal((await client.models.retrieve('kgov-llm-13b')).owned_by, 'kgov');
      await assert.rejects(client.models.retrieve('gpt-nope'), (error: unknown) => error instanceof OpenAI.NotFoundError);
      const first = await client.models.list();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const second = await client.models.list();
      assert.deepEqual(second.data, first.data);
    });

    test('a JSON body declared in another charset than UTF-8 is 415, never read as mangled Korean', async () => {
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json; charset=euc-kr' },
        body: Buffer.from('{"model":"kgov-llm-13b","messages":[{"role":"user","content":"\xbe\xc8\xb3\xe7"}]}', 'latin1'),
      });
      assert.equal(response.status, 415);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'unsupported_media_type');
      const utf8 = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json; charset=UTF-8' },
        body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '안녕' }] }),
      });
      assert.equal(utf8.status, 200);
    });

    test('an upstream 400 is not retried and comes back as a 400', async () => {
      primary.setBehaviour('reject-400');
      const before = primary.received.length;
      await assert.rejects(client.chat.completions.create({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '긴 문서' }] }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && (error.error as { code?: string }).code === 'upstream_rejected'
          // The upstream's error type, not its free text (which may name internal hosts or paths: it goes to the log).
          && /invalid_request_error/.test(error.message) && !/maximum context length/.test(error.message));
      assert.equal(primary.received.length - before, 1);
      primary.setBehaviour('ok');
    });

    test('a cut upstream stream ends the client stream with an error event, never a silent end', async () => {
      // Closed half-way; vLLM's error event then [DONE]; [DONE] with no finish reason; the finish reason's event left
      // open when the body ends (no blank line: nothing shows it arrived whole): each is an error, not an answer.
      for (const behaviour of ['cut-stream', 'error-event', 'done-early', 'open-finish'] as const) {
        primary.setBehaviour(behaviour);
        const response = await fetch(`${base}/v1/chat/completions`, {
          method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '스트림' }], stream: true }),
        });
        const body = await response.text();
        assert.match(body, /"code":"upstream_(stream_cut|error)"/, behaviour);
        assert.doesNotMatch(body, /\[DONE\]|"finish_reason":"stop"/, behaviour);
      }
      primary.setBehaviour('cut-stream');
      const stream = await client.chat.completions.create({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '스트림' }], stream: true });
      await assert.rejects(async () => {
        for await (const chunk of stream) void chunk;
      });
      primary.setBehaviour('ok');
    });

    test('per-key request limits: 429 with Retry-After in OpenAI shape', async () => {
      const limited = await buildServer({
        config: place.config({
          logging: { level: 'silent' },
          gateway: { limits: { keyRequestsPerMinute: 2 } },
          providers: [{ id: 'onprem', type: 'openai-compatible', baseURL: primary.baseURL, zone: 'internal', models: ['kgov-llm-13b'] }],
        }),
        database, version: 'test',
      });
      await limited.listen({ port: 0, host: '127.0.0.1' });
      try {
        const limitedKey = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
        const url = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}/v1/chat/completions`;
        const call = () => fetch(url, {
          method: 'POST', headers: { authorization: `Bearer ${limitedKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '한도' }] }),
        });
        // Three calls inside one minute window; if a minute boundary falls between them, try once more.
        let statuses: number[] = [];
        let third: Response | undefined;
        for (let attempt = 0; attempt < 2 && !statuses.includes(429); attempt++) {
          const responses = [await call(), await call(), await call()];
          statuses = responses.map((response) => response.status);
          third = responses[2];
        }
        assert.deepEqual(statuses.slice(-1), [429], statuses.join());
        assert.ok(Number(third!.headers.get('retry-after')) >= 1);
        assert.equal(((await third!.json()) as { error: { code: string; type: string } }).error.type, 'rate_limit_error');
      } finally {
        await limited.close();
      }
    });

    test('one request larger than a tokens-per-minute limit is refused up front (413), and the key keeps its minute', async () => {
      const limited = await buildServer({
        config: place.config({
          logging: { level: 'silent' },
          gateway: { limits: { keyTokensPerMinute: 1000 } },
          providers: [{ id: 'onprem', type: 'openai-compatible', baseURL: primary.baseURL, zone: 'internal', models: ['kgov-llm-13b'] }],
        }),
        database, version: 'test',
      });
      await limited.listen({ port: 0, host: '127.0.0.1' });
      try {
        const limitedKey = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
        const url = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}/v1/chat/completions`;
        const call = (content: string) => fetch(url, {
          method: 'POST', headers: { authorization: `Bearer ${limitedKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content }] }),
        });
        const before = primary.received.length;
        const huge = await call('민원 처리 지침 '.repeat(1000));
        assert.equal(huge.status, 413);
        assert.equal(((await huge.json()) as { error: { code: string } }).error.code, 'request_exceeds_token_limit');
        assert.equal(primary.received.length, before, 'nothing sent upstream');
        assert.equal((await call('민원 처리 기한은?')).status, 200, 'the key was not spent by the refused request');
      } finally {
        await limited.close();
      }
    });

    test('a stream cut half-way is metered: what was sent and what the model wrote before the cut count', async () => {
      const usage = async () => {
        const { data } = (await (await fetch(`${base}/api/usage`, { headers: { authorization: `Bearer ${adminKey}` } })).json()) as { data: { keyId: string; model: string; requests: number; promptTokens: number; completionTokens: number }[] };
        return data.find((entry) => entry.keyId === key.split('_')[1] && entry.model === 'kgov-llm-13b') ?? { requests: 0, promptTokens: 0, completionTokens: 0 };
      };
      const before = await usage();
      primary.setBehaviour('cut-stream');
      secondary.setBehaviour('cut-stream');
      try {
        const response = await fetch(`${base}/v1/chat/completions`, {
          method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '끊기는 스트림의 사용량' }], stream: true }),
        });
        const body = await response.text();
        assert.match(body, /upstream_stream_cut/);
      } finally {
        primary.setBehaviour('ok');
        secondary.setBehaviour('ok');
      }
      // The meter is written behind the response: bounded by rounds, not by time.
      let after = await usage();
      for (let round = 0; round < 50 && after.requests === before.requests; round++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        after = await usage();
      }
      assert.equal(after.requests, before.requests + 1);
      assert.ok(after.promptTokens > before.promptTokens && after.completionTokens > before.completionTokens, JSON.stringify({ before, after }));
    });

    test('with every provider\'s circuit open, 503 says when to come back (Retry-After)', async () => {
      const dead = await buildServer({
        config: place.config({
          logging: { level: 'silent' },
          gateway: { maxRetries: 0, backoffMs: 1, failureThreshold: 1, circuitOpenMs: 30_000 },
          providers: [{ id: 'down', type: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1', zone: 'internal', models: ['kgov-llm-13b'], timeoutMs: 500 }],
        }),
        database, version: 'test',
      });
      try {
        const ask = () => dead.inject({
          method: 'POST', url: '/v1/chat/completions', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          payload: { model: 'kgov-llm-13b', messages: [{ role: 'user', content: '안녕하세요' }] },
        });
        assert.equal((await ask()).statusCode, 502, 'the first failure opens the circuit');
        const open = await ask();
        assert.equal(open.statusCode, 503);
        assert.equal(open.json().error.code, 'upstream_unavailable');
        const seconds = Number(open.headers['retry-after']);
        assert.ok(seconds >= 1 && seconds <= 30, String(open.headers['retry-after']));
      } finally {
        await dead.close();
      }
    });

    test('usage is metered per tenant, key, model and day', async () => {
      const response = await fetch(`${base}/api/usage`, { headers: { authorization: `Bearer ${adminKey}` } });
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: { keyId: string; model: string; requests: number; promptTokens: number; completionTokens: number }[] };
      const row = data.find((entry) => entry.keyId === key.split('_')[1]);
      assert.ok(row && row.model === 'kgov-llm-13b' && row.requests >= 4 && row.promptTokens > 0 && row.completionTokens > 0, JSON.stringify(data));
      assert.equal((await fetch(`${base}/api/usage`, { headers: { authorization: `Bearer ${key}` } })).status, 403);
    });
  });
}
