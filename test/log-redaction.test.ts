import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { buildServer } from '../src/api/index.js';
import { redactLogText, redactUrl } from '../src/api/log-redaction.js';
import { createApiKey, createTenant } from '../src/auth/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends } from './helpers/backends.js';

test('redactLogText masks personal data and credentials and leaves the rest', () => {
  assert.equal(redactLogText('prompt 민원인 주민등록번호 900101-1234567, 전화 010-1234-5678 exceeds limit'), 'prompt 민원인 주민등록번호 [주민등록번호], 전화 [전화번호] exceeds limit');
  assert.equal(redactLogText('connect ECONNREFUSED onprem-llm:8000 (attempt 2 of 3)'), 'connect ECONNREFUSED onprem-llm:8000 (attempt 2 of 3)');
  assert.match(redactLogText('db password=Sup3rS3cret! rejected'), /\[비밀정보\]/);
  assert.equal(redactUrl('/api/documents/hong.gildong@example.go.kr-900101-1234567?tenant=mois'), '/api/documents/[가림]?tenant=mois');
  assert.equal(redactUrl('/api/documents/d_g7h5wc7oxoci/sharing'), '/api/documents/d_g7h5wc7oxoci/sharing');
  assert.equal(redactUrl('/api/search?q=%EC%A3%BC%EB%AF%BC%EB%B2%88%ED%98%B8%20900101-1234567'), '/api/search?q=[가림]');
});

test('what an upstream quotes back, and what a URL carries, reach the server log masked', async () => {
  // A model server that refuses the prompt and quotes it in its error, as TGI and others do.
  const upstream = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const prompt = (JSON.parse(body) as { messages: { content: string }[] }).messages[0]!.content;
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `Input validation error: prompt ${prompt} exceeds limit`, type: 'invalid_request_error' } }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const place = await backends[0]!.prepare();
  const config = place.config({
    providers: [{ id: 'onprem', type: 'openai-compatible', baseURL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, zone: 'internal', models: ['int-llm'] }],
  });
  const database = await openDatabase(config);
  let logged = '';
  const stream = new Writable({ write(chunk, _encoding, done) { logged += String(chunk); done(); } });
  const app = await buildServer({ config, database, version: 'test' }, { logger: { level: 'info', stream } });
  try {
    await createTenant(database, { kind: 'operator', name: 'test' }, { id: 'mois', name: '행정안전부' });
    const { key } = await createApiKey(database, { kind: 'operator', name: 'test' }, { tenantId: 'mois', role: 'staff', clearance: 'internal' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const rejected = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST', headers, body: JSON.stringify({ model: 'int-llm', messages: [{ role: 'user', content: '민원인 주민등록번호 900101-1234567, 전화 010-1234-5678 답변 초안' }] }),
    });
    assert.equal(rejected.status, 400);
    assert.doesNotMatch(await rejected.text(), /900101/);
    assert.equal((await fetch(`${base}/api/documents/hong.gildong@example.go.kr-900101-1234567`, { headers })).status, 404);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(logged, /model server rejected the request/);
    assert.match(logged, /Input validation error: prompt 민원인 주민등록번호 \[주민등록번호\]/, 'the upstream\'s words are kept, masked');
    for (const value of ["900101", "1234-5678", "hong.gildong"]) assert.ok(!logged.includes(value), `${value} in the log: ${logged.split("\n").filter((line) => line.includes(value)).join("\n")}`);
  } finally {
    await app.close();
    await database.close();
    await place.cleanup();
    await new Promise((resolve) => upstream.close(resolve));
  }
});
