import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const fixtures = new URL('../../../test/__fixtures__/openai/', import.meta.url);
export const recordedCompletion = readFileSync(new URL('chat-completion.json', fixtures), 'utf8');
export const recordedStream = readFileSync(new URL('chat-stream.sse', fixtures), 'utf8');

/** A stream in the recorded stream's shape (vLLM's chunks) carrying `text` in deltas of a few characters. */
function sseOf(text: string, finishReason = 'stop'): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null) => `data: ${JSON.stringify({
    id: 'chatcmpl-stub', object: 'chat.completion.chunk', created: 1732780800, model: 'kgov-llm-13b',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  })}\n\n`;
  let out = chunk({ role: 'assistant', content: '' }, null);
  for (let offset = 0; offset < text.length; offset += 4) out += chunk({ content: text.slice(offset, offset + 4) }, null);
  return `${out}${chunk({}, finishReason)}data: [DONE]\n\n`;
}

/**
 * `cut-stream`: the connection closes half-way. `error-event`: half the answer, then vLLM's in-stream error event and
 * `[DONE]` (what vLLM sends when generation fails after the first token). `done-early`: half the answer, then `[DONE]`
 * with no finish reason. `open-finish`: the answer up to its finish reason's event, but the body ends (a clean close)
 * before the blank line that completes that event, and without `[DONE]`.
 */
export type StubBehaviour = 'ok' | 'fail-500' | 'cut-stream' | 'error-event' | 'done-early' | 'open-finish' | 'reject-400' | 'hang';

/**
 * A real HTTP server speaking OpenAI's protocol from recorded payloads. `behaviour` can be changed
 * between requests; every request body is recorded for assertions (what reached the upstream).
 */
export async function startStubUpstream(options: { keepAliveTimeoutMs?: number } = {}) {
  const received: { path: string; headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = [];
  let behaviour: StubBehaviour = 'ok';
  let replyText: string | undefined;
  let finishReason = 'stop';
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      received.push({ path: request.url ?? '', headers: request.headers, body });
      if (behaviour === 'hang') return;
      if (behaviour === 'fail-500') {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'CUDA out of memory', type: 'server_error' } }));
        return;
      }
      if (behaviour === 'reject-400') {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: "This model's maximum context length is 4096 tokens", type: 'invalid_request_error' } }));
        return;
      }
      if (!body.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        if (replyText === undefined) return response.end(recordedCompletion);
        const recorded = JSON.parse(recordedCompletion) as { choices: { message: { content: string } }[] };
        recorded.choices[0]!.message.content = replyText;
        (recorded.choices[0] as { finish_reason?: string }).finish_reason = finishReason;
        response.end(JSON.stringify(recorded));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const stream = replyText === undefined ? recordedStream : sseOf(replyText, finishReason);
      const cutAt = replyText === undefined ? recordedStream.indexOf('행정사무') : stream.indexOf('data:', stream.length / 2);
      const vllmError = `data: ${JSON.stringify({ object: 'error', message: 'CUDA out of memory', type: 'InternalServerError', param: null, code: 500 })}\n\n`;
      const payload = behaviour === 'cut-stream' ? stream.slice(0, cutAt)
        : behaviour === 'error-event' ? `${stream.slice(0, cutAt)}${vllmError}data: [DONE]\n\n`
        : behaviour === 'done-early' ? `${stream.slice(0, cutAt)}data: [DONE]\n\n`
        : behaviour === 'open-finish' ? stream.slice(0, stream.indexOf('\n\n', stream.search(/"finish_reason":"[a-z]/)))
        : stream;
      // Split at odd places, as TCP does.
      let offset = 0;
      const pieces: string[] = [];
      for (const size of [7, 50, 3, 120, 1, 400]) pieces.push(payload.slice(offset, (offset += size)));
      pieces.push(payload.slice(offset));
      const writeNext = () => {
        const piece = pieces.shift();
        if (piece === undefined) {
          if (behaviour === 'cut-stream') response.destroy();
          else response.end();
          return;
        }
        response.write(piece);
        setTimeout(writeNext, 2);
      };
      writeNext();
    });
  });
  // An idle connection left open by a client stays open this long (node's default closes it after 5 s).
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    received,
    setBehaviour(next: StubBehaviour) {
      behaviour = next;
    },
    /** Answers (streamed or not) carry this text instead of the recorded one (undefined: recorded). */
    setReplyText(next: string | undefined) {
      replyText = next;
    },
    /** Why answers with `setReplyText`'s text end (default `stop`; `length`: cut at max_tokens). */
    setFinishReason(next: string) {
      finishReason = next;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
