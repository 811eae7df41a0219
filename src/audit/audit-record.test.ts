import assert from 'node:assert/strict';
import { test } from 'node:test';
import { genesisHash, hashRecord } from './audit-record.js';

const record = {
  seq: 1, at: '2026-11-28T00:00:00.000Z', tenantId: 'mois', actor: 'cli:root', action: 'tenant.created', target: 'tenant:mois',
  outcome: 'success' as const, detail: { name: '행정안전부', nested: { b: 1, a: 2 } }, prevHash: genesisHash,
};

test('the hash ignores key order (jsonb reorders keys) but not content', () => {
  const reordered = { ...record, detail: { nested: { a: 2, b: 1 }, name: '행정안전부' } };
  assert.equal(hashRecord(record), hashRecord(reordered));
  assert.notEqual(hashRecord(record), hashRecord({ ...record, detail: { ...record.detail, name: '행정안전부 ' } }));
  assert.notEqual(hashRecord(record), hashRecord({ ...record, seq: 2 }));
  assert.notEqual(hashRecord(record), hashRecord({ ...record, prevHash: 'f'.repeat(64) }));
});
