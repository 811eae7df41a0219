import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { KgovError, type KgovConfig } from '../../core/index.js';
import { findTask, taskReference, type TaskTemplate } from '../../services/tasks/index.js';

/** The model id that leaves the choice of model to the platform (tasks.generatorModel, then rag.generatorModel). */
export const taskModel = 'kgov-task';

/** The `kgov` field of a chat body: our extension, ignored by upstreams (it is never forwarded). */
export const kgovBodyField = z.strictObject({
  task: z.string().min(1).max(60).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

export type TaskSelection = { template: TaskTemplate; reference: string; options: Record<string, unknown> };

/**
 * A task is chosen by the `x-kgov-task` header (clients that cannot add body fields, such as
 * LangChain's ChatOpenAI with default settings) or by `kgov.task` in the body; the body wins when
 * both are sent, since it travels with the options.
 */
export function selectTask(header: string | string[] | undefined, body: z.infer<typeof kgovBodyField> | undefined): TaskSelection | null {
  const requested = body?.task ?? (Array.isArray(header) ? header[0] : header);
  if (!requested) {
    if (body?.options) throw new KgovError('invalid_request', { detail: 'kgov.options에는 kgov.task가 필요합니다 / kgov.options needs kgov.task' }, { param: 'kgov.task' });
    return null;
  }
  const found = findTask(requested);
  // `param` names where the caller put it: the body field, or the header.
  if (!found.ok) throw new KgovError('task_not_found', { task: requested }, { param: body?.task ? 'kgov.task' : 'x-kgov-task' });
  return { template: found.template, reference: taskReference(found.template), options: body?.options ?? {} };
}

/**
 * Which model runs a task: a served model named in the request runs it; the platform ids
 * (`kgov-task`, `kgov-rag`) mean the configured generator, which may be none (null).
 */
export function taskGenerator(requestedModel: string, platformIds: readonly string[], config: KgovConfig): string | null {
  if (!platformIds.includes(requestedModel)) return requestedModel;
  return config.tasks.generatorModel === undefined ? config.rag.generatorModel : config.tasks.generatorModel;
}

/**
 * Sends an answer made here (extractive, grounded, a refusal) in the shape the caller asked for:
 * one chat.completion, or the same text as an SSE stream. `extra` rides on the body, or on the
 * last chunk of a stream (where OpenAI clients keep unknown fields).
 */
export function sendLocalAnswer(request: FastifyRequest, reply: FastifyReply, answer: {
  id: string; created: number; model: string; text: string; stream: boolean; usage: unknown; extra: Record<string, unknown>;
  /** Why the answer ended (default `stop`; `length` when a model was cut at the caller's `max_tokens`). */
  finishReason?: string;
}): unknown {
  const { id, created, model } = answer;
  const finish = answer.finishReason ?? 'stop';
  const message = { role: 'assistant', content: answer.text };
  if (!answer.stream) {
    return { id, object: 'chat.completion', created, model, choices: [{ index: 0, message, finish_reason: finish, logprobs: null }], usage: answer.usage, ...answer.extra };
  }
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': request.id, ...headersOf(reply) });
  for (const delta of [{ role: 'assistant', content: '' }, { content: answer.text }]) {
    reply.raw.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
  }
  reply.raw.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta: {}, finish_reason: finish }], ...answer.extra })}\n\n`);
  // `stream_options.include_usage`: the usage chunk, with no choices, before [DONE] (as OpenAI sends it).
  const body = request.body as { stream_options?: { include_usage?: boolean } | null } | undefined;
  if (body?.stream_options?.include_usage) reply.raw.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: answer.usage })}\n\n`);
  reply.raw.end('data: [DONE]\n\n');
  return reply;
}

/** Headers set on the reply before hijacking (x-kgov-overhead-ms, x-kgov-task) would otherwise be lost. */
export function headersOf(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) if (typeof value === 'string') headers[name] = value;
  return headers;
}
