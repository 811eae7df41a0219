import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { chatProviderContract } from '../src/models/chat-provider-contract.js';
import { llamaCppProvider, openAICompatibleProvider, type LlamaCppProvider } from '../src/models/index.js';
import { startStubUpstream } from './helpers/stub-upstream.js';
import { writeTinyGguf } from './helpers/write-tiny-gguf.js';

const request = { model: 'kgov-llm-13b', messages: [{ role: 'user' as const, content: '민원 처리 기한은 며칠인가요?' }], max_tokens: 8 };

describe('the chat provider contract', () => {
  let upstream: Awaited<ReturnType<typeof startStubUpstream>>;
  let directory: string;
  let embedded: LlamaCppProvider;

  before(async () => {
    upstream = await startStubUpstream();
    directory = mkdtempSync(join(tmpdir(), 'kgov-contract-'));
    const { path } = writeTinyGguf(join(directory, 'tiny.gguf'));
    embedded = llamaCppProvider({
      id: 'embedded', modelPath: path, models: ['kgov-llm-13b'], contextSize: 512, threads: 1, gpuLayers: 0, gpu: 'cpu', parallel: 1, timeoutMs: 60_000,
    });
  });
  after(async () => {
    await embedded?.close();
    await upstream?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  chatProviderContract('openai-compatible (recorded upstream)', () => openAICompatibleProvider({
    id: 'onprem', baseURL: upstream.baseURL, zone: 'internal', models: ['kgov-llm-13b'], timeoutMs: 5000,
  }), request);
  chatProviderContract('llama-cpp (a tiny GGUF written by the test)', () => embedded, request);
});
