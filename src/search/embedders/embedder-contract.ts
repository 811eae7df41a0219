import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dotProduct, type Embedder } from './embedder.js';

/**
 * The one contract every embedder passes (hono's `common.case.test.ts` pattern): right count and
 * dimension, unit length, deterministic, related Korean text closer than unrelated, empty input.
 */
export function embedderContract(name: string, make: () => Embedder | Promise<Embedder>): void {
  const texts = ['클라우드 컴퓨팅 시장이 성장한다', '클라우드 시장의 성장률', '농업 용수 관리 지침'];
  test(`${name}: one unit-length vector of the declared dimension per text`, async () => {
    const embedder = await make();
    const result = await embedder.embed(texts, 'document');
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.vectors.length, texts.length);
    for (const vector of result.vectors) {
      assert.equal(vector.length, embedder.dimension);
      assert.ok(Math.abs(Math.sqrt(dotProduct(vector, vector)) - 1) < 1e-4);
    }
  });
  test(`${name}: deterministic, and related text is closer than unrelated`, async () => {
    const embedder = await make();
    const first = await embedder.embed(texts, 'document');
    const again = await embedder.embed(texts, 'document');
    assert.ok(first.ok && again.ok);
    assert.deepEqual([...first.vectors[0]!], [...again.vectors[0]!]);
    const query = await embedder.embed(['클라우드 시장은 얼마나 성장했나요?'], 'query');
    assert.ok(query.ok);
    assert.ok(dotProduct(query.vectors[0]!, first.vectors[1]!) > dotProduct(query.vectors[0]!, first.vectors[2]!));
  });
  test(`${name}: an empty batch gives no vectors; id and limits are declared`, async () => {
    const embedder = await make();
    const result = await embedder.embed([], 'query');
    assert.ok(result.ok);
    assert.equal(result.vectors.length, 0);
    assert.match(embedder.id, /\S/);
    assert.ok(embedder.maxBatch >= 1 && embedder.dimension >= 1);
  });
}
