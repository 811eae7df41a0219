import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { KgovError } from '../src/core/index.js';
import { getDocument, ingestDocument } from '../src/data/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

/**
 * The public tier is never told where a document came from (a path on the agency's file server): not in listings, not
 * by answering for a guessed path, not in the candidates of an ambiguous name (a security re-test found the last two).
 */
const operator: Principal = { kind: 'operator', name: 'test' };
const reader: Principal = { kind: 'api-key', keyId: 'k-public', tenantId: 'mois', role: 'public', clearance: 'public' };
const staff: Principal = { kind: 'api-key', keyId: 'k-staff', tenantId: 'mois', role: 'staff', clearance: 'internal' };
const text = (value: string) => new TextEncoder().encode(value);

for (const backend of backends) {
  describe(`public-tier document references on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      for (const folder of ['/srv/공유/감사관실', '/srv/공유/기획조정실']) {
        const outcome = await ingestDocument(database, operator, { tenantId: 'mois', fileName: `${folder}/공지.txt`, path: `${folder}/공지.txt`, bytes: text(`공지\n\n${folder} 공개 안내문.`), grade: 'public' });
        assert.equal(outcome.status, 'ingested');
      }
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('a path finds the document for staff, not for the public tier; an ambiguous name lists ids only to it', async () => {
      assert.equal((await getDocument(database, staff, 'mois', '/srv/공유/감사관실/공지.txt')).name, '공지.txt');
      await assert.rejects(getDocument(database, reader, 'mois', '/srv/공유/감사관실/공지.txt'), (error: unknown) => error instanceof KgovError && error.code === 'document_not_found');
      await assert.rejects(getDocument(database, reader, 'mois', '공지.txt'), (error: unknown) => {
        assert.ok(error instanceof KgovError && error.code === 'document_ambiguous');
        assert.doesNotMatch(error.message, /srv|감사관실/);
        return true;
      });
      await assert.rejects(getDocument(database, staff, 'mois', '공지.txt'), (error: unknown) => error instanceof KgovError && /감사관실/.test(error.message));
    });
  });
}
