import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  authorize, clearances, createApiKey, createUser, deleteUser, listApiKeys, listUsers, parseExpiry, readScope, revokeApiKey, roles, sharedWith, updateUser,
  type Grade, type Principal,
} from '../../auth/index.js';
import { auditCheckpointFile, listAuditRecords, readAuditCheckpoint, redactForReader, verifyAuditLog, type DocumentAccess } from '../../audit/index.js';
import { usageReport } from '../../models/index.js';
import { getTenantSynonyms, setTenantSynonyms, synonymLimits } from '../../search/index.js';
import { KgovError, readTimeBound } from '../../core/index.js';
import type { ResolvedApiContext } from '../context.js';
import { principalOf, requirePrincipal } from '../authenticate.js';

/** Tenant administration over HTTP: always inside the caller's own tenant. */
function tenantOf(principal: Principal): string {
  if (principal.kind === 'operator') throw new KgovError('forbidden', { detail: 'operator' });
  return principal.tenantId;
}

/** A bound of the audit's time filter (`readTimeBound`): 30d, 12h, 15m, 2026-11-01, 2026-11-01T09:00:00+09:00. */
const timeBound = z.string().max(40).refine((value) => readTimeBound(value) !== null, {
  message: '30d, 12h, 15m (from now), 2026-11-01 (KST) or 2026-11-01T09:00:00+09:00',
});

const keySchema = z.object({
  id: z.string(), tenantId: z.string(), name: z.string().nullable(), role: z.string(), clearance: z.string(), groups: z.array(z.string()),
  createdBy: z.string(), createdAt: z.date(), expiresAt: z.date().nullable(), revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
});
const userSchema = z.object({
  id: z.string(), tenantId: z.string(), username: z.string(), displayName: z.string().nullable(), role: z.string(),
  clearance: z.string(), groups: z.array(z.string()), hasPassword: z.boolean(), lockedUntil: z.date().nullable(), createdAt: z.date(),
});

export function adminRoutes(context: ResolvedApiContext): FastifyPluginAsyncZod {
  return async function registerAdminRoutes(app) {
    app.addHook('onRequest', requirePrincipal(context.database, 'api'));

    app.get('/keys', { schema: { summary: 'List API keys of my tenant', tags: ['admin'], response: { 200: z.object({ data: z.array(keySchema) }) } } },
      async (request) => ({ data: await listApiKeys(context.database, principalOf(request), tenantOf(principalOf(request))) }));

    app.post('/keys', {
      schema: {
        summary: 'Create an API key (the key is returned once)',
        tags: ['admin'],
        body: z.strictObject({
          role: z.enum(roles), clearance: z.enum(clearances), name: z.string().max(200).optional(),
          groups: z.array(z.string().max(64)).max(32).optional().describe('groups the key belongs to: it also sees documents shared with them'),
          expires: z.string().max(40).optional().describe('30d, 12h or an ISO date'),
        }),
        response: { 201: z.object({ key: z.string(), apiKey: keySchema }) },
      },
    }, async (request, reply) => {
      const principal = principalOf(request);
      const created = await createApiKey(context.database, principal, {
        tenantId: tenantOf(principal), role: request.body.role, clearance: request.body.clearance, groups: request.body.groups, name: request.body.name,
        expiresAt: request.body.expires ? parseExpiry(request.body.expires) : undefined,
      });
      return reply.status(201).send(created);
    });

    app.delete('/keys/:id', {
      schema: { summary: 'Revoke an API key', tags: ['admin'], params: z.object({ id: z.string().max(100) }), response: { 200: z.object({ apiKey: keySchema }) } },
    }, async (request) => ({ apiKey: await revokeApiKey(context.database, principalOf(request), request.params.id) }));

    const synonymsSchema = z.object({ tenantId: z.string(), groups: z.array(z.array(z.string())), updatedBy: z.string().nullable(), updatedAt: z.date().nullable() });
    app.get('/synonyms', { schema: { summary: "My tenant's synonym groups (they widen questions; the built-in groups always apply)", tags: ['admin'], response: { 200: synonymsSchema } } },
      async (request) => getTenantSynonyms(context.database, principalOf(request), tenantOf(principalOf(request))));

    app.put('/synonyms', {
      schema: {
        summary: "Replace my tenant's synonym groups (an empty list clears them; no re-indexing needed)",
        tags: ['admin'],
        body: z.strictObject({
          // Shape only: the terms themselves are checked by `setTenantSynonyms`, which names the group at fault.
          groups: z.array(z.array(z.string().max(1000)).max(1000)).max(synonymLimits.groups),
        }),
        response: { 200: synonymsSchema },
      },
    }, async (request) => {
      const principal = principalOf(request);
      return setTenantSynonyms(context.database, principal, { tenantId: tenantOf(principal), groups: request.body.groups });
    });

    app.get('/users', { schema: { summary: 'List users of my tenant', tags: ['admin'], response: { 200: z.object({ data: z.array(userSchema) }) } } },
      async (request) => ({ data: await listUsers(context.database, principalOf(request), tenantOf(principalOf(request))) }));

    app.post('/users', {
      schema: {
        summary: 'Create a user in my tenant',
        tags: ['admin'],
        body: z.strictObject({
          username: z.string().min(1).max(63), displayName: z.string().max(200).optional(), role: z.enum(roles),
          clearance: z.enum(clearances), password: z.string().max(1024).optional(),
          groups: z.array(z.string().max(64)).max(32).optional().describe('groups (departments) the user belongs to'),
        }),
        response: { 201: z.object({ user: userSchema }) },
      },
    }, async (request, reply) => {
      const principal = principalOf(request);
      const user = await createUser(context.database, principal, { tenantId: tenantOf(principal), ...request.body }, context.config.auth);
      return reply.status(201).send({ user });
    });

    app.patch('/users/:username', {
      schema: {
        summary: 'Change a user of my tenant (role, clearance, groups, name, password, lockout); a change of access or password ends their sessions',
        tags: ['admin'],
        params: z.object({ username: z.string().min(1).max(63) }),
        body: z.strictObject({
          displayName: z.string().max(200).nullable().optional(), role: z.enum(roles).optional(), clearance: z.enum(clearances).optional(),
          password: z.string().max(1024).optional(), groups: z.array(z.string().max(64)).max(32).optional(), unlock: z.boolean().optional(),
        }),
        response: { 200: z.object({ user: userSchema }) },
      },
    }, async (request) => {
      const principal = principalOf(request);
      const user = await updateUser(context.database, principal, { tenantId: tenantOf(principal), username: request.params.username, ...request.body }, context.config.auth);
      return { user };
    });

    app.delete('/users/:username', {
      schema: { summary: 'Delete a user of my tenant and end their sessions', tags: ['admin'], params: z.object({ username: z.string().min(1).max(63) }) },
    }, async (request, reply) => {
      const principal = principalOf(request);
      await deleteUser(context.database, principal, { tenantId: tenantOf(principal), username: request.params.username });
      return reply.status(204).send();
    });

    app.get('/usage', {
      schema: {
        summary: 'Token usage of my tenant per key, model and day (Asia/Seoul)',
        tags: ['admin'],
        querystring: z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
        response: { 200: z.object({ data: z.array(z.object({ keyId: z.string(), model: z.string(), day: z.string(), requests: z.number(), promptTokens: z.number(), completionTokens: z.number() })) }) },
      },
    }, async (request) => {
      const tenantId = tenantOf(principalOf(request));
      authorize(principalOf(request), 'usage.read', { tenantId });
      await context.usage.flush();
      return { data: await usageReport(context.database, { tenantId, from: request.query.from, to: request.query.to }) };
    });

    app.get('/audit', {
      schema: {
        summary: 'Audit records of my tenant, oldest first: filter by time, action, actor and outcome; page on with after=<last seq>',
        tags: ['admin'],
        querystring: z.strictObject({
          // As on the command line: 30d, 12h, 15m back from now; a date (the start of that day in Korea); a date and time.
          since: timeBound.optional(), until: timeBound.optional(),
          action: z.string().max(64).optional(), actor: z.string().max(200).optional(), outcome: z.enum(['success', 'failure', 'denied']).optional(),
          after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ data: z.array(z.record(z.string(), z.unknown())), next: z.number().nullable() }) },
      },
    }, async (request) => {
      const principal = principalOf(request);
      const tenantId = tenantOf(principal);
      authorize(principal, 'audit.read', { tenantId });
      // Records not yet written by the gateway's group commit are written first, so a request just made is listed.
      await context.audit.flush();
      const { since, until, ...rest } = request.query;
      const records = await listAuditRecords(context.database, {
        ...rest, tenantId, ...(since ? { since: readTimeBound(since)! } : {}), ...(until ? { until: readTimeBound(until)! } : {}),
      });
      // Acts on documents the admin may not read are listed without naming the document (`redactForReader`).
      const scope = readScope(principal);
      const documentIds = [...new Set(records.flatMap((record) => (record.target?.startsWith('document:') ? [record.target.slice('document:'.length)] : [])))];
      const access = new Map((await context.database.query<{ id: string; grade: string | null; access_groups: string[] | null }>(
        `SELECT d.id, d.access_groups, (SELECT v.grade FROM document_versions v WHERE v.document_id = d.id ORDER BY v.version DESC LIMIT 1) AS grade
         FROM documents d WHERE d.id = ANY($1::text[])`, [documentIds])).flatMap((row) => (row.grade ? [[row.id, { grade: row.grade, sharedWith: row.access_groups ?? [] }] as const] : [])));
      const visible = (document: DocumentAccess) => scope.grades.includes(document.grade as Grade) && sharedWith(scope, document.sharedWith);
      const data = records.map((record) => redactForReader(record, access.get(record.target?.slice('document:'.length) ?? '') ?? null, visible));
      return { data, next: records.length === request.query.limit ? records.at(-1)!.seq : null };
    });

    app.get('/audit/verify', {
      schema: {
        summary: 'Verify the audit hash chain',
        tags: ['admin'],
        response: { 200: z.object({ ok: z.boolean(), records: z.number(), lastSeq: z.number(), problems: z.array(z.record(z.string(), z.unknown())) }) },
      },
    }, async (request) => {
      const principal = principalOf(request);
      authorize(principal, 'audit.read', { tenantId: tenantOf(principal) });
      const checkpoint = readAuditCheckpoint(auditCheckpointFile(context.config));
      // The chain is one for all tenants, so whether it holds is everyone's business; what other tenants did is not.
      return verifyAuditLog(context.database, { checkpoint, ...(principal.kind === 'operator' ? {} : { tenantId: tenantOf(principal) }) });
    });
  };
}
