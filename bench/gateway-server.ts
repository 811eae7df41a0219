/**
 * The KGov server for `npm run bench:gateway`, in its own process: a temporary PGlite data directory, one
 * internal provider pointing at the stub, a tenant and a staff API key made through the library, the guards
 * at their defaults and the rate limits raised far above what the bench sends (the window upsert still runs
 * on every request). Reports its port and key over IPC; removes the data directory on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/api/index.js';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { parseConfig } from '../src/core/index.js';
import { buildModelRouter } from '../src/models/index.js';
import { openDatabase } from '../src/store/index.js';
import { timeStatements } from './statement-timer.js';

const stubBaseURL = process.argv[2];
if (!stubBaseURL) throw new Error('usage: gateway-server.js STUB_BASE_URL');
const dataDir = mkdtempSync(join(tmpdir(), 'kgov-bench-gateway-'));
const operator: Principal = { kind: 'operator', name: 'bench' };
const raised = 100_000_000;

const config = parseConfig({
  storage: { dataDir },
  logging: { level: 'silent' },
  gateway: { limits: { keyRequestsPerMinute: raised, keyTokensPerMinute: raised * 100, tenantRequestsPerMinute: raised, tenantTokensPerMinute: raised * 100 } },
  providers: [{ id: 'onprem', type: 'openai-compatible', baseURL: stubBaseURL, zone: 'internal', models: ['kgov-llm-13b'] }],
}, 'bench');
const database = await openDatabase(config);
/** Statements the request path sends, by their first words, and the wall time awaited on them: where PGlite's time goes. */
const statements = timeStatements(database);
await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
const { key } = await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' });
const app = await buildServer({ config, database, version: 'bench', models: buildModelRouter(config) });
await app.listen({ port: 0, host: '127.0.0.1' });
statements.take();

let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  await app.close().catch(() => undefined);
  await database.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'statements') {
    process.send?.({ statements: Object.fromEntries(statements.take()) });
  }
  if (message === 'close') void close();
});
process.on('disconnect', () => void close());
process.send?.({ port: (app.server.address() as AddressInfo).port, key });
