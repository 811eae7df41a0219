import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sseData } from './sse-lines.js';

const read = async (chunks: string[]) => {
  const events: string[] = [];
  for await (const data of sseData((async function* () { yield* chunks; })())) events.push(data);
  return events;
};

test('SSE: one event per blank line, its data lines joined, however the body is chunked', async () => {
  const body = 'data: {"a":1}\n\n: keep-alive\n\nevent: message\nid: 7\ndata: {"b":\ndata: 2}\n\ndata:[DONE]\n\n';
  const expected = ['{"a":1}', '{"b":\n2}', '[DONE]'];
  assert.deepEqual(await read([body]), expected);
  assert.deepEqual(await read([...body]), expected, 'one character at a time');
  assert.deepEqual(await read([body.replaceAll('\n', '\r\n')]), expected, 'CRLF line ends');
  assert.deepEqual(await read([body.replaceAll('\n', '\r')]), expected, 'CR line ends');
  assert.deepEqual(await read([...body.replaceAll('\n', '\r\n')]), expected, 'CRLF split between chunks');
  // Only one space after the colon is the separator; an event the body ends without its blank line is dropped.
  assert.deepEqual(await read(['data:  x\n\ndata: y']), [' x']);
  assert.deepEqual(await read(['data:  x\n\ndata: y\n']), [' x']);
  assert.deepEqual(await read(['data:  x\n\ndata: y\r\n\r\n']), [' x', 'y']);
  assert.deepEqual(JSON.parse((await read(['data: {"b":\ndata: 2}\n\n']))[0]!), { b: 2 });
});

test('SSE: a line longer than any delta fails the stream instead of filling memory', async () => {
  const { maxSseLineBytes } = await import('./sse-lines.js');
  const long = 'x'.repeat(1024 * 1024);
  await assert.rejects(read(['data: ', ...Array.from({ length: Math.ceil(maxSseLineBytes / long.length) + 1 }, () => long)]), /upstream_error|longer than/);
});
