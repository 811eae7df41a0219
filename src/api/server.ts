import { isAbsolute } from 'node:path';
import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { isKgovError, KgovError, type KgovConfig } from '../core/index.js';
import { keyDirectory, type Queryable } from '../store/index.js';
import { auditCheckpointFile, createAuditWriter, runWithAuditClient, startAuditCheckpoints } from '../audit/index.js';
import { buildModelRouter, createRateLimiter, createUsageMeter } from '../models/index.js';
import { attachMemoryIndex, detachMemoryIndex } from '../search/index.js';
import { internalProvidersFor } from '../services/index.js';
import { detectPii } from '../guard/index.js';
import { auditDenial } from './access-denial.js';
import { createGuardRuntime } from './chat-guard.js';
import { loadRestrictedFingerprints } from './restricted-fingerprints.js';
import type { ApiContext, ResolvedApiContext } from './context.js';
import { errorBody, sendError } from './error-response.js';
import { serializeErrorForLog, serializeRequestForLog } from './log-redaction.js';
import { createMetrics, observedGuard, observedUsage } from './metrics.js';
import { adminRoutes } from './routes/admin-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { modelRegistryRoutes } from './routes/model-registry-routes.js';
import { searchRoutes } from './routes/search-routes.js';
import { v1ChatRoutes } from './routes/v1-chat-routes.js';
import { v1EmbeddingsRoutes } from './routes/v1-embeddings-routes.js';
import { v1ModelRoutes } from './routes/v1-model-routes.js';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;
// Six digits then seven, whatever stands between or around them (870713:1234562, X870713-1234562X, 870713..1234562):
// the shape of a 주민등록번호. An id has no need of it, and a kept id stays in the audit chain for good.
const residentNumberShape = /\d{6}[^\d]{0,3}[1-8]\d{6}/;

/**
 * Builds the HTTP server. Fastify rather than Hono: on Node, Hono runs through the fetch/web-streams
 * adapter that ANCHORS.md measured as ~47% of Portkey's gateway CPU, while Fastify sits on
 * node:http directly and brings what this layer needs (pino JSON logs with request ids, schema
 * validation, graceful close, OpenAPI from the same schemas).
 */
/** Personal data and credentials that errors and URLs carry are masked before they are logged (log-redaction.ts). */
function withRedactingSerializers(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (typeof logger !== 'object' || logger === null) return logger;
  // pino types its serializers' results as objects of a fixed shape; ours are plain objects of the same kind.
  const serializers = { err: serializeErrorForLog, req: serializeRequestForLog } as unknown as NonNullable<typeof logger.serializers>;
  return { ...logger, serializers: { ...serializers, ...logger.serializers } };
}

export async function buildServer(given: ApiContext, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<FastifyInstance> {
  const { config } = given;
  const app = Fastify({
    logger: withRedactingSerializers(options.logger ?? {
      level: config.logging.level,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
    }),
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    requestIdHeader: false,
    // Accept a caller's request id (for tracing through a proxy) only if it is short and plain, and holds no personal
    // data: it goes into the logs and, for good, into the audit chain (a 주민등록번호 sent as an id would stay there).
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming) && !residentNumberShape.test(incoming) && detectPii(incoming).entities.length === 0
        ? incoming : randomUUID();
    },
    return503OnClosing: true,
    // Errors Node's HTTP parser meets before there is a request (headers over 16 KB, a broken request line) get the
    // one error shape too, not Fastify's own body.
    clientErrorHandler: (error, socket) => {
      if (socket.destroyed || !socket.writable) return;
      const tooLarge = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW';
      const failure = new KgovError(tooLarge ? 'headers_too_large' : 'malformed_request');
      const body = JSON.stringify(errorBody(failure, config.language, randomUUID()));
      socket.end(`HTTP/1.1 ${failure.httpStatus} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\n`
        + `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    },
  });
  const metrics = createMetrics();
  const audit = createAuditWriter(given.database, {
    onError: (error) => {
      metrics.auditWriteFailures.inc();
      app.log.error({ err: error }, 'audit write failed; gateway requests are refused until it succeeds');
    },
  });
  const models = given.models ?? buildModelRouter(config);
  // Restricted documents' fingerprints, loaded before the first request: a prompt quoting one must not leave the agency.
  const fingerprints = await loadRestrictedFingerprints(given.database, {
    refreshMs: config.guard.fingerprintRefreshMs,
    onError: (error) => app.log.error({ err: error }, 'restricted-document fingerprints: refresh failed; the last ones stay in use'),
  });
  // A grounded answer's prompt carries the caller's documents as they are: its writer must be inside the agency.
  // Refused at start, like a judge on an external provider, rather than on every kgov-rag request.
  if (config.rag.generatorModel) {
    try {
      internalProvidersFor(models, config.rag.generatorModel);
    } catch (error) {
      throw new KgovError('config_invalid', { source: 'rag.generatorModel', detail: error instanceof KgovError ? error.localizedMessage(config.language) : String(error) }, { cause: error });
    }
  }
  await warnAboutConfig(config, given.database, app.log);
  const context: ResolvedApiContext = {
    ...given,
    models,
    // After the router: a tenant's LLM judge is built on its internal models (a judge on an external one stops the start).
    guard: observedGuard(createGuardRuntime(config, audit, models, { fingerprints: fingerprints.index }), metrics),
    audit,
    limits: createRateLimiter(given.database, config.gateway.limits, { onError: (error) => app.log.error({ err: error }, 'rate-limit sync failed') }),
    usage: observedUsage(createUsageMeter(given.database, { onError: (error) => app.log.error({ err: error }, 'usage flush failed') }), metrics),
  };
  // Write-behind state goes to the database before the caller closes it (routes have finished by then).
  // Searches read the lexical index from memory once a tenant is loaded (loaded on its first search).
  if (config.search.memoryIndex.maxPostings > 0) {
    attachMemoryIndex(given.database, {
      ...config.search.memoryIndex,
      onEvent: (event) => {
        if (event.event === 'failed') app.log.warn(event, 'search: in-memory index failed to load; searching in SQL');
        // Searches of this tenant stay in SQL (slow at scale) until search.memoryIndex.maxPostings is raised.
        else if (event.event === 'too-large') app.log.warn(event, 'search: tenant larger than search.memoryIndex.maxPostings; searching in SQL');
        else app.log.info(event, 'search: in-memory index');
      },
    });
  }
  // The audit chain's head, copied out of the database every few seconds and at shutdown (audit-checkpoint.ts); also
  // logged, since logs usually leave the host.
  const checkpoints = startAuditCheckpoints(given.database, auditCheckpointFile(config), {
    intervalMs: config.audit.checkpointSeconds * 1000,
    onCheckpoint: (checkpoint) => app.log.info({ auditCheckpoint: checkpoint }, 'audit checkpoint'),
    onError: (error) => app.log.error({ err: error }, 'audit checkpoint not written'),
  });
  app.addHook('onClose', async () => {
    fingerprints.close();
    const parts = ['audit', 'rate limits', 'usage', 'search index', 'guard workers'] as const;
    const results = await Promise.allSettled([
      context.audit.close(), context.limits.close(), context.usage.close(), detachMemoryIndex(given.database), context.guard.close(),
    ]);
    // Every part is tried; one that could not write out what it held is logged, not passed over in silence.
    results.forEach((result, index) => {
      if (result.status === 'rejected') app.log.error({ err: result.reason }, `shutdown: writing out ${parts[index]} failed`);
    });
    await checkpoints.close();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every audit record written while serving a request names its client (IP address, request id): the request runs
  // inside `runWithAuditClient`. The body is read in the socket's own async context, so the context is entered again
  // before validation, as @fastify/request-context does (nodejs/node#34430).
  const clientScopes = new WeakMap<object, AsyncResource>();
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    runWithAuditClient({ ip: request.ip, requestId: request.id }, () => {
      const scope = new AsyncResource('kgov-audit-client');
      clientScopes.set(request, scope);
      scope.runInAsyncScope(done, request.raw);
    });
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const scope = clientScopes.get(request);
    if (scope) scope.runInAsyncScope(done, request.raw);
    else done();
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.setErrorHandler((error, request, reply) => {
    // A signed-in caller refused an action (a key above their clearance, another tenant's model, an admin route) is
    // what an auditor looks for: recorded as `access.denied` with the route and the reason, never the request's body.
    const principal = request.principal;
    if (isKgovError(error) && error.code === 'forbidden' && principal) {
      const write = () => auditDenial(context.audit, request, principal, { code: error.code, reason: String(error.params.detail ?? '') });
      const scope = clientScopes.get(request);
      if (scope) scope.runInAsyncScope(write);
      else write();
    }
    return sendError(request, reply, error, config.language);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new KgovError('not_found', { detail: `${request.method} ${request.url.split('?')[0]}` }), config.language));

  // Fastify's own JSON parser (prototype-poisoning checks included), except that a DELETE with a JSON content type
  // and no body - what some HTTP clients send by default - has no body instead of being "invalid JSON".
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (request.method === 'DELETE' && body === '') return done(null, undefined);
    // A compressed body (gzip, br) would be read as text and answered "not valid JSON": refused by name instead.
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') return done(new KgovError('unsupported_encoding', { encoding }), undefined);
    // JSON is UTF-8 (RFC 8259). A body declared in another charset (EUC-KR, still common in agency systems) would be
    // read as UTF-8 into mangled Korean and answered as if the caller had asked that: refused by name instead.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new KgovError('unsupported_media_type', { type: `application/json; charset=${charset}` }), undefined);
    }
    const text = typeof body === 'string' ? body : body.toString('utf8');
    jsonParser(request, text, (error, value) => {
      if (!error) return done(null, value);
      // Valid JSON refused all the same: it holds __proto__ or constructor.prototype (prototype poisoning). Said so,
      // instead of "not valid JSON", which sends the caller looking for a syntax error that is not there.
      try {
        JSON.parse(text);
      } catch {
        return done(error, undefined);
      }
      done(new KgovError('invalid_request', { detail: '__proto__ 또는 constructor.prototype 키는 받지 않습니다 / keys __proto__ and constructor.prototype are refused' }), undefined);
    });
  });
  // No route takes plain text: a JSON body sent as text/plain is refused as the wrong media type (415), not read as a
  // string and then failed as "the wrong type" (400).
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'KGov AI Platform API', version: context.version, description: '공공기관 전용 LLM 플랫폼 API / KGov API' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'kgov_session' } } },
    },
    transform: jsonSchemaTransform,
  });

  await app.register(healthRoutes(context, metrics));
  await app.register(v1ModelRoutes(context), { prefix: '/v1' });
  await app.register(v1ChatRoutes(context), { prefix: '/v1' });
  await app.register(v1EmbeddingsRoutes(context), { prefix: '/v1' });
  await app.register(authRoutes(context), { prefix: '/api' });
  await app.register(adminRoutes(context), { prefix: '/api' });
  await app.register(documentRoutes(context), { prefix: '/api' });
  await app.register(searchRoutes(context), { prefix: '/api' });
  await app.register(modelRegistryRoutes(context), { prefix: '/api' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

/**
 * Settings that validate but cannot be what the operator meant, said once at start: a tenant id no tenant has (its
 * guard policy or allow-list entry applies to nobody, and the tenant meant gets the defaults) and a provider's
 * `apiKeyEnv` that is not set (its calls go out without a key and fail upstream).
 */
async function warnAboutConfig(config: KgovConfig, database: Queryable, log: FastifyBaseLogger): Promise<void> {
  const tenants = new Set((await database.query<{ id: string }>('SELECT id FROM tenants')).map((row) => row.id));
  const named = [
    ...Object.keys(config.guard.tenants).map((tenant) => ({ tenant, setting: `guard.tenants.${tenant}` })),
    ...config.providers.flatMap((provider, index) => ('allowedTenants' in provider ? provider.allowedTenants : [])
      .map((tenant: string) => ({ tenant, setting: `providers[${index}].allowedTenants` }))),
  ];
  for (const { tenant, setting } of named) {
    if (!tenants.has(tenant)) log.warn({ setting, tenant }, `설정의 기관 '${tenant}'이(가) 없습니다 (${setting}): 이 설정은 어느 기관에도 적용되지 않습니다 / no tenant '${tenant}' (${setting}): the setting applies to nobody`);
  }
  // On a PostgreSQL server the database no longer says where the keys are: a relative data directory puts the signing
  // key and the audit checkpoint under whatever directory the command runs from (a new release's directory starts with
  // none, and its checkpoint starts over).
  const dir = keyDirectoryFromWorkingDirectory(config);
  if (dir) {
    log.warn({ keyDir: dir }, `PostgreSQL 서버를 쓰는데 storage.keyDir 이 없어 키 디렉터리가 현재 디렉터리 기준입니다 (${dir}): 서명 키와 감사 검증점이 실행 위치마다 달라집니다. storage.keyDir 에 절대 경로를 주세요 / storage.keyDir is not set: the key directory is relative to the current directory (${dir}); set an absolute storage.keyDir`);
  }
  for (const [index, provider] of config.providers.entries()) {
    if ('apiKeyEnv' in provider && provider.apiKeyEnv && !process.env[provider.apiKeyEnv]) {
      log.warn({ provider: provider.id, apiKeyEnv: provider.apiKeyEnv }, `제공자 '${provider.id}'의 API 키 환경 변수 ${provider.apiKeyEnv}이(가) 비어 있습니다 (providers[${index}].apiKeyEnv): 키 없이 호출합니다 / ${provider.apiKeyEnv} is not set: provider '${provider.id}' is called without a key`);
    }
  }
}

/**
 * Where the keys are when they depend on the directory a command runs from: on a PostgreSQL server without
 * `storage.keyDir` and with a relative data directory (the default ./data). Null when the place is fixed.
 */
export function keyDirectoryFromWorkingDirectory(config: KgovConfig): string | null {
  if (!config.storage.databaseUrl || config.storage.keyDir || isAbsolute(config.storage.dataDir ?? './data')) return null;
  return keyDirectory(config);
}
