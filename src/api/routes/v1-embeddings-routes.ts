import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authorize } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { buildEmbeddingRouter, estimateTokens } from '../../models/index.js';
import { configuredEmbedder, type Embedder } from '../../search/index.js';
import { auditDenial } from '../access-denial.js';
import { guardChatInput } from '../chat-guard.js';
import type { ResolvedApiContext } from '../context.js';
import { principalOf, requirePrincipal } from '../authenticate.js';

/** The platform's own embedder (the one search uses: the built-in hashed n-gram embedder, or search.embedder). */
export const builtInEmbeddingModel = 'kgov-embedding';

const embeddingsBody = z.looseObject({
  model: z.string().min(1),
  // 2,048 inputs is OpenAI's own limit per request; token-id arrays are refused (we do not know the upstream's tokenizer).
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2048)]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().min(1).max(8192).optional(),
  user: z.string().optional(),
  /** For the built-in embedder: queries are embedded from their content words only (see hashed-ngram-embedder.ts). */
  input_type: z.enum(['query', 'document']).optional(),
});

/** OpenAI's base64 format: little-endian float32 bytes. The official client asks for it by default. */
function toBase64(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

async function embedBuiltIn(embedder: Embedder, input: readonly string[], purpose: 'query' | 'document'): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let start = 0; start < input.length; start += embedder.maxBatch) {
    const result = await embedder.embed(input.slice(start, start + embedder.maxBatch), purpose);
    if (!result.ok) throw new KgovError(result.retryable ? 'upstream_error' : 'upstream_rejected', { provider: embedder.id, status: 0, detail: result.reason });
    vectors.push(...result.vectors.map((vector) => Array.from(vector)));
  }
  return vectors;
}

/**
 * POST /v1/embeddings, OpenAI-compatible. A model declared in a provider's `embeddingModels` goes
 * upstream (same retries, fallback, allow-lists and external-zone guard as chat); `kgov-embedding`
 * is answered in-process by the embedder search uses, so a client's vectors match the index's.
 * Metered like chat: requests and tokens per tenant, key, model and day, inside the rate limits.
 */
export function v1EmbeddingsRoutes(context: ResolvedApiContext): FastifyPluginAsyncZod {
  const router = buildEmbeddingRouter(context.config);
  const builtIn = configuredEmbedder(context.config);
  return async function registerV1EmbeddingsRoutes(app) {
    app.addHook('onRequest', requirePrincipal(context.database, 'v1'));
    app.post('/embeddings', {
      schema: { summary: 'Embeddings (OpenAI-compatible)', tags: ['v1'], security: [{ bearer: [] }], body: embeddingsBody },
    }, async (request, reply) => {
      const principal = principalOf(request);
      authorize(principal, 'models.use');
      if (principal.kind !== 'api-key' && principal.kind !== 'session') throw new KgovError('forbidden', { detail: 'models.use' });
      const body = request.body;
      const input = typeof body.input === 'string' ? [body.input] : body.input;
      const keyId = principal.kind === 'api-key' ? principal.keyId : `user:${principal.userId}`;
      const local = body.model === builtInEmbeddingModel;
      const every = local ? [] : router.providersFor(body.model);
      if (!local && every.length === 0) throw new KgovError('model_not_found', { model: body.model }, { param: 'model' });
      const candidates = every.filter((provider) => provider.zone === 'internal' || (provider.allowedTenants ?? []).includes(principal.tenantId));
      if (!local && candidates.length === 0) {
        // As for chat: to a tenant not on its allow-list the model does not exist; the attempt is audited.
        auditDenial(context.audit, request, principal, { code: 'model_not_found', reason: `external model ${body.model} not allowed for the tenant` });
        throw new KgovError('model_not_found', { model: body.model }, { param: 'model' });
      }
      if (local && body.dimensions !== undefined && body.dimensions !== builtIn.dimension) {
        throw new KgovError('invalid_request', { detail: `dimensions: ${builtInEmbeddingModel} = ${builtIn.dimension}` }, { param: 'dimensions' });
      }
      context.audit.assertHealthy();
      await context.limits.admit({ tenantId: principal.tenantId, keyId });
      const external = candidates.some((provider) => provider.zone === 'external');
      let texts = input;
      if (external) {
        // Text leaving the agency is masked and checked for classified content, exactly like a chat prompt. Not judged
        // by the LLM judge: inputs to embed are documents, not requests to answer, and a batch would cost a call each.
        const guarded = await guardChatInput(context.guard, {
          tenantId: principal.tenantId, actor: actorOf(principal), zone: 'external', messages: input.map((content) => ({ role: 'user', content })), judge: false,
          // A refusal names the input as the request has it: `input`, or `input[1]` of a list.
          messageParam: (index) => (typeof body.input === 'string' ? 'input' : `input[${index}]`), messagesParam: 'input',
        });
        texts = guarded.messages.map((message) => message.content);
      }
      const abort = new AbortController();
      reply.raw.on('close', () => abort.abort());
      let vectors: number[][];
      let promptTokens: number;
      let providerId = builtIn.id;
      if (local) {
        vectors = await embedBuiltIn(builtIn, texts, body.input_type ?? 'document');
        promptTokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
      } else {
        const result = await router.embed({ model: body.model, input: texts, dimensions: body.dimensions }, abort.signal, candidates);
        ({ vectors, promptTokens } = result);
        providerId = result.provider.id;
        if (result.provider.zone === 'external') {
          await context.audit.append({
            tenantId: principal.tenantId, actor: actorOf(principal), action: 'external.called', target: `provider:${providerId}`,
            detail: { model: body.model, endpoint: 'embeddings', inputs: texts.length, promptTokens },
          }).catch((error: unknown) => request.log.error({ err: error }, 'external call audit failed'));
        }
      }
      const usage = { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens };
      context.usage.record({ tenantId: principal.tenantId, keyId, model: body.model, usage });
      context.limits.charge({ tenantId: principal.tenantId, keyId, tokens: promptTokens });
      void reply.header('x-kgov-provider', providerId);
      const base64 = body.encoding_format === 'base64';
      return {
        object: 'list', model: body.model,
        data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector })),
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
      };
    });
  };
}
