import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PassageCache, type CachedPassage } from '../src/search/index.js';
import { passageBytes } from '../src/search/memory-index/passage-cache.js';

const passage = (tenantId: string, text: string): CachedPassage => ({
  tenantId, documentId: 'd1', name: '보고서.hwpx', version: 1, section: null, innerSections: null, lines: [1, 24], lineRuns: null, page: null, text, grade: 'internal', accessGroups: [],
});

test('a passage is served only in the generation it was cached in, and only for its tenant', () => {
  const cache = new PassageCache(1 << 20);
  assert.equal(cache.view('nia'), null, 'a tenant not held in memory has no view');
  cache.invalidate('nia');
  const first = cache.view('nia')!;
  cache.remember(first, 7, passage('nia', '초거대 AI 도입 계획'));
  assert.equal(cache.get(first, 7)?.text, '초거대 AI 도입 계획');
  assert.equal(cache.get(first, 8), undefined);

  // Another tenant's view never reads nia's entry, and nia's passage is not cached under another tenant's view.
  cache.invalidate('other');
  const other = cache.view('other')!;
  assert.equal(cache.get(other, 7), undefined);
  cache.remember(other, 9, passage('nia', '섞이면 안 되는 내용'));
  assert.equal(cache.get(other, 9), undefined);

  // A change of the tenant (new version, deletion, resharing): the old generation is not served, even through a
  // view taken before the change, and a passage read for that old view is not kept.
  cache.invalidate('nia');
  assert.equal(cache.get(first, 7), undefined);
  const second = cache.view('nia')!;
  assert.equal(cache.get(second, 7), undefined, 'cached before the change');
  cache.remember(first, 8, passage('nia', '변경 전에 읽은 내용'));
  assert.equal(cache.get(second, 8), undefined);
  cache.remember(second, 8, passage('nia', '변경 후에 읽은 내용'));
  assert.equal(cache.get(second, 8)?.text, '변경 후에 읽은 내용');

  // The tenant leaves memory: nothing is served until it is held again, and then not what was cached before.
  cache.forget('nia');
  assert.equal(cache.view('nia'), null);
  assert.equal(cache.get(second, 8), undefined);
  cache.invalidate('nia');
  assert.equal(cache.get(cache.view('nia')!, 8), undefined);
});

test('holds at most its bytes, least recently used out first; 0 bytes caches nothing', () => {
  const one = passageBytes(passage('nia', '가'.repeat(1000)));
  const cache = new PassageCache(one * 3);
  cache.invalidate('nia');
  const view = cache.view('nia')!;
  for (const id of [1, 2, 3]) cache.remember(view, id, passage('nia', '가'.repeat(1000)));
  assert.ok(cache.get(view, 1), 'used again: now the most recent');
  cache.remember(view, 4, passage('nia', '가'.repeat(1000)));
  assert.deepEqual([1, 2, 3, 4].map((id) => cache.get(view, id) !== undefined), [true, false, true, true]);
  assert.ok(cache.describe().bytes <= one * 3);
  cache.remember(view, 5, passage('nia', '가'.repeat(10_000)));
  assert.equal(cache.get(view, 5), undefined, 'larger than the whole cache: not kept');
  assert.equal(cache.describe().entries, 3);

  const off = new PassageCache(0);
  off.invalidate('nia');
  assert.equal(off.view('nia'), null);
});
