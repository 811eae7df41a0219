import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { embedderContract } from './embedder-contract.js';
import { hashedVector } from './hashed-ngram-embedder.js';
import { createOpenAiCompatibleEmbedder } from './openai-compatible-embedder.js';

/** Payloads in the exact shape vLLM and Ollama return (src/search/embedders/__fixtures__/). */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../../src/search/embedders/__fixtures__/${name}`, import.meta.url), 'utf8'));

type Reply = { status: number; body: unknown };
/** A real HTTP server speaking `/v1/embeddings`; each test sets how it answers and reads what it received. */
function stubServer() {
  const received: { path: string; authorization: string | undefined; body: { model: string; input: string[]; encoding_format?: string } }[] = [];
  let answer: (body: { model: string; input: string[] }) => Reply = (body) => ({
    status: 200,
    body: {
      ...(fixture('vllm-embeddings-response.json') as object),
      model: body.model,
      // Meaningful vectors so the shared contract (related text closer) holds through the client.
      data: body.input.map((text, index) => ({ index, object: 'embedding', embedding: [...hashedVector(text.replace(/^(query|passage): /, ''), 64, false)] })),
    },
  });
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; input: string[] };
    received.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
    const reply = answer(body);
    response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  });
  return {
    received,
    setAnswer(next: typeof answer) {
      answer = next;
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('OpenAI-compatible embedder against a stub /v1/embeddings server', () => {
  const stub = stubServer();
  let baseUrl = '';
  before(async () => {
    baseUrl = await stub.start();
  });
  after(() => stub.stop());

  embedderContract('openai-compatible embedder', () => createOpenAiCompatibleEmbedder({ baseUrl, model: 'BAAI/bge-m3', dimension: 64 }));

  test('sends the recorded request shape, with the key and e5 prefixes', async () => {
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: `${baseUrl}/`, model: 'BAAI/bge-m3', dimension: 64, apiKey: 'secret', documentPrefix: 'passage: ' });
    stub.received.length = 0;
    const expected = fixture('vllm-embeddings-request.json') as { input: string[] };
    assert.ok((await embedder.embed(expected.input, 'document')).ok);
    assert.equal(stub.received[0]?.path, '/v1/embeddings');
    assert.equal(stub.received[0]?.authorization, 'Bearer secret');
    assert.deepEqual(stub.received[0]?.body, { ...expected, input: expected.input.map((text) => `passage: ${text}`) });
  });

  test('parses the recorded vLLM and Ollama responses (out-of-order indices too) and normalises', async () => {
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl, model: 'BAAI/bge-m3', dimension: 4 });
    const recorded = fixture('vllm-embeddings-response.json') as { data: unknown[] };
    stub.setAnswer(() => ({ status: 200, body: { ...recorded, data: [...recorded.data].reverse() } }));
    const result = await embedder.embed(['a', 'b'], 'document');
    assert.ok(result.ok);
    assert.deepEqual([...result.vectors[0]!], [0.5, 0.5, 0.5, 0.5]);
    assert.deepEqual([...result.vectors[1]!], [1, 0, 0, 0]);
    stub.setAnswer(() => ({ status: 200, body: fixture('ollama-embeddings-response.json') }));
    const ollama = await embedder.embed(['a'], 'query');
    assert.ok(ollama.ok);
    assert.deepEqual([...ollama.vectors[0]!].map((value) => Number(value.toFixed(3))), [0.6, 0.8, 0, 0]);
  });

  test('failures are results: 404 is not retryable, 503 is, a wrong dimension or count is a bad response', async () => {
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl, model: 'bge-m4', dimension: 4 });
    stub.setAnswer(() => ({ status: 404, body: fixture('vllm-error-response.json') }));
    assert.deepEqual(await embedder.embed(['a'], 'query'), { ok: false, code: 'embedder_bad_response', reason: 'HTTP 404', retryable: false });
    stub.setAnswer(() => ({ status: 503, body: {} }));
    assert.equal((await embedder.embed(['a'], 'query')).ok === false && (await embedder.embed(['a'], 'query') as { retryable: boolean }).retryable, true);
    stub.setAnswer(() => ({ status: 200, body: fixture('ollama-embeddings-response.json') }));
    const wrongCount = await embedder.embed(['a', 'b'], 'query');
    assert.equal(wrongCount.ok, false);
    const wide = createOpenAiCompatibleEmbedder({ baseUrl, model: 'bge-m3', dimension: 1024 });
    assert.equal((await wide.embed(['a'], 'query')).ok, false);
  });

  test('an unreachable server is a retryable result, not a throw', async () => {
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: 'http://127.0.0.1:9/v1', model: 'bge-m3', dimension: 4, timeoutMs: 2000 });
    const result = await embedder.embed(['a'], 'query');
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, true);
  });
});
