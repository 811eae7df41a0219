import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../core/index.js';
import { createOutputStreamGuard, guardRefusal, type GuardAuditSink, type GuardZone, type PseudonymVault } from '../guard/index.js';
import type { TenantGuard } from './chat-guard.js';
import { filteredAnswer } from './content-filter.js';
import { errorBody, toKgovError } from './error-response.js';

/**
 * An OpenAI-style chat stream (SSE) whose text passes the tenant's output stream guard: chunks in
 * `chat.completion.chunk` shape, released text as it clears the guard; a guard block ends it as a filtered answer
 * (`finish_reason: "content_filter"`), any other failure as one error event with no `[DONE]` after it (the headers
 * are gone by then). Shared by model
 * streams and streamed grounded answers, so both end and fail the same way.
 */
export type GuardedSse = {
  /** One chunk; `extra` adds top-level fields (citations on the last chunk). */
  chunk(delta: Record<string, unknown>, finishReason: string | null, extra?: Record<string, unknown>): void;
  /** Any payload as one event (the usage chunk). */
  send(payload: unknown): void;
  /** Text from the model; throws `guard_blocked` when the guard stops the answer. */
  push(text: string): Promise<void>;
  /** Releases what the guard held back; throws `guard_blocked` like `push`. */
  flush(): Promise<void>;
  /** Ends the stream normally. */
  done(): void;
  /**
   * Ends the stream after a failure. The output guard's block ends it as a filtered answer (`content-filter.ts`: a
   * notice, `finish_reason: "content_filter"`, then `usage` when the caller asked for it, and [DONE]); anything else
   * as one error event with no [DONE].
   */
  fail(error: unknown, usage?: unknown): void;
};

export function openGuardedSse(request: FastifyRequest, reply: FastifyReply, options: {
  id: string; created: number; model: string; headers: Record<string, string>; language: Language;
  guard: TenantGuard; zone: GuardZone; tenantId: string; audit: { sink: GuardAuditSink; actor: string };
  /** The request's pseudonyms, to put the originals back into the text the guard released (the agency's own users). */
  restore?: PseudonymVault;
}): GuardedSse {
  const restorer = options.restore?.streamRestorer();
  const outputGuard = createOutputStreamGuard({
    checks: options.guard.checks, policy: options.guard.policy, zone: options.zone, tenantId: options.tenantId, audit: options.audit,
  });
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive',
    'x-request-id': request.id, ...options.headers,
  });
  const send = (payload: unknown) => {
    raw.write(`data: ${JSON.stringify(payload)}\n\n`);
  };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) =>
    send({ id: options.id, object: 'chat.completion.chunk', created: options.created, model: options.model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }], ...extra });
  const emit = (parts: Awaited<ReturnType<typeof outputGuard.push>>) => {
    for (const guarded of parts) {
      if (guarded.type === 'error') throw guardRefusal(guarded.error.categories);
      const text = restorer ? restorer.push(guarded.text) : guarded.text;
      if (text !== '' || !restorer) chunk({ content: text }, null);
    }
  };
  chunk({ role: 'assistant', content: '' }, null);
  return {
    chunk,
    send,
    async push(text) {
      emit(await outputGuard.push(text));
    },
    async flush() {
      emit(await outputGuard.end());
      const rest = restorer?.end();
      if (rest) chunk({ content: rest }, null);
    },
    done() {
      raw.end('data: [DONE]\n\n');
    },
    fail(error, usage) {
      const filtered = filteredAnswer(error, options.language);
      if (filtered) {
        request.log.info({ code: 'guard_blocked', categories: filtered.filtered.categories }, 'stream ended: the answer was filtered');
        if (raw.destroyed) return;
        chunk({ content: filtered.text }, null);
        chunk({}, 'content_filter', { kgov: { filtered: filtered.filtered } });
        const body = request.body as { stream_options?: { include_usage?: boolean } | null } | undefined;
        if (body?.stream_options?.include_usage && usage !== undefined) send({ id: options.id, object: 'chat.completion.chunk', created: options.created, model: options.model, choices: [], usage });
        raw.end('data: [DONE]\n\n');
        return;
      }
      const failure = toKgovError(error);
      // A caller who left (request_cancelled) is no failure of ours; an upstream's or ours is.
      if (failure.code === 'request_cancelled') request.log.info({ code: failure.code }, 'stream ended: the caller left');
      else request.log.error({ err: error, code: failure.code }, 'stream failed');
      if (!raw.destroyed) send(errorBody(failure, options.language, request.id));
      raw.end();
    },
  };
}
