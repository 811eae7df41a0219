import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, clearances, parseClearance, parseGroups, visibleGrades, type Grade, type Principal } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { createIngestService, createJob, deleteDocument, getDocument, jobStatus, listDocuments, purgeDocuments, refreshSearchStatistics, shareDocument, type NewItem } from '../../data/index.js';
import type { ApiContext } from '../context.js';
import { principalOf, requirePrincipal } from '../authenticate.js';

/** Documents are always those of the caller's own tenant, within the grades their clearance sees and shared with them. */
function tenantOf(principal: Principal): string {
  if (principal.kind === 'operator') throw new KgovError('forbidden', { detail: 'operator' });
  return principal.tenantId;
}

const summarySchema = z.object({
  id: z.string(), name: z.string().describe("the file's base name; several documents may share one"),
  source: z.string().nullable().describe("where the document came from: the file's path (kgov ingest) or upload:NAME"), grade: z.enum(clearances),
  sharedWith: z.array(z.string()).describe('groups the document is shared with; empty: the whole tenant (within its grade)'), version: z.number(), versions: z.number(), chunks: z.number(), format: z.string(),
  ingestedAt: z.date(), effectiveDate: z.string().nullable(),
});
const versionSchema = z.object({
  id: z.string(), version: z.number(), sha256: z.string(), bytes: z.number(), format: z.string(), grade: z.enum(clearances), effectiveDate: z.string().nullable(),
  ingestedAt: z.date(), supersededAt: z.date().nullable(), signed: z.boolean(), signingKeyId: z.string().nullable(), parserVersion: z.number().int().nullable().describe('the parser that made this version\'s chunks; null: stored before versions recorded it (kgov reindex --reparse)'),
  nearDuplicateOf: z.object({ documentId: z.string(), name: z.string(), version: z.number(), similarity: z.number() }).nullable()
    .describe('the earlier document this version nearly duplicates (MinHash similarity); null if none or not visible to the caller'),
  personalData: z.object({ treatment: z.string().nullable(), chunks: z.number(), types: z.record(z.string(), z.number()) }).nullable()
    .describe('personal data found in the version: treatment, chunks with findings, chunks per type (never values); null if the version is not visible to the caller'),
});
const itemSchema = z.object({
  file: z.string(), status: z.enum(['queued', 'running', 'done', 'duplicate', 'failed']), attempts: z.number(), code: z.string().nullable(),
  reason: z.string().nullable(), documentId: z.string().nullable(), version: z.number().nullable(), bytes: z.number().nullable(),
});
// A document by id, source path or name; a name that several documents share is refused (409 document_ambiguous).
const documentParams = z.object({ id: z.string().max(4096).describe('document id, source path (URL-encoded) or base name') });
const jobSchema = z.object({
  id: z.string(), finished: z.boolean(), createdAt: z.date(), finishedAt: z.date().nullable(),
  counts: z.object({ queued: z.number(), running: z.number(), done: z.number(), duplicate: z.number(), failed: z.number() }),
  items: z.array(itemSchema),
});

export function documentRoutes(context: ApiContext): FastifyPluginAsyncZod {
  return async function registerDocumentRoutes(app) {
    const settings = context.config.ingest;
    // Size limits from the config: a file over the limit is recorded as failed (file_too_large) on its
    // own, the other files of the upload go on; more files than allowed refuse the request (413).
    await app.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: settings.maxFileBytes, files: settings.maxUploadFiles, fields: 10, fieldSize: 1024, parts: settings.maxUploadFiles + 10 },
    });
    const service = createIngestService(context.database, context.config);
    const running = new Set<Promise<unknown>>();
    app.addHook('onClose', async () => {
      await service.close();
      await Promise.allSettled(running);
    });
    app.addHook('onRequest', requirePrincipal(context.database, 'api'));

    const describeJob = async (principal: Principal, jobId: string) => {
      const status = await jobStatus(context.database, principal, jobId);
      return {
        id: status.id, finished: status.finishedAt !== null, createdAt: status.createdAt, finishedAt: status.finishedAt, counts: status.counts,
        items: status.items.map((item) => ({
          file: item.fileName, status: item.status, attempts: item.attempts, code: item.errorCode, reason: item.errorReason,
          documentId: item.documentId, version: item.version, bytes: item.bytes,
        })),
      };
    };

    app.post('/documents', {
      schema: {
        summary: 'Upload documents (multipart: files, optional grade, provider and share — groups, comma-separated); ingested through the same job pipeline as the CLI',
        tags: ['documents'], consumes: ['multipart/form-data'],
        response: { 201: z.object({ job: jobSchema }), 202: z.object({ job: jobSchema }) },
      },
    }, async (request, reply) => {
      const principal = principalOf(request);
      const tenantId = tenantOf(principal);
      authorize(principal, 'documents.write', { tenantId }); // before reading any bytes
      const items: NewItem[] = [];
      let grade: Grade | undefined;
      let provider: string | undefined;
      let share: string[] | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          const fileName = part.filename || 'upload';
          items.push(part.file.truncated
            ? { fileName, failed: { code: 'file_too_large', reason: `> ${settings.maxFileBytes} bytes` } }
            : { fileName, content });
        } else if (part.fieldname === 'grade') {
          const value = String(part.value);
          try {
            grade = parseClearance(value);
          } catch {
            throw new KgovError('invalid_clearance', { value }, { param: 'grade' });
          }
        } else if (part.fieldname === 'share') {
          share = parseGroups(String(part.value));
        } else if (part.fieldname === 'provider') {
          provider = String(part.value).slice(0, 200);
        }
      }
      if (items.length === 0) throw new KgovError('invalid_request', { detail: '파일이 없습니다 / no file in the upload' }, { param: 'file' });
      // A document graded above the uploader's clearance would be one they can neither read nor manage afterwards.
      if (grade !== undefined && !visibleGrades(principal).includes(grade)) {
        throw new KgovError('forbidden', { detail: `등급 ${grade} 문서는 열람 등급(clearance) 안에서만 올릴 수 있습니다 / grade ${grade} is above your clearance` }, { param: 'grade' });
      }
      const jobId = await createJob(context.database, principal, { tenantId, origin: 'http', grade, provider, share, items });
      const run = service.runJob(principal, jobId).then(async () => {
        await refreshSearchStatistics(context.database);
        return true;
      });
      running.add(run);
      void run.catch((error: unknown) => request.log.error({ err: error, jobId }, 'ingest job failed')).finally(() => running.delete(run));
      // Small uploads answer with their outcome; large ones answer 202 and are followed at GET /api/documents/jobs/:id.
      const finished = await Promise.race([run, new Promise<false>((resolve) => setTimeout(resolve, settings.uploadWaitSeconds * 1000, false).unref())]);
      return reply.status(finished ? 201 : 202).send({ job: await describeJob(principal, jobId) });
    });

    app.get('/documents/jobs/:id', {
      schema: { summary: 'Status of an ingest job and its files', tags: ['documents'], params: z.object({ id: z.string().max(100) }), response: { 200: z.object({ job: jobSchema }) } },
    }, async (request) => ({ job: await describeJob(principalOf(request), request.params.id) }));

    app.get('/documents', {
      schema: { summary: 'Documents of my tenant that my clearance may see', tags: ['documents'], response: { 200: z.object({ data: z.array(summarySchema) }) } },
    }, async (request) => {
      const principal = principalOf(request);
      return { data: await listDocuments(context.database, principal, tenantOf(principal)) };
    });

    app.get('/documents/:id', {
      schema: {
        summary: 'A document and all its versions (effective date, hash, signature, near-duplicate, personal-data types)', tags: ['documents'], params: documentParams,
        response: { 200: z.object({ document: summarySchema.extend({ createdAt: z.date(), versionList: z.array(versionSchema) }) }) },
      },
    }, async (request) => {
      const principal = principalOf(request);
      return { document: await getDocument(context.database, principal, tenantOf(principal), request.params.id) };
    });

    app.put('/documents/:id/sharing', {
      schema: {
        summary: 'Share a document with some groups of my tenant only, or with the whole tenant again (groups: []); its grade still applies (audited)',
        tags: ['documents'], params: documentParams,
        body: z.object({ groups: z.array(z.string().max(64)).max(32) }),
        response: { 200: z.object({ document: summarySchema }) },
      },
    }, async (request) => {
      const principal = principalOf(request);
      return { document: await shareDocument(context.database, principal, { tenantId: tenantOf(principal), document: request.params.id, groups: request.body.groups }) };
    });

    app.delete('/documents/:id', {
      schema: { summary: 'Delete a document (audited; versions are kept for audit)', tags: ['documents'], params: documentParams, response: { 200: z.object({ deleted: z.string(), id: z.string() }) } },
    }, async (request) => {
      const principal = principalOf(request);
      const deleted = await deleteDocument(context.database, principal, { tenantId: tenantOf(principal), document: request.params.id });
      return { deleted: request.params.id, id: deleted.id };
    });

    app.post('/documents/purge', {
      schema: {
        summary: 'Destroy deleted documents and superseded versions for good (파기; administrators; audited with ids and hashes only). '
          + 'Name what to purge: a document, olderThanDays, or all',
        tags: ['documents'],
        body: z.object({
          document: z.string().min(1).max(4096).optional().describe('one document (id, source path or name; deleted ones included)'),
          olderThanDays: z.number().int().min(0).max(100_000).optional().describe('only what was deleted or superseded at least this many days ago'),
          all: z.boolean().optional().describe('every deleted document and superseded version of my tenant'),
          compact: z.boolean().optional().describe('rewrite the tables (VACUUM FULL) so no old page survives; locks them meanwhile'),
        }).strict(),
        response: {
          200: z.object({
            documents: z.array(z.object({ id: z.string(), whole: z.boolean(), versions: z.array(z.object({ version: z.number(), sha256: z.string() })), chunks: z.number() })),
            versions: z.number(), chunks: z.number(), vacuumed: z.enum(['none', 'vacuum', 'vacuum-full']),
            notCompacted: z.array(z.string()).describe('tables compact could not rewrite in this process (embedded database; vacuumed plainly instead)'),
          }),
        },
      },
    }, async (request) => {
      const principal = principalOf(request);
      const { document, olderThanDays, all, compact } = request.body;
      // Irreversible: the body says what to purge; an empty body purges nothing by accident.
      if (document === undefined && olderThanDays === undefined && all !== true) throw new KgovError('invalid_request', { detail: 'name what to purge: document, olderThanDays or all' });
      if (document !== undefined && all === true) throw new KgovError('invalid_request', { detail: 'give document or all, not both' });
      return purgeDocuments(context.database, principal, {
        tenantId: tenantOf(principal), ...(document !== undefined ? { document } : {}), ...(olderThanDays !== undefined ? { olderThanDays } : {}), compact: compact ?? false,
      });
    });
  };
}
