import { z } from 'zod';
import { normalizeVector, type Embedder, type EmbeddingResult } from './embedder.js';

/**
 * A client for any server that speaks OpenAI's `POST /v1/embeddings` (vLLM, TEI, Ollama, LiteLLM):
 * bge-m3 or multilingual-e5 inside the closed network. e5 models expect "query: " / "passage: "
 * prefixes; bge-m3 expects none — hence the prefix options.
 */
export type OpenAiCompatibleEmbedderOptions = {
  /** Base URL up to and including `/v1`, e.g. `http://gpu-01:8000/v1`. */
  baseUrl: string;
  model: string;
  dimension: number;
  apiKey?: string;
  queryPrefix?: string;
  documentPrefix?: string;
  maxBatch?: number;
  timeoutMs?: number;
  /** For tests: a fetch to call instead of the global one. */
  fetch?: typeof fetch;
};

/** The parts of OpenAI's response we use; extra fields (usage, object) are allowed and ignored. */
const responseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
});

export function createOpenAiCompatibleEmbedder(options: OpenAiCompatibleEmbedderOptions): Embedder {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  const call = options.fetch ?? fetch;
  return {
    id: `openai:${options.model}`,
    dimension: options.dimension,
    maxBatch: options.maxBatch ?? 64,
    async embed(texts, purpose): Promise<EmbeddingResult> {
      if (texts.length === 0) return { ok: true, vectors: [] };
      const prefix = (purpose === 'query' ? options.queryPrefix : options.documentPrefix) ?? '';
      let response: Response;
      try {
        response = await call(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({ model: options.model, input: texts.map((text) => `${prefix}${text}`), encoding_format: 'float' }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        return { ok: false, code: 'embedder_unavailable', reason: (error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message, retryable: true };
      }
      if (!response.ok) {
        // 429 and 5xx are worth retrying; 4xx (wrong model, input too long) are not.
        const retryable = response.status === 429 || response.status >= 500;
        return { ok: false, code: retryable ? 'embedder_unavailable' : 'embedder_bad_response', reason: `HTTP ${response.status}`, retryable };
      }
      const parsed = responseSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) return { ok: false, code: 'embedder_bad_response', reason: 'response is not an embeddings list', retryable: false };
      const vectors: Float32Array[] = new Array(texts.length);
      for (const item of parsed.data.data) {
        if (item.index >= texts.length || item.embedding.length !== options.dimension) {
          return { ok: false, code: 'embedder_bad_response', reason: `expected ${texts.length} vectors of dimension ${options.dimension}`, retryable: false };
        }
        vectors[item.index] = normalizeVector(Float32Array.from(item.embedding));
      }
      if (vectors.some((vector) => vector === undefined) || parsed.data.data.length !== texts.length) {
        return { ok: false, code: 'embedder_bad_response', reason: `expected ${texts.length} vectors`, retryable: false };
      }
      return { ok: true, vectors };
    },
  };
}
