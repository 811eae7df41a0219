/**
 * The KGov server for `npm run bench:gateway`, in its own process: a temporary PGlite data directory, one
 * internal provider pointing at the stub, a tenant and a staff API key made through the library, the guards
 * at their defaults and the rate limits raised far above what the bench sends (the window upsert still runs
 * on every request). Reports its port and key over IPC; removes the data directory on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver, constants as perfConstants, type PerformanceEntry } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/api/index.js';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { parseConfig } from '../src/core/index.js';
import { guardCheckNames } from '../src/guard/guard-policy.js';
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
  // `--guards-off`: every check disabled by policy, to tell the guards' cost from the rest of the gateway's.
  guard: {
    ...(process.argv.includes('--guards-off') ? { default: { checks: Object.fromEntries(guardCheckNames.map((name) => [name, { enabled: false }])) } } : {}),
    // `--offload-workers W`: guard.offload.workers (long texts checked in worker threads; 0: all inline).
    // `--offload-min-characters N`: guard.offload.minCharacters (1: every text checked in a worker thread).
    offload: {
      ...(process.argv.includes('--offload-workers') ? { workers: Number(process.argv[process.argv.indexOf('--offload-workers') + 1]) } : {}),
      ...(process.argv.includes('--offload-min-characters') ? { minCharacters: Number(process.argv[process.argv.indexOf('--offload-min-characters') + 1]) } : {}),
    },
  },
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

/**
 * Why a request waits beyond the handler's own time: how late the event loop ran (a blocked loop delays every request
 * queued behind it) and the collector's pauses, by kind. Reset and read per phase by the bench (`diagnostics`).
 */
const diagnose = process.argv.includes('--diagnose');
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
if (diagnose) loopDelay.enable();
const gcKinds: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge', [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};
let gcPauses: { kind: string; ms: number }[] = [];
if (diagnose) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1;
      gcPauses.push({ kind: gcKinds[kind] ?? `kind ${kind}`, ms: entry.duration });
    }
  }).observe({ entryTypes: ['gc'] });
}

function takeDiagnostics() {
  const byKind: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
  for (const { kind, ms } of gcPauses) {
    const entry = (byKind[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
    entry.count++;
    entry.totalMs += ms;
    entry.maxMs = Math.max(entry.maxMs, ms);
  }
  const loop = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  gcPauses = [];
  loopDelay.reset();
  return { loop, gc: byKind };
}

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
  if (message === 'diagnostics') process.send?.({ diagnostics: takeDiagnostics() });
  if (message === 'close') void close();
});
process.on('disconnect', () => void close());
process.send?.({ port: (app.server.address() as AddressInfo).port, key });
