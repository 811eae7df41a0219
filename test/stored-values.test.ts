import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { lineKeys } from '../src/data/boilerplate-lines.js';
import { minhashSignature } from '../src/data/minhash.js';
import { analyzeForIndex, analyzeQuery, analyzerVersion } from '../src/search/analyzer/index.js';
import { hashedVector } from '../src/search/embedders/index.js';

/**
 * Values that databases store or compare with stored ones, pinned over the NIA corpus (24-line chunks, as text files
 * are chunked) and the nia-qa-dev questions: MinHash signatures must never change (stored signatures would silently
 * stop matching new ones); line keys neither (tenant boilerplate counts); terms and built-in vectors (the hashed
 * embedder analyses text with the same analyzer) only on purpose, with `analyzerVersion` bumped, so that chunks record
 * which version indexed them and `kgov reindex` brings older ones up to date. A speed-up must leave every hash here as
 * it is; a deliberate analyzer change updates the terms and vector hashes and the version together.
 */
const corpus = readFileSync(new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url), 'utf8');
const questions = readFileSync(new URL('../../../shared/eval/rag/nia-qa-dev.jsonl', import.meta.url), 'utf8')
  .split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { question: string }).question);
const lines = corpus.split('\n');
const chunks = Array.from({ length: Math.ceil(lines.length / 12) }, (_, index) => lines.slice(index * 12, index * 12 + 24).join('\n'));

function digest(values: Iterable<unknown>): string {
  const hash = createHash('sha256');
  for (const value of values) hash.update(value instanceof Float32Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : JSON.stringify(value)).update('\n');
  return hash.digest('hex');
}

test('terms of chunks and questions are pinned (analyzer version 7)', () => {
  assert.equal(analyzerVersion, 7, 'a new analyzer version pins its own terms and vectors here');
  assert.equal(digest(chunks.map((chunk, index) => analyzeForIndex(chunk, index % 3 ? null : lines[index * 12]!))), 'd440592676268e92aace0543c8c18deb1a86ffe8c0acced1c54c638c7fea385e');
  // Questions' terms are not stored: words that expand questions only (`everyday-words.ts`) change this one without a
  // new analyzer version, as a tenant's own synonyms do.
  assert.equal(digest(questions.map((question) => analyzeQuery(question))), '3f7d836e663e51ba76b43a77a8fb470c1f642c2dccfc6b5c2d39dcd16bc528d8');
});

test('MinHash signatures and line keys never change; built-in vectors only with the analyzer version', () => {
  assert.equal(digest([minhashSignature(corpus), ...chunks.map((chunk) => minhashSignature(chunk))]), '123011ee3f3690f7bab84638fe105d78e7b6ccb6fb95babb83ddfc3573852030');
  assert.equal(digest([...chunks.map((chunk) => hashedVector(chunk, 512, false)), ...questions.map((question) => hashedVector(question, 512, true))]), 'a4ae4ea10c9a1d76f664c12791ee7be78f1c9f45056bf67af7cdc3a7a4466dfc');
  assert.equal(digest(chunks.map((chunk) => lineKeys(chunk))), '3fff1e80af0f0b31786c2ee96bcb1140423b05e62923aac3f93334c7c8c52a53');
});
