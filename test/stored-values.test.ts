import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { lineKeys } from '../src/data/boilerplate-lines.js';
import { minhashSignature } from '../src/data/minhash.js';
import { analyzeForIndex, analyzeQuery } from '../src/search/analyzer/index.js';
import { hashedVector } from '../src/search/embedders/index.js';

/**
 * Values that databases store or compare with stored ones, pinned over the NIA corpus (24-line chunks, as text files
 * are chunked) and the nia-qa-dev questions: MinHash signatures and built-in vectors must never change (stored
 * signatures and vectors would silently stop matching new ones); line keys neither (tenant boilerplate counts); terms
 * only on purpose (documents keep their old terms until re-ingested: src/search/README.md). A speed-up must leave
 * every hash here as it is; a deliberate analyzer change updates the terms hash and says so.
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

test('terms of chunks and questions are pinned', () => {
  assert.equal(digest(chunks.map((chunk, index) => analyzeForIndex(chunk, index % 3 ? null : lines[index * 12]!))), '2dde289d03c7f544e4cbb133138e9235b2fcd54650118dfe2cdc96e297b64a6d');
  assert.equal(digest(questions.map((question) => analyzeQuery(question))), '15389a1faff14a459ca638da9e1f52299400df9653f8fe3e029d83ece4dee615');
});

test('MinHash signatures, built-in vectors and line keys never change', () => {
  assert.equal(digest([minhashSignature(corpus), ...chunks.map((chunk) => minhashSignature(chunk))]), '123011ee3f3690f7bab84638fe105d78e7b6ccb6fb95babb83ddfc3573852030');
  assert.equal(digest([...chunks.map((chunk) => hashedVector(chunk, 512, false)), ...questions.map((question) => hashedVector(question, 512, true))]), '98c92ee70064688f628905f40d7ac7eae662623dcffadd491d6bc8901cfc20be');
  assert.equal(digest(chunks.map((chunk) => lineKeys(chunk))), '3fff1e80af0f0b31786c2ee96bcb1140423b05e62923aac3f93334c7c8c52a53');
});
