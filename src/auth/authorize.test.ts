import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, canReadDocument, visibleGrades } from './authorize.js';
import type { Principal } from './principal.js';

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
