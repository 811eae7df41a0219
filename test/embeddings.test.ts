import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };

/** An OpenAI-compatible /v1/embeddings stub in vLLM's response shape; deterministic vectors; records what it received. */
async function startEmbeddingsStub() {
  const received: { model: string; input: string[]; encoding_format?: string }[] = [];
  let failing = false;
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text) as { model: string; input: string[]; encoding_format?: string };
      received.push(body);
      if (failing) {
        response.writeHead(503, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ error: { message: 'loading model', type: 'server_error' } }));
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({
        id: 'embd-1', object: 'list', created: 1732770000, model: body.model,
        data: body.input.map((input, index) => ({ index, object: 'embedding', embedding: [index + 1, 0.5, -0.25, input.length] })),
        usage: { prompt_tokens: 7 * body.input.length, total_tokens: 7 * body.input.length, completion_tokens: 0 },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, received,
    setFailing: (value: boolean) => (failing = value),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

for (const backend of backends) {
  describe(`POST /v1/embeddings on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let app: FastifyInstance;
    let primary: Awaited<ReturnType<typeof startEmbeddingsStub>>;
    let secondary: Awaited<ReturnType<typeof startEmbeddingsStub>>;
    let commercial: Awaited<ReturnType<typeof startEmbeddingsStub>>;
    let base: string;
    let key: string;
    let otherKey: string;
    let adminKey: string;

    before(async () => {
      [primary, secondary, commercial] = await Promise.all([startEmbeddingsStub(), startEmbeddingsStub(), startEmbeddingsStub()]);
      place = await backend.prepare();
      const config = place.config({
        logging: { level: 'silent' },
        gateway: { maxRetries: 1, backoffMs: 1 },
        providers: [
          { id: 'tei', type: 'openai-compatible', baseURL: primary.baseURL, zone: 'internal', embeddingModels: ['bge-m3'] },
          { id: 'tei-b', type: 'openai-compatible', baseURL: secondary.baseURL, zone: 'internal', embeddingModels: ['bge-m3'] },
          { id: 'commercial', type: 'openai-compatible', baseURL: commercial.baseURL, zone: 'external', embeddingModels: ['text-embedding-3-small'], allowedTenants: ['mois'] },
        ],
      });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
      key = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      adminKey = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'internal' })).key;
      otherKey = (await createApiKey(database, operator, { tenantId: 'msit', role: 'staff', clearance: 'internal' })).key;
      ({ app, base } = await startTestServer({ config, database, version: 'test' }));
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await place?.cleanup();
      await Promise.all([primary?.close(), secondary?.close(), commercial?.close()]);
    });

    const post = (body: unknown, apiKey = key) => fetch(`${base}/v1/embeddings`, {
      method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });

    test('the official openai client (base64 by default) gets the upstream\'s vectors back', async () => {
      const client = new OpenAI({ apiKey: key, baseURL: `${base}/v1`, maxRetries: 0 });
      const result = await client.embeddings.create({ model: 'bge-m3', input: ['민원 처리 기간', '전자민원'] });
      assert.deepEqual(result.data.map((item) => item.embedding), [[1, 0.5, -0.25, 8], [2, 0.5, -0.25, 4]]);
      assert.equal(result.usage.prompt_tokens, 14);
      assert.equal(primary.received.at(-1)!.encoding_format, 'float', 'upstream always asked for floats');
      const floats = (await (await post({ model: 'bge-m3', input: '하나', encoding_format: 'float' })).json()) as { data: { embedding: number[] }[] };
      assert.deepEqual(floats.data[0]!.embedding, [1, 0.5, -0.25, 2]);
    });

    test('retries, then falls back to the next provider of the same model', async () => {
      primary.setFailing(true);
      try {
        const response = await post({ model: 'bge-m3', input: ['재시도'] });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('x-kgov-provider'), 'tei-b');
      } finally {
        primary.setFailing(false);
      }
    });

    test('the built-in embedder answers kgov-embedding in-process: unit vectors, 512 dimensions', async () => {
      const response = await post({ model: 'kgov-embedding', input: ['민원 처리 기간은 7일입니다', '민원 처리 기간'], encoding_format: 'float' });
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: { embedding: number[] }[] };
      assert.equal(data[0]!.embedding.length, 512);
      const norm = Math.sqrt(data[0]!.embedding.reduce((sum, value) => sum + value * value, 0));
      assert.ok(Math.abs(norm - 1) < 1e-5);
      assert.equal((await post({ model: 'kgov-embedding', input: 'x', dimensions: 1024 })).status, 400);
    });

    test('external providers: masked input, allow-listed tenants only, audited', async () => {
      const response = await post({ model: 'text-embedding-3-small', input: ['민원인 연락처는 010-2345-6789 입니다'] });
      assert.equal(response.status, 200);
      const sent = commercial.received.at(-1)!.input[0]!;
      assert.doesNotMatch(sent, /010-2345-6789/);
      // To a tenant not on the allow-list the model does not exist (as over chat): 404, the model as asked, nothing more.
      const hidden = await post({ model: 'text-embedding-3-small', input: ['안녕하세요'] }, otherKey);
      assert.equal(hidden.status, 404);
      const { error } = (await hidden.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'model_not_found');
      assert.doesNotMatch(error.message, /external|외부/);
      const audit = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'external.called' AND detail->>'endpoint' = 'embeddings'");
      assert.equal(audit[0]!.n, 1);
      // A refused input is named as the request has it.
      const refused = await post({ model: 'text-embedding-3-small', input: ['안녕하세요', 'DB_PASSWORD=Qw3rty!2026'] });
      assert.equal(refused.status, 400);
      assert.equal(((await refused.json()) as { error: { param: string } }).error.param, 'input[1]');
    });

    test('errors in OpenAI shape; usage is metered per model', async () => {
      const unknown = await post({ model: 'nope', input: 'x' });
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'model_not_found');
      assert.equal((await post({ model: 'bge-m3', input: [[1, 2, 3]] })).status, 400);
      assert.equal((await post({ model: 'bge-m3', input: [] })).status, 400);
      // Metering is written after the answer; give it a moment.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const usage = (await (await fetch(`${base}/api/usage`, { headers: { authorization: `Bearer ${adminKey}` } })).json()) as { data: { model: string; requests: number; promptTokens: number; completionTokens: number }[] };
      const row = usage.data.find((entry) => entry.model === 'bge-m3');
      assert.ok(row && row.requests >= 3 && row.promptTokens >= 21 && row.completionTokens === 0, JSON.stringify(usage.data));
    });
  });
}
