import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { KgovError, parseConfig } from '../src/core/index.js';
import { buildModelRouter, llamaCppProvider, type ChatRequest, type LlamaCppOptions, type LlamaCppProvider, type StreamPart } from '../src/models/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { startTestServer } from './helpers/test-server.js';
import { writeTinyGguf } from './helpers/write-tiny-gguf.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const open = () => new AbortController().signal;
const question = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'kgov-tiny', messages: [{ role: 'user', content }], ...extra });
// One thread: the CI machine has two cores and other suites run beside this one; llama.cpp's spinning threads
// slow down badly when they outnumber free cores.
const tiny = (modelPath: string, extra: Partial<LlamaCppOptions> = {}): LlamaCppOptions => ({
  id: 'embedded', modelPath, models: ['kgov-tiny'], contextSize: 512, threads: 1, gpuLayers: 0, gpu: 'cpu', parallel: 1, timeoutMs: 60_000, ...extra,
});

async function collect(parts: AsyncIterable<StreamPart>): Promise<{ text: string; deltas: number; finish: Extract<StreamPart, { type: 'finish' }> | undefined }> {
  let text = '';
  let deltas = 0;
  let finish: Extract<StreamPart, { type: 'finish' }> | undefined;
  for await (const part of parts) {
    if (part.type === 'text-delta') {
      text += part.text;
      deltas++;
    } else finish = part;
  }
  return { text, deltas, finish };
}

let directory: string;
let modelPath: string;
before(() => {
  directory = mkdtempSync(join(tmpdir(), 'kgov-llama-'));
  modelPath = writeTinyGguf(join(directory, 'tiny.gguf')).path;
});
after(() => rmSync(directory, { recursive: true, force: true }));

describe('embedded llama.cpp provider', () => {
  let provider: LlamaCppProvider;
  before(async () => {
    provider = llamaCppProvider(tiny(modelPath, { parallel: 2 }));
    await provider.load();
  });
  after(async () => provider?.close());

  test('answers with text and token counts; the same question gets the same answer (greedy)', async () => {
    const first = await provider.generate(question('민원 처리 기한은 며칠인가요?', { max_tokens: 6 }), { signal: open() });
    assert.ok(first.text.trim().length > 0);
    assert.equal(provider.zone, 'internal');
    assert.equal(first.usage.completion_tokens, 6, 'the tiny model never ends by itself, so max_tokens ends it');
    assert.equal(first.finishReason, 'length');
    assert.equal(first.usage.total_tokens, first.usage.prompt_tokens + first.usage.completion_tokens);
    const again = await provider.generate(question('민원 처리 기한은 며칠인가요?', { max_tokens: 6 }), { signal: open() });
    assert.equal(again.text, first.text);
    const longer = await provider.generate(question('민원 처리 기한은 며칠인가요? 행정안전부 기준으로 알려 주세요.', { max_tokens: 6 }), { signal: open() });
    assert.ok(longer.usage.prompt_tokens > first.usage.prompt_tokens, 'prompt tokens count the prompt');
  });

  test('a stream sends token deltas as they come, then one finish; its text is the non-streamed answer', async () => {
    const request = question('hello world', { max_tokens: 8 });
    const whole = await provider.generate(request, { signal: open() });
    const streamed = await collect(provider.stream(request, { signal: open() }));
    assert.ok(streamed.deltas >= 2, `deltas: ${streamed.deltas}`);
    assert.equal(streamed.text, whole.text);
    assert.deepEqual(streamed.finish, { type: 'finish', finishReason: 'length', usage: whole.usage });
  });

  test('a stop sequence ends the answer before it, with finish reason stop', async () => {
    const request = question('hello world', { max_tokens: 12 });
    const whole = (await provider.generate(request, { signal: open() })).text;
    const stop = whole.trim().split(/\s+/)[1]!;
    assert.ok(stop, `a second word in ${JSON.stringify(whole)}`);
    const cut = await provider.generate({ ...request, stop: [stop] }, { signal: open() });
    assert.equal(cut.finishReason, 'stop');
    assert.equal(cut.text.trim(), whole.slice(0, whole.indexOf(stop)).trim());
    assert.ok(!cut.text.includes(stop));
  });

  test('temperature and seed are honoured: one seed, one answer', async () => {
    const request = question('hello world', { max_tokens: 8, temperature: 1.5, seed: 7 });
    const one = await provider.generate(request, { signal: open() });
    const two = await provider.generate(request, { signal: open() });
    assert.equal(one.text, two.text);
  });

  test('a caller that leaves stops the generation; the sequence serves the next request', async () => {
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    await assert.rejects((async () => {
      for await (const part of provider.stream(question('hello world', { max_tokens: 400 }), { signal: controller.signal })) {
        parts.push(part);
        controller.abort();
      }
    })(), (error) => error instanceof KgovError && error.code === 'request_cancelled');
    assert.equal(parts.length, 1, 'nothing after the abort');
    assert.ok(parts.every((part) => part.type === 'text-delta'));
    const next = await provider.generate(question('hello world', { max_tokens: 3 }), { signal: open() });
    assert.equal(next.usage.completion_tokens, 3);
  });

  test('two requests at once are both answered (two sequences in one context)', async () => {
    const [a, b] = await Promise.all([
      provider.generate(question('hello world', { max_tokens: 5 }), { signal: open() }),
      provider.generate(question('민원 처리', { max_tokens: 5 }), { signal: open() }),
    ]);
    assert.equal(a.usage.completion_tokens, 5);
    assert.equal(b.usage.completion_tokens, 5);
  });

  test('a prompt longer than the context is refused as upstream_rejected (no silent truncation)', async () => {
    const long = '행정 민원 처리 기한 '.repeat(200);
    await assert.rejects(provider.generate(question(long), { signal: open() }),
      (error) => error instanceof KgovError && error.code === 'upstream_rejected' && error.param === 'messages' && !error.isRetryable);
  });
});

describe('embedded llama.cpp provider: queue, files, config', () => {
  test('with one sequence busy, a request waits in line and fails over after timeoutMs', async () => {
    const provider = llamaCppProvider(tiny(modelPath, { parallel: 1, timeoutMs: 1 }));
    try {
      await provider.load();
      const holder = new AbortController();
      const iterator = provider.stream(question('hello world', { max_tokens: 400 }), { signal: holder.signal })[Symbol.asyncIterator]();
      assert.equal((await iterator.next()).value?.type, 'text-delta', 'the first request holds the only sequence');
      await assert.rejects(provider.generate(question('hello'), { signal: open() }),
        (error) => error instanceof KgovError && error.code === 'upstream_timeout' && error.isRetryable);
      holder.abort();
      await assert.rejects(iterator.next(), (error) => error instanceof KgovError && error.code === 'request_cancelled');
    } finally {
      await provider.close();
    }
  });

  test("the file's chat template is used when it has one; without one, the plain General layout", async () => {
    const chatml = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
      + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    const custom = "{% for message in messages %}[{{ message['role'] }}] {{ message['content'] }}\n{% endfor %}{% if add_generation_prompt %}[assistant] {% endif %}";
    const cases = [
      { file: 'plain.gguf', options: {}, wrapper: 'General' },
      { file: 'chatml.gguf', options: { chatTemplate: chatml, controlTokens: ['<|im_start|>', '<|im_end|>'] }, wrapper: 'ChatML' },
      { file: 'custom.gguf', options: { chatTemplate: custom }, wrapper: 'JinjaTemplate' },
    ];
    for (const { file, options, wrapper } of cases) {
      const provider = llamaCppProvider(tiny(writeTinyGguf(join(directory, file), options).path));
      try {
        const info = await provider.load();
        assert.equal(info.chatWrapper, wrapper, file);
        assert.equal(info.gpu, false, 'gpu: cpu loads the CPU build');
        assert.ok(info.contextSize >= 512);
        const result = await provider.generate({
          model: 'kgov-tiny', max_tokens: 4,
          messages: [{ role: 'system', content: '간결하게' }, { role: 'user', content: 'hello' }, { role: 'assistant', content: 'hi' }, { role: 'user', content: 'world' }],
        }, { signal: open() });
        assert.equal(result.usage.completion_tokens, 4, file);
      } finally {
        await provider.close();
      }
    }
  });

  test('a missing model file stops the start with model_file_missing; a bad config names the field', () => {
    const config = parseConfig({ providers: [{ id: 'embedded', type: 'llama-cpp', modelPath: join(directory, 'nowhere.gguf'), models: ['kgov-tiny'] }] }, 'test');
    assert.equal(config.providers[0]?.zone, 'internal');
    assert.throws(() => buildModelRouter(config), (error) => error instanceof KgovError && error.code === 'model_file_missing'
      && error.localizedMessage('ko').includes('nowhere.gguf'));
    assert.throws(() => parseConfig({ providers: [{ id: 'embedded', type: 'llama-cpp', modelPath, models: ['x'], zone: 'external' }] }, 'test'),
      (error) => error instanceof KgovError && error.code === 'config_invalid' && /providers\.0\.zone/.test(error.message));
    assert.throws(() => parseConfig({ providers: [{ id: 'embedded', type: 'llama-cpp', modelPath, models: ['x'], baseURL: 'http://x' }] }, 'test'),
      (error) => error instanceof KgovError && error.code === 'config_invalid' && /baseURL/.test(error.message));
  });

  test('a file that is not GGUF is refused at start; a damaged GGUF fails with model_load_failed (retryable: the router falls back)', async () => {
    const notGguf = join(directory, 'notes.gguf');
    writeFileSync(notGguf, Buffer.from('GGUF, or so the first four bytes say'));
    assert.throws(() => llamaCppProvider(tiny(notGguf)), (error) => error instanceof KgovError && error.code === 'model_file_invalid');
    const truncated = join(directory, 'truncated.gguf');
    writeFileSync(truncated, readFileSync(modelPath).subarray(0, 3000));
    const provider = llamaCppProvider(tiny(truncated));
    await assert.rejects(provider.generate(question('hello'), { signal: open() }),
      (error) => error instanceof KgovError && error.code === 'model_load_failed' && error.isRetryable);
    await provider.close();
  });
});

for (const backend of backends) {
  describe(`embedded llama.cpp model behind the gateway on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let app: FastifyInstance;
    let base: string;
    let client: OpenAI;

    before(async () => {
      place = await backend.prepare();
      const config = place.config({
        logging: { level: 'silent' },
        providers: [{ id: 'embedded', type: 'llama-cpp', modelPath, models: ['kgov-tiny'], contextSize: 512, threads: 1, gpu: 'cpu', gpuLayers: 0 }],
      });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      const key = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      ({ app, base } = await startTestServer({ config, database, version: 'test', models: buildModelRouter(config) }));
      client = new OpenAI({ apiKey: key, baseURL: `${base}/v1`, maxRetries: 0 });
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await place?.cleanup();
    });

    test('/v1/models lists it; stream: true sends deltas, usage and [DONE] through the official client', async () => {
      const models = await client.models.list();
      assert.ok(models.data.some((model) => model.id === 'kgov-tiny'));
      const stream = await client.chat.completions.create({
        model: 'kgov-tiny', messages: [{ role: 'system', content: '간결하게 답하세요.' }, { role: 'user', content: '민원 처리 기한은?' }],
        stream: true, stream_options: { include_usage: true }, max_tokens: 6,
      });
      let text = '';
      let deltas = 0;
      let finish: string | null | undefined;
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) {
          text += content;
          deltas++;
        }
        finish = chunk.choices[0]?.finish_reason ?? finish;
        if (chunk.usage) usage = chunk.usage;
      }
      assert.ok(deltas >= 1 && text.trim().length > 0, JSON.stringify(text));
      assert.equal(finish, 'length');
      assert.equal(usage?.completion_tokens, 6);
      assert.ok((usage?.prompt_tokens ?? 0) > 0);

      const completion = await client.chat.completions.create({
        model: 'kgov-tiny', messages: [{ role: 'system', content: '간결하게 답하세요.' }, { role: 'user', content: '민원 처리 기한은?' }], max_tokens: 6,
      });
      assert.equal(completion.choices[0]?.message.content, text, 'greedy: streamed and whole answers agree');
      assert.deepEqual(completion.usage, usage);
    });

    test('a client that disconnects mid-stream frees the sequence for the next request', async () => {
      const controller = new AbortController();
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST', signal: controller.signal, headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'kgov-tiny', messages: [{ role: 'user', content: 'hello world' }], max_tokens: 400, stream: true }),
      });
      const reader = response.body!.getReader();
      assert.match(new TextDecoder().decode((await reader.read()).value), /^data: /);
      controller.abort();
      await reader.cancel().catch(() => undefined);
      // One sequence (parallel: 1): this request is answered only once the abandoned one has let go of it.
      const next = await client.chat.completions.create({ model: 'kgov-tiny', messages: [{ role: 'user', content: 'hello' }], max_tokens: 2 });
      assert.equal(next.usage?.completion_tokens, 2);
    });

    test('the provider is named in x-kgov-provider', async () => {
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST', headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'kgov-tiny', messages: [{ role: 'user', content: 'hello' }], max_tokens: 2, stream: true }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-kgov-provider'), 'embedded');
      assert.match(await response.text(), /data: \[DONE\]/);
    });
  });
}
