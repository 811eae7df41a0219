/** The longest line an upstream may send (a single delta is a few KB; a 50 MB line was buffered for 76 s). */
export const maxSseLineBytes = 8 * 1024 * 1024;

/**
 * Splits a Server-Sent Events body into its events' data, as the SSE specification reads it: lines end with CRLF, LF
 * or CR; an event's `data:` lines are joined by line breaks and dispatched at the blank line that ends it (an upstream
 * may spread one JSON payload over several `data:` lines). Upstreams chunk arbitrarily (a line can arrive in pieces,
 * several events in one chunk), so this buffers across chunks, reading each character once. Comments (`:`) and other
 * fields (`event:`, `id:`) carry no data. An event still open when the body ends is not dispatched, as the
 * specification says: without its blank line nothing shows it arrived whole (a security review's upstream cut the
 * connection after a final `finish_reason` line, and the answer counted as complete). Every OpenAI-compatible server
 * ends each event with a blank line. A line longer than `maxSseLineBytes` fails the stream.
 */
export async function* sseData(body: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let scanned = 0;
  let data: string[] = [];
  const field = (line: string): void => {
    if (line === 'data') data.push('');
    else if (line.startsWith('data:')) data.push(line.startsWith('data: ') ? line.slice(6) : line.slice(5));
  };
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const events: string[] = [];
    let lineStart = 0;
    for (let index = scanned; index < buffer.length; index++) {
      const code = buffer.charCodeAt(index);
      if (code !== 10 && code !== 13) continue;
      // A CR at the end of what has come may be the first half of a CRLF: wait for the next chunk.
      if (code === 13 && index + 1 === buffer.length) break;
      const line = buffer.slice(lineStart, index);
      lineStart = index + (code === 13 && buffer.charCodeAt(index + 1) === 10 ? 2 : 1);
      index = lineStart - 1;
      if (line !== '') field(line);
      else if (data.length > 0) {
        events.push(data.join('\n'));
        data = [];
      }
    }
    buffer = buffer.slice(lineStart);
    scanned = buffer.length > 0 && buffer.charCodeAt(buffer.length - 1) === 13 ? buffer.length - 1 : buffer.length;
    // The provider reports it as the upstream's failure (`upstreamFailure`).
    if (buffer.length > maxSseLineBytes) throw new Error(`a stream line longer than ${maxSseLineBytes} bytes`);
    yield* events;
  }
  // A CR held back as a possible CRLF's first half ended its line after all: a blank line there ends the event.
  if (buffer === '\r' && data.length > 0) yield data.join('\n');
}
