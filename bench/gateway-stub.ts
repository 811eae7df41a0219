/**
 * Stub OpenAI-compatible upstream for `npm run bench:gateway`, run as its own process so it never shares an
 * event loop with the gateway or the load generator. Plain node:http; reads the whole body, answers a fixed
 * small completion (the recorded vLLM payload). Reports its port over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const completion = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1732770000, model: 'kgov-llm-13b',
  choices: [{ index: 0, message: { role: 'assistant', content: '행정안전부는 정부조직법에 따라 국가의 행정사무를 총괄합니다.' }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1400, completion_tokens: 21, total_tokens: 1421 },
});
const length = String(Buffer.byteLength(completion));

const server = createServer((request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
    response.end(completion);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
