import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { admitRequest, chargeTokens, estimateUsage, recordUsage, sweepRateLimitWindows, type ChatRequest, type StreamPart, type Usage } from '../../models/index.js';
import { appendAudit } from '../../audit/index.js';
import { createOutputStreamGuard } from '../../guard/index.js';
import { answerFromDocuments } from '../../services/index.js';
import { guardChatInput, guardChatOutput } from '../chat-guard.js';
import type { ResolvedApiContext } from '../context.js';
import { principalOf, requirePrincipal } from '../authenticate.js';
import { errorBody, requestLanguage, toKgovError } from '../error-response.js';

const contentPart = z.object({ type: z.string(), text: z.string().optional() });
const messageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool', 'developer']),
  // OpenAI clients send either a string or an array of parts; only text parts are supported here.
  content: z.union([z.string(), z.array(contentPart)]).nullable(),
  name: z.string().optional(),
});
/** Loose on purpose: OpenAI clients send many optional fields (n, presence_penalty, …) that upstreams understand. */
const chatBody = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().min(1).optional(),
  max_completion_tokens: z.number().int().min(1).optional(),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
  seed: z.number().int().optional(),
  user: z.string().optional(),
});
type ChatBody = z.infer<typeof chatBody>;

function toChatRequest(body: ChatBody): ChatRequest {
  return {
    model: body.model,
    messages: body.messages.map((message) => ({
      role: message.role === 'developer' ? 'system' : message.role,
      content: typeof message.content === 'string' ? message.content
        : (message.content ?? []).filter((part) => part.type === 'text').map((part) => part.text ?? '').join(''),
      ...(message.name ? { name: message.name } : {}),
    })),
    ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
    ...(body.top_p !== undefined ? { top_p: body.top_p } : {}),
    ...((body.max_tokens ?? body.max_completion_tokens) !== undefined ? { max_tokens: body.max_tokens ?? body.max_completion_tokens } : {}),
    ...(body.stop !== undefined ? { stop: body.stop } : {}),
    ...(body.seed !== undefined ? { seed: body.seed } : {}),
  };
}

/** Answers from the caller's documents with citations (retrieval under the caller's permissions). */
export const ragModel = 'kgov-rag';

const milliseconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * POST /v1/chat/completions, OpenAI-compatible, streaming (SSE) and not. `x-kgov-overhead-ms` is the
 * time spent in the gateway itself: before the upstream call plus after its answer (for streams,
 * the part before the first upstream byte, since the header leaves before the answer ends).
 */
export function v1ChatRoutes(context: ResolvedApiContext): FastifyPluginAsyncZod {
  return async function registerV1ChatRoutes(app) {
    app.addHook('preHandler', requirePrincipal(context.database, 'v1'));
    app.post('/chat/completions', {
      schema: { summary: 'Chat completions (OpenAI-compatible)', tags: ['v1'], security: [{ bearer: [] }], body: chatBody },
    }, async (request, reply) => {
      const started = process.hrtime.bigint();
      const principal = principalOf(request);
      authorize(principal, 'models.use');
      if (principal.kind !== 'api-key' && principal.kind !== 'session') throw new KgovError('forbidden', { detail: 'models.use' });
      const chatRequest = toChatRequest(request.body);
      const keyId = principal.kind === 'api-key' ? principal.keyId : `user:${principal.userId}`;
      const grounded = chatRequest.model === ragModel;
      const actor = principal.kind === 'api-key' ? `key:${principal.keyId}` : `user:${principal.userId}`;
      // External providers are candidates only for tenants on their allow-list; then the strictest zone decides the guard.
      const every = grounded ? [] : context.models.providersFor(chatRequest.model);
      const candidates = every.filter((provider) => provider.zone === 'internal' || (provider.allowedTenants ?? []).includes(principal.tenantId));
      if (!grounded && candidates.length === 0) throw new KgovError('forbidden', { detail: `external model ${chatRequest.model}` });
      const zone = candidates.some((provider) => provider.zone === 'external') ? 'external' : 'internal';
      await admitRequest(context.database, { tenantId: principal.tenantId, keyId, limits: context.config.gateway.limits });
      // About one request in a hundred sweeps old windows: no background job to run or forget.
      if (Math.random() < 0.01) void sweepRateLimitWindows(context.database).catch(() => undefined);
      const abort = new AbortController();
      reply.raw.on('close', () => abort.abort());
      const meter = async (usage: Usage) => {
        try {
          await recordUsage(context.database, { tenantId: principal.tenantId, keyId, model: chatRequest.model, usage });
          await chargeTokens(context.database, { tenantId: principal.tenantId, keyId, tokens: usage.total_tokens });
        } catch (error) {
          request.log.error({ err: error }, 'usage metering failed');
        }
      };
      const guardedInput = await guardChatInput(context.guard, { tenantId: principal.tenantId, actor, zone, messages: chatRequest.messages });
      chatRequest.messages = guardedInput.messages;
      const auditExternal = async (providerId: string, usage: Usage) => {
        if (zone !== 'external') return;
        await context.database.transaction((tx) => appendAudit(tx, {
          tenantId: principal.tenantId, actor, action: 'external.called', target: `provider:${providerId}`,
          detail: { model: chatRequest.model, maskedMessages: guardedInput.masked, promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens },
        })).catch((error: unknown) => request.log.error({ err: error }, 'external call audit failed'));
      };
      const id = `chatcmpl-${request.id}`;
      const created = Math.floor(Date.now() / 1000);

      if (grounded) {
        const question = [...chatRequest.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
        const answer = await answerFromDocuments(context.database, principal, {
          tenantId: principal.tenantId, question, k: context.config.rag.passages, router: context.models,
          generatorModel: context.config.rag.generatorModel, signal: abort.signal,
        });
        const usage = estimateUsage(chatRequest, answer.text);
        void meter(usage);
        const message = { role: 'assistant', content: answer.text };
        void reply.header('x-kgov-overhead-ms', milliseconds(started).toFixed(3));
        if (!request.body.stream) {
          return { id, object: 'chat.completion', created, model: ragModel, choices: [{ index: 0, message, finish_reason: 'stop', logprobs: null }], usage, citations: answer.citations, kgov: { mode: answer.mode } };
        }
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': request.id });
        for (const delta of [{ role: 'assistant', content: '' }, { content: answer.text }]) {
          reply.raw.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: ragModel, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
        }
        reply.raw.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: ragModel, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], citations: answer.citations })}\n\n`);
        reply.raw.end('data: [DONE]\n\n');
        return reply;
      }

      if (!request.body.stream) {
        const before = milliseconds(started);
        const upstreamStarted = process.hrtime.bigint();
        const result = await context.models.generate(chatRequest, abort.signal, candidates);
        const afterUpstream = process.hrtime.bigint();
        void meter(result.usage);
        await auditExternal(result.provider.id, result.usage);
        result.text = await guardChatOutput(context.guard, { tenantId: principal.tenantId, actor, zone, text: result.text });
        const body = {
          id, object: 'chat.completion', created, model: chatRequest.model,
          choices: [{ index: 0, message: { role: 'assistant', content: result.text }, finish_reason: result.finishReason, logprobs: null }],
          usage: result.usage,
        };
        void upstreamStarted;
        void reply.header('x-kgov-overhead-ms', (before + milliseconds(afterUpstream)).toFixed(3));
        void reply.header('x-kgov-provider', result.provider.id);
        return body;
      }

      const before = milliseconds(started);
      const opened = await context.models.openStream(chatRequest, abort.signal, candidates);
      const tenantGuard = context.guard.forTenant(principal.tenantId);
      const outputGuard = createOutputStreamGuard({
        checks: tenantGuard.checks, policy: tenantGuard.policy, zone, tenantId: principal.tenantId, audit: { sink: context.guard.audit, actor },
      });
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive',
        'x-request-id': request.id, 'x-kgov-overhead-ms': before.toFixed(3), 'x-kgov-provider': opened.provider.id,
      });
      const send = (payload: unknown) => raw.write(`data: ${JSON.stringify(payload)}\n\n`);
      const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
        send({ id, object: 'chat.completion.chunk', created, model: chatRequest.model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] });
      chunk({ role: 'assistant', content: '' }, null);
      let text = '';
      /** Released text goes out; a guard block ends the stream with an error event (no [DONE]). */
      const emitGuarded = (parts: Awaited<ReturnType<typeof outputGuard.push>>) => {
        for (const guarded of parts) {
          if (guarded.type === 'error') throw new KgovError('guard_blocked', { categories: guarded.error.categories.join(', ') });
          chunk({ content: guarded.text }, null);
        }
      };
      let part: IteratorResult<StreamPart> = opened.first;
      try {
        while (!part.done) {
          const value = part.value;
          if (value.type === 'text-delta') {
            text += value.text;
            emitGuarded(await outputGuard.push(value.text));
          } else {
            emitGuarded(await outputGuard.end());
            chunk({}, value.finishReason);
            const usage = value.usage ?? estimateUsage(chatRequest, text);
            void auditExternal(opened.provider.id, usage);
            if (request.body.stream_options?.include_usage) {
              send({ id, object: 'chat.completion.chunk', created, model: chatRequest.model, choices: [], usage });
            }
            void meter(usage);
            raw.write('data: [DONE]\n\n');
            break;
          }
          part = await opened.rest.next();
        }
        if (part.done) throw new KgovError('upstream_stream_cut', { provider: opened.provider.id });
      } catch (error) {
        // Headers are gone: the caller learns of the failure from an error event, and no [DONE] follows.
        const failure = toKgovError(error);
        request.log.error({ err: error, code: failure.code }, 'stream failed');
        if (!raw.destroyed) send(errorBody(failure, requestLanguage(request, context.config.language), request.id));
      } finally {
        raw.end();
      }
    });
  };
}
