import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../auth/index.js';
import type { ApiContext } from '../context.js';
import { principalOf, requirePrincipal } from '../authenticate.js';

const modelSchema = z.object({ id: z.string(), object: z.literal('model'), created: z.number(), owned_by: z.string() });

/**
 * OpenAI-compatible model list. Providers arrive with the model layer; until a provider is
 * configured the list is honestly empty.
 */
export function v1ModelRoutes(context: ApiContext): FastifyPluginAsyncZod {
  return async function registerV1ModelRoutes(app) {
    app.addHook('preHandler', requirePrincipal(context.database, 'v1'));
    app.get('/models', {
      schema: {
        summary: 'List models (OpenAI-compatible)',
        tags: ['v1'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ object: z.literal('list'), data: z.array(modelSchema) }) },
      },
    }, async (request) => {
      authorize(principalOf(request), 'models.list');
      return { object: 'list' as const, data: [] };
    });
  };
}
