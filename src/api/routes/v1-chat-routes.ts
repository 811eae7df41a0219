import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { PseudonymVault } from '../../guard/index.js';
import { estimateUsage, type ChatProvider, type ChatRequest, type StreamPart, type Usage } from '../../models/index.js';
import { answerFromDocuments, groundedAnswerAudit, readConversation } from '../../services/index.js';
import { auditDenial } from '../access-denial.js';
import { guardAnswer } from '../content-filter.js';
import { domainRefusal, isOutOfDomain, planTask, taskMaterial } from '../../services/tasks/index.js';
import { guardChatInput } from '../chat-guard.js';
import type { ResolvedApiContext } from '../context.js';
import { principalOf, requirePrincipal } from '../authenticate.js';
import { openGuardedSse, type GuardedSse } from '../guarded-sse.js';
import { requestLanguage } from '../error-response.js';
import { sideTexts } from '../side-texts.js';
import { headersOf, kgovBodyField, selectTask, sendLocalAnswer, taskGenerator, taskModel } from './v1-task-selection.js';

const contentPart = z.object({ type: z.string(), text: z.string().optional() });
const messageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool', 'developer']),
  // OpenAI clients send either a string or an array of parts; only text parts are supported here. Null only from
  // an assistant (a turn that held tool calls, refused below).
  content: z.union([z.string(), z.array(contentPart)]).nullable(),
  name: z.string().optional(),
  // Declared so that they are refused by name (`unsupportedField`), not dropped in silence.
  tool_calls: z.array(z.unknown()).optional(),
  tool_call_id: z.string().optional(),
  function_call: z.unknown().optional(),
});
const maxMessages = 500;
/** Loose on purpose: OpenAI clients send many optional fields (n, presence_penalty, …) that upstreams understand. */
const chatBody = z.looseObject({
  model: z.string().min(1),
  // Every message passes the input guard on the server's thread: 100,000 one-word messages (3 MB, under the body
  // limit) held it 11 s. A chat of 500 turns is far beyond any real one; its history is trimmed by the client.
  messages: z.array(messageSchema).min(1).max(maxMessages),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().min(1).optional(),
  max_completion_tokens: z.number().int().min(1).optional(),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
  seed: z.number().int().optional(),
  user: z.string().optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  /** Choices per request: only 1 (checked in the handler, with its own error code). */
  n: z.number().int().optional(),
  // Refused by name in the handler (`unsupportedField`): tool calls, structured output, log probabilities.
  tools: z.array(z.unknown()).optional(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().optional(),
  functions: z.array(z.unknown()).optional(),
  function_call: z.unknown().optional(),
  response_format: z.looseObject({ type: z.string() }).optional(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  /** Our extension: a task service (`{"task":"summarize@1","options":{"lines":3}}`); never forwarded upstream. */
  kgov: kgovBodyField.optional(),
});
type ChatBody = z.infer<typeof chatBody>;

/**
 * The first field of the request that this gateway cannot honour, as OpenAI's `param`: tools and functions (and
 * conversations that carry tool calls), structured output, log probabilities. Forwarding them would let a model's
 * tool-call arguments past the output guard; dropping them would answer a request the caller did not make.
 */
function unsupportedField(body: ChatBody): string | null {
  if ((body.tools?.length ?? 0) > 0) return 'tools';
  if ((body.functions?.length ?? 0) > 0) return 'functions';
  if (body.tool_choice !== undefined && body.tool_choice !== null && body.tool_choice !== 'none') return 'tool_choice';
  if (body.function_call !== undefined && body.function_call !== null && body.function_call !== 'none') return 'function_call';
  if (body.response_format !== undefined && body.response_format.type !== 'text') return 'response_format';
  if (body.logprobs === true) return 'logprobs';
  if ((body.top_logprobs ?? 0) > 0) return 'top_logprobs';
  for (const [index, message] of body.messages.entries()) {
    if (message.role === 'tool') return `messages[${index}].role`;
    if ((message.tool_calls?.length ?? 0) > 0) return `messages[${index}].tool_calls`;
    if (message.function_call !== undefined && message.function_call !== null) return `messages[${index}].function_call`;
  }
  return null;
}

function toChatRequest(body: ChatBody): ChatRequest {
  const unsupported = unsupportedField(body);
  if (unsupported !== null) throw new KgovError('parameter_unsupported', { param: unsupported }, { param: unsupported });
  body.messages.forEach((message, index) => {
    // Only an assistant's turn may have no content (OpenAI refuses the others too).
    if (message.content === null && message.role !== 'assistant') {
      throw new KgovError('validation_failed', { detail: `messages[${index}].content: null` }, { param: `messages[${index}].content` });
    }
  });
  // An image or audio part dropped in silence would get an answer to a question the caller did not ask.
  body.messages.forEach((message, index) => {
    if (typeof message.content === 'string' || !message.content) return;
    const part = message.content.findIndex((each) => each.type !== 'text');
    if (part >= 0) throw new KgovError('content_part_unsupported', { type: message.content[part]!.type }, { param: `messages[${index}].content[${part}].type` });
  });
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
    ...(body.presence_penalty !== undefined ? { presence_penalty: body.presence_penalty } : {}),
    ...(body.frequency_penalty !== undefined ? { frequency_penalty: body.frequency_penalty } : {}),
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
    app.addHook('onRequest', requirePrincipal(context.database, 'v1'));
    app.post('/chat/completions', {
      schema: { summary: 'Chat completions (OpenAI-compatible)', tags: ['v1'], security: [{ bearer: [] }], body: chatBody },
    }, async (request, reply) => {
      const started = process.hrtime.bigint();
      const principal = principalOf(request);
      authorize(principal, 'models.use');
      if (principal.kind !== 'api-key' && principal.kind !== 'session') throw new KgovError('forbidden', { detail: 'models.use' });
      // Every answer passes the output guard and is metered and audited as one; several choices per request would
      // need all of that per choice. Refused openly rather than silently answering once.
      if (request.body.n !== undefined && request.body.n !== 1) throw new KgovError('choices_unsupported', { value: request.body.n }, { param: 'n' });
      const chatRequest = toChatRequest(request.body);
      const keyId = principal.kind === 'api-key' ? principal.keyId : `user:${principal.userId}`;
      // A task service renders its template around the caller's material; regulation Q&A goes through kgov-rag.
      const task = selectTask(request.headers['x-kgov-task'], request.body.kgov);
      // `kgov-task` is listed by /v1/models, but it is a family of services: without a task it names no model.
      if (!task && chatRequest.model === taskModel) throw new KgovError('task_required', {});
      const generator = task ? taskGenerator(chatRequest.model, [taskModel, ragModel], context.config) : null;
      const grounded = task ? task.template.withoutModel === 'retrieval' : chatRequest.model === ragModel;
      // Answered here, without a model: an extractive task (or model_required, raised by planTask below).
      const local = task !== null && !grounded && generator === null;
      if (task && !grounded && generator !== null) chatRequest.model = generator;
      if (task) void reply.header('x-kgov-task', task.reference);
      const actor = principal.kind === 'api-key' ? `key:${principal.keyId}` : `user:${principal.userId}`;
      // External providers are candidates only for tenants on their allow-list; then the strictest zone decides the guard.
      const every = grounded || local ? [] : context.models.providersFor(chatRequest.model);
      const candidates = every.filter((provider) => provider.zone === 'internal' || (provider.allowedTenants ?? []).includes(principal.tenantId));
      if (!grounded && !local && candidates.length === 0) {
        // To this tenant the model does not exist (as GET /v1/models/{id} says), but the attempt is the auditor's business.
        auditDenial(context.audit, request, principal, { code: 'model_not_found', reason: `external model ${chatRequest.model} not allowed for the tenant` });
        // Named as asked: a task's generator (kgov-task → an external model) is not this tenant's to learn of.
        throw new KgovError('model_not_found', { model: request.body.model }, { param: 'model' });
      }
      // Regulation Q&A may name its model; one this tenant may not use is refused as any chat would refuse it, though an
      // external model would not be sent the documents anyway (the answer's model is then the configured generator).
      if (task && grounded && generator !== null && !local && chatRequest.model !== taskModel && chatRequest.model !== ragModel
        && !context.models.providersFor(chatRequest.model).some((provider) => provider.zone === 'internal' || (provider.allowedTenants ?? []).includes(principal.tenantId))) {
        auditDenial(context.audit, request, principal, { code: 'model_not_found', reason: `external model ${chatRequest.model} not allowed for the tenant` });
        throw new KgovError('model_not_found', { model: request.body.model }, { param: 'model' });
      }
      // Fails fast (before counting the request) when the task needs a model that is not there.
      if (task && local && !task.template.extract) planTask({ template: task.template, options: task.options, conversation: chatRequest.messages, generator: null });
      // Regulation Q&A renders no template (retrieval writes the prompt), but its options are checked as every task's are.
      if (task && grounded) {
        const checked = task.template.render('-', task.options);
        if (!checked.ok) throw new KgovError('task_options_invalid', { task: task.reference, detail: checked.issues }, { param: 'kgov.options' });
      }
      const zone = candidates.some((provider) => provider.zone === 'external') ? 'external' : 'internal';
      // Fail closed: no request is served while its guard decision could not be audited.
      context.audit.assertHealthy();
      await context.limits.admit({ tenantId: principal.tenantId, keyId, estimatedTokens: estimateUsage(chatRequest, '').prompt_tokens });
      const abort = new AbortController();
      // Only a caller who leaves early cancels the upstream call (an abort after a finished response costs a DOMException).
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      // Usage is the model's that wrote the answer; one made here (a refusal, an extractive summary, quoted passages) is
      // the platform id the caller named (kgov-task, kgov-rag), never a model that was not called.
      const meter = (usage: Usage, model = chatRequest.model) => {
        context.usage.record({ tenantId: principal.tenantId, keyId, model, usage });
        context.limits.charge({ tenantId: principal.tenantId, keyId, tokens: usage.total_tokens });
      };
      const id = `chatcmpl-${request.id}`;
      const created = Math.floor(Date.now() / 1000);
      const language = requestLanguage(request, context.config.language);
      const tenantPolicy = context.guard.forTenant(principal.tenantId).policy;
      if (task && await isOutOfDomain(tenantPolicy, taskMaterial(chatRequest.messages))) {
        // Before the guard chain, so a tenant whose domain action is `block` still gets the polite answer, not an error.
        const text = domainRefusal(tenantPolicy.domain.scope, language);
        meter(estimateUsage(chatRequest, text), request.body.model);
        void reply.header('x-kgov-overhead-ms', milliseconds(started).toFixed(3));
        return sendLocalAnswer(request, reply, {
          id, created, model: request.body.model, text, stream: request.body.stream === true, usage: estimateUsage(chatRequest, text),
          extra: { kgov: { task: task.reference, mode: 'refused', reason: 'out-of-domain' } },
        });
      }
      const side = sideTexts(chatRequest, task?.options);
      // Masking with pseudonyms: one vault for the request's texts; the answer gets the originals back only for the
      // agency's own users (a `public` key sees the tokens), after the output guard has read it.
      const pseudonyms = tenantPolicy.pii.masking === 'pseudonym' ? new PseudonymVault() : undefined;
      const restore = pseudonyms && principal.role !== 'public' ? pseudonyms : undefined;
      const guardedInput = await guardChatInput(context.guard, {
        tenantId: principal.tenantId, actor, zone, messages: chatRequest.messages, sideTexts: side.texts, sideTextParams: side.params, pseudonyms,
      });
      const guarded = side.replace(guardedInput.sideTexts);
      chatRequest.messages = guardedInput.messages.map((message, index) => {
        const name = guarded.request.messages[index]!.name;
        return name === undefined ? message : { ...message, name };
      });
      if (guarded.request.stop !== undefined) chatRequest.stop = guarded.request.stop;
      if (task && !grounded) {
        // The guarded material goes into the template: masking and blocking apply to what the caller sent, not to our prompt.
        const plan = planTask({ template: task.template, options: guarded.options ?? {}, conversation: chatRequest.messages, generator });
        if (plan.kind === 'extractive') {
          const usage = estimateUsage(chatRequest, plan.text);
          meter(usage, request.body.model);
          // Sentences of the caller's own material, but an answer all the same: the output guard reads it as it reads
          // a model's (a markdown image to an outside host is neutralised), its wording cautioned, not withheld.
          const checked = await guardAnswer(context.guard, { tenantId: principal.tenantId, actor, zone: 'internal', text: plan.text, quoted: true }, language);
          void reply.header('x-kgov-overhead-ms', milliseconds(started).toFixed(3));
          return sendLocalAnswer(request, reply, {
            id, created, model: request.body.model, text: checked.text, stream: request.body.stream === true, usage,
            ...(checked.filter ? { finishReason: 'content_filter' } : {}),
            extra: { kgov: { task: task.reference, mode: 'extractive', ...(checked.filter ? { filtered: checked.filter.filtered } : {}) } },
          });
        }
        chatRequest.messages = plan.messages;
      }
      // One record per call that sent the (masked) conversation out of the agency, whatever became of it: answered,
      // failed (each retry and fallback counts), cut mid-stream, left by the caller, or its answer blocked.
      const auditExternal = async (provider: ChatProvider, outcome: { usage: Usage } | { error: unknown }) => {
        if (provider.zone !== 'external') return;
        const detail = 'usage' in outcome
          ? { promptTokens: outcome.usage.prompt_tokens, completionTokens: outcome.usage.completion_tokens }
          : { error: outcome.error instanceof KgovError ? outcome.error.code : 'error' };
        await context.audit.append({
          tenantId: principal.tenantId, actor, action: 'external.called', target: `provider:${provider.id}`,
          outcome: 'usage' in outcome ? 'success' : 'failure', detail: { model: chatRequest.model, maskedMessages: guardedInput.masked, ...detail },
        }).catch((error: unknown) => request.log.error({ err: error }, 'external call audit failed'));
      };
      const auditFailedAttempt = (provider: ChatProvider, error: unknown) => void auditExternal(provider, { error });

      if (grounded) {
        // The last user message; a follow-up (그럼 행정안전부는요?) with the earlier questions it leans on.
        const { question, earlier, history, tentative } = readConversation(chatRequest.messages);
        // Regulation Q&A may name the model that writes the answer, but the prompt carries internal documents: only a
        // model served solely inside the agency may take it; otherwise the configured generator (as for kgov-rag) writes.
        const internalOnly = (model: string) => context.models.providers.some((provider) => provider.models.includes(model))
          && context.models.providers.every((provider) => !provider.models.includes(model) || provider.zone === 'internal');
        const generatorModel = task && generator !== null && internalOnly(generator) ? generator : context.config.rag.generatorModel;
        const stream = request.body.stream === true;
        const answerModel = task ? request.body.model : ragModel;
        // A generative answer streams as the model writes it, through the output guard like any model's answer; the
        // stream opens with its first words, so extractive and no-evidence answers (no deltas) are sent whole below.
        // Declared through `as`: assigned in onDelta, which TypeScript's narrowing does not follow.
        let live = null as GuardedSse | null;
        // What went to the model and when: its time is not the gateway's (x-kgov-overhead-ms), and a stream cut or
        // left half-way is metered on what it was sent and what it delivered.
        let generatorRequest: ChatRequest | null = null;
        let generatorStarted: bigint | null = null;
        let delivered = '';
        const onDelta = async (text: string) => {
          delivered += text;
          if (!live) {
            void reply.header('x-kgov-overhead-ms', (generatorStarted === null ? milliseconds(started) : Number(generatorStarted - started) / 1e6).toFixed(3));
            live = openGuardedSse(request, reply, {
              id, created, model: answerModel, headers: headersOf(reply), language: requestLanguage(request, context.config.language),
              guard: context.guard.forTenant(principal.tenantId), zone: 'internal', tenantId: principal.tenantId, audit: { sink: context.guard.audit, actor },
            });
          }
          await live.push(text);
        };
        let answer;
        try {
          answer = await answerFromDocuments(context.database, principal, {
            tenantId: principal.tenantId, question, earlier, history, tentative, language, k: context.config.rag.passages, router: context.models,
            generatorModel, signal: abort.signal, ...(stream ? { onDelta } : {}),
            // The caller's limits apply to the answer the model writes from the sources.
            generation: {
              ...(chatRequest.max_tokens !== undefined ? { max_tokens: chatRequest.max_tokens } : {}),
              ...(chatRequest.stop !== undefined ? { stop: chatRequest.stop } : {}),
              ...(chatRequest.temperature !== undefined ? { temperature: chatRequest.temperature } : {}),
              ...(chatRequest.top_p !== undefined ? { top_p: chatRequest.top_p } : {}),
              ...(chatRequest.seed !== undefined ? { seed: chatRequest.seed } : {}),
            },
            onGenerate: (sent) => {
              generatorRequest = sent;
              generatorStarted = process.hrtime.bigint();
            },
          });
          await live?.flush();
        } catch (error) {
          // What the model was sent and what reached the caller count, whether the stream was cut or left.
          const cutUsage = generatorRequest !== null && delivered !== '' ? estimateUsage(generatorRequest, delivered) : undefined;
          if (cutUsage) meter(cutUsage, (generatorRequest as ChatRequest | null)?.model);
          if (!live) throw error;
          live.fail(error, cutUsage);
          return reply;
        }
        const generatorFinished = process.hrtime.bigint();
        // Which documents were read and shown on the caller's behalf (the access record, as a search writes one).
        void context.audit.append(groundedAnswerAudit(principal, principal.tenantId, answer, question))
          .catch((error: unknown) => request.log.error({ err: error }, 'answer audit failed'));
        // The generator's own count (its prompt carried the sources); the question and the quotation without one.
        const usage = answer.generation?.usage ?? estimateUsage(chatRequest, answer.text);
        const finishReason = answer.generation?.finishReason ?? 'stop';
        meter(usage, answer.model ?? answerModel);
        const kgov = {
          mode: answer.mode, ...(task ? { task: task.reference } : {}), ...(answer.withheld > 0 ? { withheld: answer.withheld } : {}),
          ...(answer.versions.length > 0 ? { versions: answer.versions } : {}),
        };
        // Streamed or not, the answer says what it is (kgov.mode: quoted, generated or no evidence).
        const extra = { citations: answer.citations, kgov };
        if (live) {
          live.chunk({}, finishReason, extra);
          if (request.body.stream_options?.include_usage) live.send({ id, object: 'chat.completion.chunk', created, model: answerModel, choices: [], usage });
          live.done();
          return reply;
        }
        // Extractive and no-evidence answers are whole already: the output guard reads them in one piece; one it stops
        // is sent as a filtered answer without its citations.
        // An extractive answer quotes the caller's documents (GuardInput.quoted): its wording is cautioned, not withheld.
        const checked = await guardAnswer(context.guard, {
          tenantId: principal.tenantId, actor, zone: 'internal', text: answer.text, quoted: answer.mode === 'extractive',
        }, language);
        const modelMs = generatorStarted === null ? 0 : Number(generatorFinished - (generatorStarted as bigint)) / 1e6;
        void reply.header('x-kgov-overhead-ms', (milliseconds(started) - modelMs).toFixed(3));
        if (checked.filter) {
          return sendLocalAnswer(request, reply, {
            id, created, model: answerModel, text: checked.text, stream, usage, finishReason: 'content_filter',
            extra: { citations: [], kgov: { ...kgov, filtered: checked.filter.filtered } },
          });
        }
        return sendLocalAnswer(request, reply, { id, created, model: answerModel, text: checked.text, stream, usage, extra, finishReason });
      }

      if (!request.body.stream) {
        const before = milliseconds(started);
        const result = await context.models.generate(chatRequest, abort.signal, candidates, auditFailedAttempt);
        const afterUpstream = process.hrtime.bigint();
        meter(result.usage);
        await auditExternal(result.provider, { usage: result.usage });
        // An answer the output guard stops is a filtered completion (content-filter.ts), not an error of the request.
        const checked = await guardAnswer(context.guard, { tenantId: principal.tenantId, actor, zone, text: result.text }, language);
        const kgov = { ...(task ? { task: task.reference, mode: 'generative' } : {}), ...(checked.filter ? { filtered: checked.filter.filtered } : {}) };
        const body = {
          id, object: 'chat.completion', created, model: chatRequest.model,
          choices: [{ index: 0, message: { role: 'assistant', content: restore && !checked.filter ? restore.restore(checked.text) : checked.text }, finish_reason: checked.filter ? 'content_filter' : result.finishReason, logprobs: null }],
          usage: result.usage,
          ...(Object.keys(kgov).length > 0 ? { kgov } : {}),
        };
        void reply.header('x-kgov-overhead-ms', (before + milliseconds(afterUpstream)).toFixed(3));
        void reply.header('x-kgov-provider', result.provider.id);
        return body;
      }

      const before = milliseconds(started);
      const opened = await context.models.openStream(chatRequest, abort.signal, candidates, auditFailedAttempt);
      const sse = openGuardedSse(request, reply, {
        id, created, model: chatRequest.model, language: requestLanguage(request, context.config.language),
        headers: { 'x-kgov-overhead-ms': before.toFixed(3), 'x-kgov-provider': opened.provider.id, ...(task ? { 'x-kgov-task': task.reference } : {}) },
        guard: context.guard.forTenant(principal.tenantId), zone, tenantId: principal.tenantId, audit: { sink: context.guard.audit, actor }, restore,
      });
      let text = '';
      let part: IteratorResult<StreamPart> = opened.first;
      try {
        while (!part.done) {
          const value = part.value;
          if (value.type === 'text-delta') {
            text += value.text;
            await sse.push(value.text);
          } else {
            await sse.flush();
            // A task's answer says which task and how it was made, streamed as not (the non-streamed body's `kgov`).
            sse.chunk({}, value.finishReason, task ? { kgov: { task: task.reference, mode: 'generative' } } : undefined);
            const usage = value.usage ?? estimateUsage(chatRequest, text);
            // The record of the external call is written before the stream ends, as a non-streamed answer's is.
            await auditExternal(opened.provider, { usage });
            if (request.body.stream_options?.include_usage) {
              sse.send({ id, object: 'chat.completion.chunk', created, model: chatRequest.model, choices: [], usage });
            }
            meter(usage);
            sse.done();
            return;
          }
          part = await opened.rest.next();
        }
        throw new KgovError('upstream_stream_cut', { provider: opened.provider.id });
      } catch (error) {
        // A guard block, a cut upstream or any failure: an error event ends the stream, and no [DONE] follows. The
        // prompt and what was generated count, as they would have at the end (a caller who leaves just before the end
        // is charged too).
        const usage = estimateUsage(chatRequest, text);
        meter(usage);
        void auditExternal(opened.provider, { error });
        sse.fail(error, usage);
      }
    });
  };
}
