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
 * embedder) and every chat and embedding model of the configured providers.
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
      authorize(principalOf(request), 'models.list');
      const created = Math.floor(Date.now() / 1000);
      return { object: 'list' as const, data: [...new Set([ragModel, taskModel, ...context.models.modelIds(), builtInEmbeddingModel,
        ...context.config.providers.flatMap((provider) => (provider.type === 'openai-compatible' ? provider.embeddingModels : []))])].map((id) => ({ id, object: 'model' as const, created, owned_by: 'kgov' })) };
    });
  };
}
