import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../auth/index.js';
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
      const created = Math.floor(Date.now() / 1000);
      // Only what the caller's tenant may call: an external provider's models for the tenants on its allow-list.
      const usable = context.config.providers.filter((provider) =>
        provider.zone === 'internal' || ('tenantId' in principal && (provider.allowedTenants ?? []).includes(principal.tenantId)));
      const ids = [ragModel, taskModel, ...usable.flatMap((provider) => provider.models), builtInEmbeddingModel,
        ...usable.flatMap((provider) => (provider.type === 'openai-compatible' ? provider.embeddingModels : []))];
      return { object: 'list' as const, data: [...new Set(ids)].map((id) => ({ id, object: 'model' as const, created, owned_by: 'kgov' })) };
    });
  };
}
