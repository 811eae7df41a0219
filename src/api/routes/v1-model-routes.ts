import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import type { ResolvedApiContext } from '../context.js';
import { principalOf, requirePrincipal } from '../authenticate.js';
import { ragModel } from './v1-chat-routes.js';
import { builtInEmbeddingModel } from './v1-embeddings-routes.js';
import { taskModel } from './v1-task-selection.js';

const modelSchema = z.object({ id: z.string(), object: z.literal('model'), created: z.number(), owned_by: z.string() });

/**
 * OpenAI-compatible model list: the platform's own ids (grounded answers, task services, the built-in
 * embedder) and the chat and embedding models of the providers the caller's tenant may use.
 */
export function v1ModelRoutes(context: ResolvedApiContext): FastifyPluginAsyncZod {
  // When this server started serving them: the same on every call (clients cache model lists by it).
  const created = Math.floor(Date.now() / 1000);
  /** The model ids the caller's tenant may call: an external provider's only for the tenants on its allow-list. */
  const usableModels = (principal: ReturnType<typeof principalOf>) => {
    const usable = context.config.providers.filter((provider) =>
      provider.zone === 'internal' || ('tenantId' in principal && (provider.allowedTenants ?? []).includes(principal.tenantId)));
    return [...new Set([ragModel, taskModel, ...usable.flatMap((provider) => provider.models), builtInEmbeddingModel,
      ...usable.flatMap((provider) => (provider.type === 'openai-compatible' ? provider.embeddingModels : []))])];
  };
  const model = (id: string) => ({ id, object: 'model' as const, created, owned_by: 'kgov' });
  return async function registerV1ModelRoutes(app) {
    app.addHook('onRequest', requirePrincipal(context.database, 'v1'));
    app.get('/models', {
      schema: {
        summary: 'List models (OpenAI-compatible)',
        tags: ['v1'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ object: z.literal('list'), data: z.array(modelSchema) }) },
      },
    }, async (request) => {
      const principal = principalOf(request);
      authorize(principal, 'models.list');
      return { object: 'list' as const, data: usableModels(principal).map(model) };
    });
    // A wildcard: model ids may hold a slash (Qwen/Qwen2.5-7B-Instruct), which clients send as it is.
    app.get('/models/*', {
      schema: {
        summary: 'Retrieve a model (OpenAI-compatible)',
        tags: ['v1'],
        security: [{ bearer: [] }],
        params: z.object({ '*': z.string().min(1) }),
        response: { 200: modelSchema },
      },
    }, async (request) => {
      const principal = principalOf(request);
      authorize(principal, 'models.list');
      // A model the caller's tenant may not call is as unknown to it as one that does not exist.
      const id = request.params['*'];
      if (!usableModels(principal).includes(id)) throw new KgovError('model_not_found', { model: id }, { param: 'model' });
      return model(id);
    });
  };
}
