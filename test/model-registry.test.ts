import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/index.js';
import { readAuditLog, verifyAuditLog } from '../src/audit/index.js';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { KgovError } from '../src/core/index.js';
import { changeModelStatus, getModelVersion, listModelVersions, registerModelVersion, type ModelLicence } from '../src/models/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, lastLine } from './helpers/cli.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const licences: ModelLicence[] = [
  { artifact: 'code', licence: 'Apache-2.0', commercialUse: true, source: null },
  { artifact: 'weights', licence: 'KGov-Model-License-1.0', commercialUse: false, source: 'NIA' },
  { artifact: 'data', licence: 'KOGL-1', commercialUse: true, source: '공공데이터포털' },
];

for (const backend of backends) {
  describe(`model registry on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config({ logging: { level: 'silent' } }));
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('lineage base → domain-adapted → SFT → DPO → quantized, checked at registration', async () => {
      await registerModelVersion(database, operator, { name: 'KGov-LLM-13B', stage: 'base', licences });
      await registerModelVersion(database, operator, { name: 'KGov-LLM-13B-science', stage: 'domain-adapted', parentName: 'KGov-LLM-13B', licences });
      await registerModelVersion(database, operator, { name: 'KGov-LLM-13B-science-sft', stage: 'sft', parentName: 'KGov-LLM-13B-science', licences });
      await registerModelVersion(database, operator, { name: 'KGov-LLM-13B-science-dpo', stage: 'dpo', parentName: 'KGov-LLM-13B-science-sft', licences });
      const quantized = await registerModelVersion(database, operator, {
        name: 'KGov-LLM-13B-science-gptq-peft', stage: 'quantized', parentName: 'KGov-LLM-13B-science-dpo', servedAs: 'kgov-llm-13b',
        artifactUri: 's3://models/kgov-13b-gptq', sha256: 'a'.repeat(64), licences,
      });
      assert.equal(quantized.status, 'candidate');
      assert.equal(quantized.licences.find((licence) => licence.artifact === 'weights')?.commercialUse, false);
      const detail = await getModelVersion(database, operator, 'KGov-LLM-13B-science-gptq-peft');
      assert.deepEqual(detail.lineage.map((entry) => entry.stage), ['base', 'domain-adapted', 'sft', 'dpo']);
      assert.deepEqual(detail.history.map((change) => change.to), ['candidate']);

      await assert.rejects(registerModelVersion(database, operator, { name: 'KGov-LLM-13B', stage: 'base' }), { code: 'model_version_exists' });
      await assert.rejects(registerModelVersion(database, operator, { name: 'orphan-sft', stage: 'sft' }), { code: 'model_lineage_invalid' });
      await assert.rejects(registerModelVersion(database, operator, { name: 'backwards', stage: 'sft', parentName: 'KGov-LLM-13B-science-dpo' }), { code: 'model_lineage_invalid' });
      await assert.rejects(registerModelVersion(database, operator, { name: 'lost', stage: 'sft', parentName: 'nowhere' }), { code: 'model_version_not_found' });
      await assert.rejects(registerModelVersion(database, operator, { name: 'bad name!', stage: 'base' }), { code: 'model_lineage_invalid' });
      // Weights derived from non-commercial weights (anywhere up the lineage) cannot be registered as commercial.
      const commercialWeights = licences.map((licence) => (licence.artifact === 'weights' ? { ...licence, licence: 'Apache-2.0', commercialUse: true } : licence));
      await assert.rejects(registerModelVersion(database, operator, {
        name: 'KGov-LLM-13B-science-awq', stage: 'quantized', parentName: 'KGov-LLM-13B-science-dpo', licences: commercialWeights,
      }), (error) => error instanceof KgovError && error.code === 'model_licence_conflict' && /KGov-LLM-13B-science-dpo/.test(error.message));
    });

    test('status transitions; production needs all licences, replaces the previous one and is audited in the same transaction', async () => {
      await registerModelVersion(database, operator, { name: 'KGov-LLM-13B-v2-gptq', stage: 'quantized', parentName: 'KGov-LLM-13B-science-dpo', servedAs: 'kgov-llm-13b', licences });
      await registerModelVersion(database, operator, { name: 'unlicensed-gptq', stage: 'quantized', parentName: 'KGov-LLM-13B', servedAs: 'other', licences: licences.slice(0, 1) });
      await assert.rejects(changeModelStatus(database, operator, { name: 'KGov-LLM-13B-science-gptq-peft', to: 'production' }),
        { code: 'model_transition_invalid' }, 'a candidate is staged (tested) first');
      await changeModelStatus(database, operator, { name: 'unlicensed-gptq', to: 'staged' });
      await assert.rejects(changeModelStatus(database, operator, { name: 'unlicensed-gptq', to: 'production' }), { code: 'model_licence_missing' });

      await changeModelStatus(database, operator, { name: 'KGov-LLM-13B-science-gptq-peft', to: 'staged', note: 'eval passed' });
      const first = await changeModelStatus(database, operator, { name: 'KGov-LLM-13B-science-gptq-peft', to: 'production' });
      assert.equal(first.replaced, null);
      await changeModelStatus(database, operator, { name: 'KGov-LLM-13B-v2-gptq', to: 'staged' });
      const second = await changeModelStatus(database, operator, { name: 'KGov-LLM-13B-v2-gptq', to: 'production', note: '릴리스 2026-11' });
      assert.equal(second.replaced, 'KGov-LLM-13B-science-gptq-peft');
      const production = await listModelVersions(database, operator, { status: 'production' });
      assert.deepEqual(production.map((version) => version.name), ['KGov-LLM-13B-v2-gptq']);
      const previous = await getModelVersion(database, operator, 'KGov-LLM-13B-science-gptq-peft');
      assert.equal(previous.status, 'staged');
      assert.deepEqual(previous.history.map((change) => change.to), ['candidate', 'staged', 'production', 'staged']);

      const promoted = [];
      for await (const record of readAuditLog(database)) if (record.action === 'model.promoted') promoted.push(record);
      assert.equal(promoted.length, 2);
      assert.equal(promoted[1]!.target, 'model:KGov-LLM-13B-v2-gptq');
      assert.equal(promoted[1]!.detail.replaced, 'KGov-LLM-13B-science-gptq-peft');
      const registered = [];
      for await (const record of readAuditLog(database)) if (record.action === 'model.registered') registered.push(record.target);
      assert.ok(registered.includes('model:KGov-LLM-13B-v2-gptq'), 'registration is audited too');
      assert.equal((await verifyAuditLog(database)).ok, true);

      await changeModelStatus(database, operator, { name: 'KGov-LLM-13B-science-gptq-peft', to: 'retired' });
      await assert.rejects(changeModelStatus(database, operator, { name: 'KGov-LLM-13B-science-gptq-peft', to: 'production' }), { code: 'model_transition_invalid' });
      await assert.rejects(changeModelStatus(database, operator, { name: 'missing', to: 'staged' }), { code: 'model_version_not_found' });
    });

    test('GET /api/models for administrators only', async () => {
      const app: FastifyInstance = await buildServer({ config: place.config({ logging: { level: 'silent' } }), database, version: 'test' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        const admin = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'internal' })).key;
        const staff = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
        const response = await fetch(`${base}/api/models?status=production`, { headers: { authorization: `Bearer ${admin}` } });
        assert.equal(response.status, 200);
        const { data } = (await response.json()) as { data: { name: string; licences: { artifact: string; commercialUse: boolean }[] }[] };
        assert.deepEqual(data.map((version) => version.name), ['KGov-LLM-13B-v2-gptq']);
        assert.equal(data[0]!.licences.length, 3);
        const detail = await fetch(`${base}/api/models/KGov-LLM-13B-v2-gptq`, { headers: { authorization: `Bearer ${admin}` } });
        assert.equal(((await detail.json()) as { lineage: unknown[] }).lineage.length, 4);
        assert.equal((await fetch(`${base}/api/models`, { headers: { authorization: `Bearer ${staff}` } })).status, 403);
        assert.equal((await fetch(`${base}/api/models/nope`, { headers: { authorization: `Bearer ${admin}` } })).status, 404);
      } finally {
        await app.close();
      }
    });
  });
}

describe('kgov models (CLI)', () => {
  const backend = backends[0]!;
  let place: Awaited<ReturnType<typeof backend.prepare>>;
  before(async () => (place = await backend.prepare()));
  after(async () => place?.cleanup());

  test('register, list, promote and show', () => {
    const data = ['--data', place.dataDir];
    assert.equal(kgov(['models', 'list', ...data]).stdout.trim(), '등록된 모델이 없습니다. kgov models register 로 등록하세요');
    const base = kgov(['models', 'register', 'KGov-LLM-13B', '--stage', 'base', '--licence', 'code=Apache-2.0:commercial', ...data]);
    assert.equal(base.status, 0, base.stderr);
    const child = kgov(['models', 'register', 'KGov-LLM-13B-gptq', '--stage', 'quantized', '--parent', 'KGov-LLM-13B', '--served-as', 'kgov-llm-13b',
      '--licence', 'code=Apache-2.0:commercial', '--licence', 'weights=CC-BY-NC-4.0:non-commercial', '--licence', 'data=KOGL-1:commercial', ...data]);
    assert.equal(child.status, 0, child.stderr);
    const bad = kgov(['models', 'register', 'x-model', '--stage', 'base', '--licence', 'weights=MIT', ...data]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /\[usage\]/);
    assert.equal(kgov(['models', 'promote', 'KGov-LLM-13B-gptq', '--to', 'staged', ...data]).status, 0);
    const promoted = kgov(['models', 'promote', 'KGov-LLM-13B-gptq', '--to', 'production', '--note', '평가 통과', ...data]);
    assert.equal(promoted.status, 0, promoted.stderr);
    assert.match(lastLine(promoted.stdout), /production/);
    const refused = kgov(['models', 'promote', 'KGov-LLM-13B', '--to', 'production', ...data]);
    assert.match(refused.stderr, /\[model_transition_invalid\]/);
    const list = JSON.parse(kgov(['models', 'list', '--json', ...data]).stdout) as { name: string; status: string }[];
    assert.deepEqual(list.map((version) => [version.name, version.status]), [['KGov-LLM-13B', 'candidate'], ['KGov-LLM-13B-gptq', 'production']]);
    const show = kgov(['models', 'show', 'KGov-LLM-13B-gptq', ...data]).stdout;
    assert.match(show, /KGov-LLM-13B \(base\) → KGov-LLM-13B-gptq \(quantized\)/);
    assert.match(show, /weights: CC-BY-NC-4.0 \(상업적 이용 불가\)/);
    assert.match(show, /staged → production {2}cli:\S+ {2}평가 통과/);
    assert.equal(kgov(['audit', 'verify', ...data]).status, 0);
  });
});
