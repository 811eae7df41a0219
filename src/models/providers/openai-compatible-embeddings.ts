import { Agent, request } from 'undici';
import { KgovError } from '../../core/index.js';
import type { Zone } from '../chat-provider.js';
import type { EmbeddingProvider } from '../embedding-provider.js';
import { estimateTokens } from './openai-compatible-provider.js';

type EmbeddingsBody = { data?: { index?: number; embedding?: unknown }[]; usage?: { prompt_tokens?: number } };

/** `/embeddings` of any OpenAI-compatible server (vLLM, TEI, Ollama). Always asks for floats: base64 is re-encoded for our caller. */
export function openAICompatibleEmbeddings(options: {
  id: string; baseURL: string; zone: Zone; embeddingModels: readonly string[]; apiKey?: string | undefined; timeoutMs: number;
}): EmbeddingProvider {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 64 });
  const url = `${options.baseURL.replace(/\/+$/, '')}/embeddings`;
  const headers = { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
  return {
    id: options.id,
    zone: options.zone,
    embeddingModels: options.embeddingModels,
    async embed(embeddingRequest, { signal }) {
      let response;
      try {
        response = await request(url, {
          method: 'POST', headers, signal, dispatcher, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs,
          body: JSON.stringify({
            model: embeddingRequest.model, input: embeddingRequest.input, encoding_format: 'float',
            ...(embeddingRequest.dimensions ? { dimensions: embeddingRequest.dimensions } : {}),
          }),
        });
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.includes('TIMEOUT') || (error as Error).name === 'AbortError') throw new KgovError('upstream_timeout', { provider: options.id }, { cause: error });
        throw new KgovError('upstream_error', { provider: options.id, status: 0, detail: code || 'connection failed' }, { cause: error });
      }
      const text = await response.body.text();
      if (response.statusCode >= 400) {
        const status = response.statusCode;
        const retryable = status === 408 || status === 429 || status >= 500;
        throw new KgovError(retryable ? 'upstream_error' : 'upstream_rejected', { provider: options.id, status, detail: text.slice(0, 300) });
      }
      let body: EmbeddingsBody;
      try {
        body = JSON.parse(text) as EmbeddingsBody;
      } catch (error) {
        throw new KgovError('upstream_error', { provider: options.id, status: response.statusCode, detail: 'not JSON' }, { cause: error });
      }
      const data = [...(body.data ?? [])].sort((left, right) => (left.index ?? 0) - (right.index ?? 0));
      const valid = data.length === embeddingRequest.input.length
        && data.every((item) => Array.isArray(item.embedding) && item.embedding.every((value) => typeof value === 'number'));
      if (!valid) throw new KgovError('upstream_error', { provider: options.id, status: response.statusCode, detail: `expected ${embeddingRequest.input.length} float vectors` });
      return {
        vectors: data.map((item) => item.embedding as number[]),
        promptTokens: body.usage?.prompt_tokens ?? embeddingRequest.input.reduce((sum, input) => sum + estimateTokens(input), 0),
      };
    },
  };
}
