import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentVersion } from '../../store/index.js';
import { KgovError } from '../../core/index.js';
import type { ApiContext } from '../context.js';
import type { Metrics } from '../metrics.js';
import { requirePrincipal } from '../authenticate.js';

export function healthRoutes(context: ApiContext, metrics: Metrics): FastifyPluginAsyncZod {
  return async function registerHealthRoutes(app) {
    app.get('/healthz', {
      schema: {
        summary: 'Liveness and database reachability',
        tags: ['operations'],
        response: { 200: z.object({ status: z.literal('ok'), version: z.string(), database: z.string(), schemaVersion: z.number() }) },
      },
    }, async () => {
      try {
        return { status: 'ok' as const, version: context.version, database: context.database.kind, schemaVersion: await currentVersion(context.database) };
      } catch (error) {
        throw new KgovError('database_unavailable', { detail: (error as Error).message }, { cause: error });
      }
    });

    app.get('/metrics', {
      schema: { summary: 'Prometheus metrics', tags: ['operations'] },
      ...(context.config.server.publicMetrics ? {} : { onRequest: requirePrincipal(context.database, 'v1') }),
    }, async (_request, reply) => {
      void reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
}
