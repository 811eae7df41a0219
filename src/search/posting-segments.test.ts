import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Grade } from '../auth/index.js';
import { analyzeForIndex } from './analyzer/index.js';
import { termFrequencies } from './bm25.js';
import { postingSegments, type IndexedChunk } from './posting-segments.js';

/** The lists as indexChunks built them before postingSegments: one Map per chunk, `join` per list, a full sort. */
function reference(chunks: readonly IndexedChunk[]) {
  const groups = new Map<string, { tenantId: string; grade: Grade; segmentId: number; count: number; terms: number; postings: Map<string, { ids: number[]; tfs: number[]; lengths: number[] }> }>();
  for (const chunk of chunks) {
    const key = `${chunk.tenantId}\u0000${chunk.grade}`;
    const group = groups.get(key) ?? { tenantId: chunk.tenantId, grade: chunk.grade, segmentId: chunk.id, count: 0, terms: 0, postings: new Map() };
    groups.set(key, group);
    group.segmentId = Math.min(group.segmentId, chunk.id);
    group.count += 1;
    group.terms += chunk.terms.length;
    for (const [term, tf] of termFrequencies(chunk.terms)) {
      const list = group.postings.get(term) ?? { ids: [], tfs: [], lengths: [] };
      group.postings.set(term, list);
      list.ids.push(chunk.id);
      list.tfs.push(tf);
      list.lengths.push(chunk.terms.length);
    }
  }
  const literal = (values: readonly number[]) => `{${values.join(',')}}`;
  return [...groups.values()].map((group) => {
    const terms = [...group.postings.keys()].sort();
    const lists = terms.map((term) => group.postings.get(term)!);
    return {
      tenantId: group.tenantId, grade: group.grade, segmentId: group.segmentId, chunkCount: group.count, termTotal: group.terms, terms,
      chunkIds: lists.map((list) => literal(list.ids)), tfs: lists.map((list) => literal(list.tfs)), lengths: lists.map((list) => literal(list.lengths)),
      indexedChunkIds: [...new Set(lists.flatMap((list) => list.ids))],
    };
  });
}

test('posting segments are the lists the per-chunk Maps built: grades, repeated terms, shared ids, odd terms', () => {
  const texts = ['클라우드가 클라우드의 전환 계획 2023년 9,074억원', '경제성장률 경제 성장률 AI 오픈AI가 80GB가', '', 'a b a b a', '과기부 예산은?'];
  const grades: Grade[] = ['public', 'internal', 'public', 'internal', 'public', 'public'];
  const chunks: IndexedChunk[] = texts.concat(texts).map((text, index) => ({
    id: [30, 12, 12, 7, 99, 5, 41, 8, 2, 70][index]!, tenantId: index % 4 === 0 ? 'b' : 'a', grade: grades[index % grades.length]!,
    terms: [...analyzeForIndex(text), ...(index === 3 ? ['', 'b', 'b:', 'ba', '\ud800', '𠀀', '\uffff', 'w:z', 'w:z'] : [])],
  }));
  assert.deepEqual(postingSegments(chunks), reference(chunks));
  // Many terms sharing three-unit prefixes in one group, for the bucketed sort.
  const many: IndexedChunk[] = Array.from({ length: 40 }, (_, index) => ({
    id: 1000 - index, tenantId: 't', grade: 'internal', terms: Array.from({ length: 60 }, (_, term) => `b:${String.fromCharCode(0xac00 + ((index * 7 + term * 13) % 50))}${term % 3 ? '' : 'x'.repeat(term % 4)}`),
  }));
  assert.deepEqual(postingSegments(many), reference(many));
  assert.deepEqual(postingSegments([]), []);
});
