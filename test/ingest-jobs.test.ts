import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyAuditLog } from '../src/audit/index.js';
import { createTenant, type Principal } from '../src/auth/index.js';
import type { KgovConfig } from '../src/core/index.js';
import {
  createIngestService, createJob, createParsePool, getDocument, jobStatus, listDocuments, verifyProvenance, type IngestEvent,
} from '../src/data/index.js';
import { defaultParseLimits } from '../src/data/parsers/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const corpus = new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url);
const samples = new URL('../../test/__fixtures__/documents/', import.meta.url);

/** A batch with good files and every kind of bad one; each bad one must fail alone with its code. */
function batch(folder: string): { path: string; expect: string }[] {
  const write = (name: string, bytes: Uint8Array | string) => {
    writeFileSync(join(folder, name), bytes);
    return join(folder, name);
  };
  const docx = readFileSync(new URL('sample.docx', samples));
  return [
    { path: write('공고문.txt', '행정안전부 공고 제2023-100호\n2023. 12. 1.\n\n민원 처리 기한 안내 공고마커.'), expect: 'done' },
    { path: write('sample.docx', docx), expect: 'done' },
    { path: write('empty.txt', ''), expect: 'empty_file' },
    { path: write('truncated.docx', docx.subarray(0, Math.floor(docx.length / 3))), expect: 'corrupt_file' },
    // Bytes of no format under a name we read: a broken HWP, not an unsupported format.
    { path: write('random.hwp', new Uint8Array(4096).map((_, index) => (index * 7919) % 251)), expect: 'corrupt_file' },
    { path: write('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 0, 255])), expect: 'unsupported_type' },
    { path: write('wrong-extension.pdf', '확장자만 PDF인 텍스트 문서입니다.\n내용마커.'), expect: 'done' },
    { path: join(folder, 'vanished.txt'), expect: 'path_not_found' },
  ];
}

for (const backend of backends) {
  describe(`ingest jobs on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let config: KgovConfig;
    let database: Database;
    let folder: string;

    before(async () => {
      place = await backend.prepare();
      config = place.config({ storage: { keyDir: join(place.dataDir, 'keys') }, ingest: { workers: 1, parseTimeoutSeconds: 30 } });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      folder = mkdtempSync(join(tmpdir(), 'kgov-batch-'));
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('a batch: good files ingested and signed, each bad file fails alone with its stable code', async () => {
      const files = batch(folder);
      const jobId = await createJob(database, operator, { tenantId: 'mois', origin: 'cli', items: files.map((file) => ({ fileName: file.path, path: file.path })) });
      const service = createIngestService(database, config);
      const events: IngestEvent[] = [];
      try {
        await service.runJob(operator, jobId, (event) => events.push(event));
      } finally {
        await service.close();
      }
      const status = await jobStatus(database, operator, jobId);
      assert.ok(status.finishedAt, 'the job is finished');
      for (const file of files) {
        const item = status.items.find((candidate) => candidate.path === file.path)!;
        assert.equal(item.status === 'done' ? 'done' : item.errorCode, file.expect, `${file.path}: ${item.status} ${item.errorCode} ${item.errorReason}`);
      }
      assert.equal(events.length, files.length);
      const notice = await getDocument(database, operator, 'mois', '공고문.txt');
      assert.equal(notice.effectiveDate, '2023-12-01', 'the date line of the document');
      assert.equal(notice.versionList[0]?.signed, true);
      assert.equal((await listDocuments(database, operator, 'mois')).find((row) => row.name === 'sample.docx')?.effectiveDate?.length, 10);
    });

    test('the same files again: duplicates, no new versions; a changed file: a new version', async () => {
      const files = batch(folder).filter((file) => file.expect === 'done');
      writeFileSync(files[0]!.path, '행정안전부 공고 제2024-7호\n2024년 3월 15일\n\n개정된 공고마커.');
      const jobId = await createJob(database, operator, { tenantId: 'mois', origin: 'cli', items: files.map((file) => ({ fileName: file.path, path: file.path })) });
      const service = createIngestService(database, config);
      try {
        await service.runJob(operator, jobId);
      } finally {
        await service.close();
      }
      const status = await jobStatus(database, operator, jobId);
      assert.deepEqual({ done: status.counts.done, duplicate: status.counts.duplicate }, { done: 1, duplicate: files.length - 1 });
      const notice = await getDocument(database, operator, 'mois', '공고문.txt');
      assert.deepEqual(notice.versionList.map((version) => [version.version, version.effectiveDate, version.supersededAt === null]), [[2, '2024-03-15', true], [1, '2023-12-01', false]]);
    });

    test('provenance: every version verifies; an edited row, a forged signature or another file is caught; checks are audited', async () => {
      const report = await verifyProvenance(database, operator, { tenantId: 'mois', document: '공고문.txt' });
      assert.equal(report.ok, true, JSON.stringify(report));
      assert.equal(report.versions.length, 2);
      const original = readFileSync(join(folder, '공고문.txt'));
      assert.equal((await verifyProvenance(database, operator, { tenantId: 'mois', document: '공고문.txt', file: original })).file?.matchedVersion, 2);
      const other = await verifyProvenance(database, operator, { tenantId: 'mois', document: '공고문.txt', file: new TextEncoder().encode('다른 파일') });
      assert.equal(other.ok, false);
      assert.equal(other.file?.matchedVersion, null);

      const documentId = report.documentId;
      await database.query(`UPDATE document_versions SET sha256 = repeat('0', 64) WHERE document_id = $1 AND version = 1`, [documentId]);
      const [signature] = await database.query<{ signature: string }>('SELECT signature FROM document_versions WHERE document_id = $1 AND version = 2', [documentId]);
      const forged = Buffer.from(signature!.signature, 'base64');
      forged[0] = forged[0]! ^ 0xff;
      await database.query('UPDATE document_versions SET signature = $2 WHERE document_id = $1 AND version = 2', [documentId, forged.toString('base64')]);
      const tampered = await verifyProvenance(database, operator, { tenantId: 'mois', document: '공고문.txt' });
      assert.equal(tampered.ok, false);
      assert.deepEqual(tampered.versions.map((check) => (check.ok ? 'ok' : check.problem)), ['row_mismatch', 'bad_signature']);
      const outcomes = await database.query<{ outcome: string }>("SELECT outcome FROM audit_log WHERE action = 'provenance.verified' ORDER BY seq");
      assert.deepEqual(outcomes.map((row) => row.outcome), ['success', 'success', 'failure', 'failure']);
      assert.equal((await verifyAuditLog(database)).ok, true);
    });

    test('the private key is a 0600 file in the key directory; the database holds the public key only', async () => {
      const [key] = await database.query<{ id: string; public_key: string }>("SELECT id, public_key FROM signing_keys WHERE tenant_id = 'mois'");
      assert.match(key!.public_key, /BEGIN PUBLIC KEY/);
      const { statSync } = await import('node:fs');
      assert.equal(statSync(join(place.dataDir, 'keys', `${key!.id}.ed25519.pem`)).mode & 0o777, 0o600);
    });
  });
}

describe('parser pool', () => {
  test('a file over the time limit fails alone (parse_timeout); the worker is replaced and the next file parses', async () => {
    const big = new Uint8Array(readFileSync(corpus));
    const pool = createParsePool({ size: 1, timeoutMs: 5, memoryMb: 256, limits: defaultParseLimits });
    const slow = createParsePool({ size: 1, timeoutMs: 30_000, memoryMb: 256, limits: defaultParseLimits });
    try {
      const timedOut = await pool.prepare(big, 'big.txt');
      assert.deepEqual(timedOut.ok ? 'ok' : timedOut.code, 'parse_timeout');
      const [first, second] = await Promise.all([slow.prepare(new TextEncoder().encode('첫째 문서'), 'a.txt'), slow.prepare(new TextEncoder().encode('둘째 문서'), 'b.txt')]);
      assert.equal(first.ok && second.ok, true);
    } finally {
      await pool.close();
      await slow.close();
    }
  });

  test('a parser that runs out of its heap cap fails alone (corrupt_file); the pool goes on', async () => {
    // 300k chunks of analysed terms do not fit into 64 MB (the smallest cap the configuration
    // allows): the worker dies of OOM, not the process. A smaller cap made the replacement worker
    // itself run out of heap while loading its modules on a loaded machine (CI, stop 13).
    const huge = new TextEncoder().encode('가나다라마바사 아자차카타파하 '.repeat(400_000));
    const pool = createParsePool({ size: 1, timeoutMs: 60_000, memoryMb: 64, limits: defaultParseLimits });
    try {
      const result = await pool.prepare(huge, 'huge.txt');
      assert.equal(result.ok ? 'ok' : result.code, 'corrupt_file', JSON.stringify(result));
      const next = await pool.prepare(new TextEncoder().encode('작은 문서'), 'small.txt');
      assert.equal(next.ok, true, JSON.stringify(next));
    } finally {
      await pool.close();
    }
  });
});
