import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { KgovError } from '../core/index.js';
import { audienceCovers, can, canReadDocument, everyGroup, readScope, sharedWith, sharedWithSql, visibleGrades } from './authorize.js';
import type { Principal } from './principal.js';
import { parseGroups } from './roles.js';

const key = (role: 'admin' | 'reviewer' | 'staff' | 'public', clearance: 'public' | 'internal' | 'restricted', tenantId = 'mois'): Principal =>
  ({ kind: 'api-key', keyId: 'k', tenantId, role, clearance });

test('the public tier only ever sees public documents', () => {
  // Even if a row somehow carried a higher clearance, the role decides.
  assert.deepEqual(visibleGrades(key('public', 'restricted')), ['public']);
  assert.equal(canReadDocument(key('public', 'public'), { tenantId: 'mois', grade: 'internal' }), false);
  assert.equal(canReadDocument(key('public', 'public'), { tenantId: 'mois', grade: 'public' }), true);
});

test('clearance bounds grades: 공개 < 내부 < 대외비', () => {
  assert.deepEqual(visibleGrades(key('staff', 'internal')), ['public', 'internal']);
  assert.deepEqual(visibleGrades(key('staff', 'restricted')), ['public', 'internal', 'restricted']);
  assert.equal(canReadDocument(key('admin', 'internal'), { tenantId: 'mois', grade: 'restricted' }), false);
});

test('nobody reads across tenants except the operator', () => {
  assert.equal(canReadDocument(key('admin', 'restricted', 'msit'), { tenantId: 'mois', grade: 'public' }), false);
  assert.equal(can(key('admin', 'restricted', 'msit'), 'users.manage', { tenantId: 'mois' }), false);
  assert.equal(can({ kind: 'operator', name: 'root' }, 'tenants.manage'), true);
  assert.equal(can(key('admin', 'restricted'), 'tenants.manage'), false);
});

test('roles grant actions', () => {
  assert.equal(can(key('admin', 'internal'), 'keys.manage', { tenantId: 'mois' }), true);
  assert.equal(can(key('staff', 'internal'), 'keys.manage', { tenantId: 'mois' }), false);
  assert.equal(can(key('reviewer', 'internal'), 'review.work'), true);
  assert.equal(can(key('public', 'public'), 'models.list'), true);
  assert.equal(can(key('public', 'public'), 'documents.write'), false);
});

test('groups: parsed to one sorted form; bad names are refused with invalid_group', () => {
  assert.deepEqual(parseGroups(' 감사관실, audit-team,감사관실 '), ['audit-team', '감사관실']);
  assert.deepEqual(parseGroups(''), []);
  assert.deepEqual(parseGroups(undefined), []);
  for (const bad of ['a b', 'x;y', '-lead', 'a'.repeat(65)]) {
    assert.throws(() => parseGroups(bad), (error: unknown) => error instanceof KgovError && error.code === 'invalid_group', bad);
  }
  assert.throws(() => parseGroups(Array.from({ length: 33 }, (_, index) => `g${index}`)), /invalid_group|group/);
});

test('sharing narrows what a reader sees and never lifts the grade', () => {
  const auditor: Principal = { kind: 'api-key', keyId: 'a', tenantId: 'mois', role: 'staff', clearance: 'internal', groups: ['감사관실'] };
  const plain: Principal = { kind: 'api-key', keyId: 'b', tenantId: 'mois', role: 'staff', clearance: 'restricted' };
  assert.equal(canReadDocument(auditor, { tenantId: 'mois', grade: 'internal', accessGroups: ['감사관실', '운영지원과'] }), true);
  assert.equal(canReadDocument(auditor, { tenantId: 'mois', grade: 'restricted', accessGroups: ['감사관실'] }), false);
  assert.equal(canReadDocument(plain, { tenantId: 'mois', grade: 'internal', accessGroups: ['감사관실'] }), false, 'no groups: tenant-wide documents only');
  assert.equal(canReadDocument(plain, { tenantId: 'mois', grade: 'internal', accessGroups: [] }), true);
  assert.deepEqual(readScope({ kind: 'operator', name: 'ops' }).groups, [everyGroup]);
  assert.deepEqual(readScope({ kind: 'operator-as', name: 'ops', tenantId: 'mois', role: 'staff', clearance: 'internal', groups: null }).groups, [everyGroup]);
  assert.deepEqual(readScope({ kind: 'operator-as', name: 'ops', tenantId: 'mois', role: 'staff', clearance: 'internal', groups: ['x'] }).groups, ['x']);
  assert.equal(sharedWith({ groups: [] }, ['x']), false);
});

test('audienceCovers: a kept copy must reach every reader of the withheld one', () => {
  assert.equal(audienceCovers([], ['a']), true);
  assert.equal(audienceCovers(['a', 'b'], ['a']), true);
  assert.equal(audienceCovers(['a'], ['a', 'b']), false);
  assert.equal(audienceCovers(['a'], []), false);
});

test('every group only when asked for by name: null or missing groups see no restricted document', () => {
  for (const groups of [null, undefined]) {
    assert.equal(sharedWith({ groups }, ['감사관실']), false, String(groups));
    assert.equal(sharedWith({ groups }, []), true, 'documents shared with the whole tenant stay visible');
  }
  assert.equal(sharedWith({}, ['감사관실']), false);
  assert.equal(sharedWith({ groups: [everyGroup] }, ['감사관실']), true);
  assert.throws(() => parseGroups(everyGroup), (error: unknown) => error instanceof KgovError && error.code === 'invalid_group', 'the marker is no group name');
  // A marker that somehow reached a key's groups opens nothing beyond them.
  const smuggled: Principal = { kind: 'api-key', keyId: 'x', tenantId: 'mois', role: 'staff', clearance: 'internal', groups: [everyGroup] };
  assert.deepEqual(readScope(smuggled).groups, []);
  assert.equal(canReadDocument(smuggled, { tenantId: 'mois', grade: 'internal', accessGroups: ['감사관실'] }), false);
  assert.equal(canReadDocument({ kind: 'api-key', keyId: 'y', tenantId: 'mois', role: 'staff', clearance: 'internal' }, { tenantId: 'mois', grade: 'internal', accessGroups: ['감사관실'] }), false);
});

test('sharedWithSql: a NULL parameter (null or undefined from a caller) matches tenant-wide documents only, and never NULL', async () => {
  const database = new PGlite();
  try {
    await database.query(`CREATE TABLE documents (name text, access_groups text[] NOT NULL)`);
    await database.query(`INSERT INTO documents VALUES ('open', '{}'), ('audit', '{감사관실}'), ('hr', '{운영지원과,감사관실}'), ('plan', '{기획조정실}')`);
    const visible = async (groups: unknown) => (await database.query<{ name: string }>(
      `SELECT name FROM documents WHERE ${sharedWithSql('access_groups', '$1')} ORDER BY name`, [groups])).rows.map((row) => row.name);
    // The form the lexical index uses for hidden segments: NOT of the condition must not be NULL either.
    const hidden = async (groups: unknown) => (await database.query<{ name: string }>(
      `SELECT name FROM documents WHERE NOT ${sharedWithSql('access_groups', '$1')} ORDER BY name`, [groups])).rows.map((row) => row.name);
    assert.deepEqual(await visible(null), ['open']);
    assert.deepEqual(await visible(undefined), ['open']);
    assert.deepEqual(await hidden(null), ['audit', 'hr', 'plan']);
    assert.deepEqual(await hidden(undefined), ['audit', 'hr', 'plan']);
    assert.deepEqual(await visible([]), ['open']);
    assert.deepEqual(await visible(['감사관실']), ['audit', 'hr', 'open']);
    assert.deepEqual(await hidden(['감사관실']), ['plan']);
    assert.deepEqual(await visible([everyGroup]), ['audit', 'hr', 'open', 'plan']);
    assert.deepEqual(await visible(readScope({ kind: 'operator', name: 'ops' }).groups), ['audit', 'hr', 'open', 'plan']);
    assert.deepEqual(await hidden([everyGroup]), []);
  } finally {
    await database.close();
  }
});
