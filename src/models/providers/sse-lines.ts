/**
 * Splits a Server-Sent Events body into its events' data, as the SSE specification reads it: an event's `data:` lines
 * joined by line breaks, dispatched at the blank line that ends it (an upstream may spread one JSON payload over
 * several `data:` lines). Upstreams chunk arbitrarily (a line can arrive in pieces, several events in one chunk), so
 * this buffers across chunks. Comments (`:`) and other fields (`event:`, `id:`) carry no data. An event still open
 * when the body ends is dispatched too: some upstreams omit the last blank line.
 */
export async function* sseData(body: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const field = (line: string): void => {
    if (line === 'data') data.push('');
    else if (line.startsWith('data:')) data.push(line.startsWith('data: ') ? line.slice(6) : line.slice(5));
  };
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line !== '') {
        field(line);
        continue;
      }
      if (data.length > 0) yield data.join('\n');
      data = [];
    }
  }
  buffer += decoder.decode();
  if (buffer !== '') field(buffer.replace(/\r$/, ''));
  if (data.length > 0) yield data.join('\n');
}
