import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getModelVersion, licensedArtifacts, listModelVersions, modelStages, modelStatuses } from '../../models/index.js';
import type { ApiContext } from '../context.js';
import { principalOf, requirePrincipal } from '../authenticate.js';

const licenceSchema = z.object({ artifact: z.enum(licensedArtifacts), licence: z.string(), commercialUse: z.boolean(), source: z.string().nullable() });
const versionSchema = z.object({
  name: z.string(), stage: z.enum(modelStages), parentName: z.string().nullable(), status: z.enum(modelStatuses), servedAs: z.string().nullable(),
  artifactUri: z.string().nullable(), sha256: z.string().nullable(), description: z.string().nullable(), licences: z.array(licenceSchema),
  createdBy: z.string(), createdAt: z.date(), updatedAt: z.date(),
});
const detailSchema = versionSchema.extend({
  lineage: z.array(z.object({ name: z.string(), stage: z.enum(modelStages) })),
  history: z.array(z.object({ from: z.enum(modelStatuses).nullable(), to: z.enum(modelStatuses), actor: z.string(), note: z.string().nullable(), at: z.date() })),
});

/** The model registry for administrators (read-only over HTTP: registering and promoting are operator acts, `kgov models`). */
export function modelRegistryRoutes(context: ApiContext): FastifyPluginAsyncZod {
  return async function registerModelRegistryRoutes(app) {
    app.addHook('onRequest', requirePrincipal(context.database, 'api'));
    app.get('/models', {
      schema: {
        summary: 'Model versions: lineage, licences, release status', tags: ['models'],
        querystring: z.object({ status: z.enum(modelStatuses).optional() }),
        response: { 200: z.object({ data: z.array(versionSchema) }) },
      },
    }, async (request) => ({
      data: await listModelVersions(context.database, principalOf(request), request.query.status ? { status: request.query.status } : {}),
    }));
    app.get('/models/:name', {
      schema: { summary: 'One model version with lineage and status history', tags: ['models'], params: z.object({ name: z.string() }), response: { 200: detailSchema } },
    }, async (request) => getModelVersion(context.database, principalOf(request), request.params.name));
  };
}
