import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KgovError } from '../../core/index.js';
import { configuredEmbedder, describeVectorSupport, searchAudit, searchChunks, searchModes, vectorSupport } from '../../search/index.js';
import { principalOf, requirePrincipal } from '../authenticate.js';
import type { ResolvedApiContext } from '../context.js';

const hitSchema = z.object({
  document: z.string(), chunk: z.string(), lines: z.tuple([z.number(), z.number()]).nullable(), page: z.number().nullable(),
  score: z.number(), version: z.number(), section: z.string().nullable(), text: z.string(),
});

/**
 * `POST /api/search`: permission-aware search as the caller — an API key or a console session —
 * always in the caller's own tenant and within the caller's clearance (the principal decides; the
 * body cannot widen it).
 */
export function searchRoutes(context: ResolvedApiContext): FastifyPluginAsyncZod {
  return async function registerSearchRoutes(app) {
    const embedder = configuredEmbedder(context.config);
    app.log.info(describeVectorSupport(await vectorSupport(context.database)));

    app.post('/search', {
      onRequest: requirePrincipal(context.database, 'api'),
      schema: {
        summary: 'Search my tenant\'s documents (문서 검색)',
        tags: ['search'],
        body: z.strictObject({
          query: z.string().trim().min(1).max(2000),
          k: z.number().int().min(1).max(context.config.search.maxK).default(10),
          mode: z.enum(searchModes).optional(),
        }),
        response: { 200: z.object({ data: z.array(hitSchema) }) },
      },
    }, async (request) => {
      const principal = principalOf(request);
      if (principal.kind === 'operator') throw new KgovError('forbidden', { detail: 'operator' });
      // Searches count against the same per-key and per-tenant requests per minute as model calls (429 + Retry-After).
      const keyId = principal.kind === 'api-key' ? principal.keyId : principal.kind === 'session' ? `user:${principal.userId}` : principal.kind;
      context.audit.assertHealthy();
      await context.limits.admit({ tenantId: principal.tenantId, keyId });
      const hits = await searchChunks(context.database, principal, {
        tenantId: principal.tenantId, query: request.body.query, k: request.body.k,
        mode: request.body.mode ?? context.config.search.mode, embedder,
      });
      // Who read which documents, and when (the access record): the documents' ids, never the query or the text.
      // Written behind the answer (the group commit's 20 ms would be every search's); served only while the log can
      // be written, as the gateway is.
      void context.audit.append(searchAudit(principal, principal.tenantId, hits, request.body.query.length)).catch((error: unknown) => request.log.error({ err: error }, 'search audit failed'));
      return {
        data: hits.map((hit) => ({
          document: hit.document, chunk: hit.chunk, lines: hit.lines, page: hit.page, score: Number(hit.score.toFixed(4)),
          version: hit.version, section: hit.section, text: hit.text,
        })),
      };
    });
  };
}
