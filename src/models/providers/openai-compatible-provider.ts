import { Agent, request } from 'undici';
import { KgovError } from '../../core/index.js';
import type { ChatProvider, Zone } from '../chat-provider.js';
import type { ChatRequest, ChatResult, FinishReason, StreamPart, Usage } from '../chat-types.js';
import { sseData } from './sse-lines.js';

export type OpenAICompatibleOptions = {
  id: string;
  baseURL: string;
  zone: Zone;
  models: readonly string[];
  apiKey?: string | undefined;
  /** Whole-request limit for non-streaming calls; for streams, the limit between two chunks. */
  timeoutMs: number;
};

type CompletionBody = {
  /** 'error': vLLM's (and others') error event inside a stream, `{"object":"error","message":…,"type":…}`. */
  object?: string;
  id?: string;
  model?: string;
  choices?: { message?: { content?: string | null }; delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: Usage | null;
  error?: { message?: string };
};

/**
 * Any OpenAI-compatible server: vLLM, Ollama, llama.cpp server, TGI, commercial APIs. undici's
 * `request` rather than `fetch`: ANCHORS.md measured fetch/web-streams as the largest cost in
 * Portkey's gateway. One keep-alive pool per provider.
 */
export function openAICompatibleProvider(options: OpenAICompatibleOptions): ChatProvider {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  const url = `${options.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const headers = {
    'content-type': 'application/json',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  };

  async function post(body: ChatRequest & { stream: boolean }, signal: AbortSignal) {
    let response;
    try {
      response = await request(url, {
        method: 'POST', headers, body: JSON.stringify(body), signal, dispatcher,
        headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs,
      });
    } catch (error) {
      throw upstreamFailure(options.id, error, signal);
    }
    if (response.statusCode >= 400) {
      const text = await response.body.text().catch(() => '');
      const status = response.statusCode;
      // 4xx other than 408/429 is the caller's fault upstream and will not improve on retry.
      const retryable = status === 408 || status === 429 || status >= 500;
      throw new KgovError(retryable ? 'upstream_error' : 'upstream_rejected', { provider: options.id, status, ...upstreamDetail(text, status) });
    }
    return response;
  }

  return {
    id: options.id,
    zone: options.zone,
    models: options.models,
    async generate(chatRequest, { signal }) {
      const response = await post({ ...chatRequest, stream: false }, signal);
      let body: CompletionBody;
      try {
        body = (await response.body.json()) as CompletionBody;
      } catch (error) {
        throw upstreamFailure(options.id, error, signal);
      }
      const choice = body.choices?.[0];
      if (!choice) throw new KgovError('upstream_error', { provider: options.id, status: 200, detail: 'no choices' });
      return {
        id: body.id ?? '', model: body.model ?? chatRequest.model, text: choice.message?.content ?? '',
        finishReason: finishReason(choice.finish_reason), usage: body.usage ?? estimateUsage(chatRequest, choice.message?.content ?? ''),
      };
    },
    async *stream(chatRequest, { signal }): AsyncGenerator<StreamPart> {
      const response = await post({ ...chatRequest, stream: true, stream_options: { include_usage: true } } as ChatRequest & { stream: boolean }, signal);
      let finish: FinishReason | null = null;
      let usage: Usage | null = null;
      try {
        for await (const data of sseData(response.body)) {
          if (data === '[DONE]') break;
          const event = JSON.parse(data) as CompletionBody;
          if (event.error || event.object === 'error') throw new KgovError('upstream_error', { provider: options.id, status: 200, ...upstreamDetail(JSON.stringify(event), 200) });
          if (event.usage) usage = event.usage;
          const choice = event.choices?.[0];
          if (choice?.delta?.content) yield { type: 'text-delta', text: choice.delta.content };
          if (choice?.finish_reason) finish = finishReason(choice.finish_reason);
        }
      } catch (error) {
        // The connection dropped after the stream began (a reset, a killed server): the stream was cut.
        const code = String((error as { code?: unknown }).code ?? '');
        if (!signal.aborted && /^UND_ERR_(SOCKET|CLOSED)|^ECONNRESET$|^EPIPE$/.test(code)) {
          throw new KgovError('upstream_stream_cut', { provider: options.id }, { cause: error });
        }
        throw upstreamFailure(options.id, error, signal);
      }
      // An answer ends with a finish reason (every OpenAI-compatible server sends one before [DONE]); a stream that
      // stops without one — the connection closed, or [DONE] right after an error the server could only log — was
      // cut: that is an error, not an answer.
      if (finish === null) throw new KgovError('upstream_stream_cut', { provider: options.id });
      yield { type: 'finish', finishReason: finish, usage };
    },
  };
}

function finishReason(value: string | null | undefined): FinishReason {
  return value === 'length' || value === 'content_filter' ? value : 'stop';
}

/**
 * What a caller learns of an upstream's error: its machine-readable code or type (`context_length_exceeded`,
 * `invalid_request_error`), never its free text, which may name internal paths, hosts or stack frames. The text goes
 * to the server's log (`upstreamMessage`, not in the message template).
 */
function upstreamDetail(text: string, status: number): { detail: string; upstreamMessage: string } {
  let code: string | undefined;
  let message = text;
  try {
    const parsed = JSON.parse(text) as { object?: unknown; message?: string; code?: unknown; type?: unknown; error?: { message?: string; code?: unknown; type?: unknown } | string };
    // `{"error":{…}}` (OpenAI), `{"error":"…"}` (some servers) or `{"object":"error","message":…}` (vLLM).
    const error = typeof parsed.error === 'object' && parsed.error !== null ? parsed.error : parsed.object === 'error' ? parsed : null;
    if (typeof parsed.error === 'string') message = parsed.error;
    else if (error) {
      message = error.message ?? text;
      code = [error.code, error.type].find((value): value is string => typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value));
    }
  } catch {
    // Not JSON: the text is kept for the log only.
  }
  return { detail: code ?? `HTTP ${status}`, upstreamMessage: message.slice(0, 300) };
}

function upstreamFailure(provider: string, error: unknown, signal?: AbortSignal): KgovError {
  if (error instanceof KgovError) return error;
  // The caller left (client disconnect): not the upstream's fault, so no retry and no mark against its circuit.
  if (signal?.aborted) return new KgovError('request_cancelled', { provider }, { cause: error });
  // A DOMException's `code` is a number: compare text only.
  const code = String((error as { code?: unknown }).code ?? '');
  if (code.includes('TIMEOUT')) return new KgovError('upstream_timeout', { provider }, { cause: error });
  if ((error as Error).name === 'AbortError') return new KgovError('upstream_timeout', { provider }, { cause: error });
  // The error's code (UND_ERR_SOCKET, ECONNREFUSED) is safe to show; its message may name hosts (getaddrinfo ENOTFOUND
  // db01.corp.local) or quote the upstream's body (a JSON parse error), so it goes to the log only.
  const detail = /^[A-Z0-9_]{2,40}$/.test(code) ? code : error instanceof SyntaxError ? 'invalid JSON' : 'connection failed';
  return new KgovError('upstream_error', { provider, status: 0, detail, upstreamMessage: String((error as Error).message ?? '').slice(0, 300) }, { cause: error });
}

/** Rough token count when an upstream reports no usage: ~1 token per 2 Korean syllables or 4 Latin characters. */
export function estimateTokens(text: string): number {
  // Counted in a loop: a match array would hold one string per syllable (millions for a long prompt).
  let hangul = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xac00 && code <= 0xd7af) hangul++;
  }
  return Math.ceil(hangul / 2 + (text.length - hangul) / 4);
}

export function estimateUsage(chatRequest: ChatRequest, completion: string): Usage {
  const prompt = chatRequest.messages.reduce((sum, message) => sum + estimateTokens(message.content) + 4, 0);
  const completionTokens = estimateTokens(completion);
  return { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens };
}
