/**
 * Gateway overhead (issue 6): `npm run bench:gateway [-- --seconds 6 --profile --portkey DIR]`.
 *
 * Three kinds of process, so no two share an event loop: a stub OpenAI-compatible upstream (node:http,
 * fixed small JSON), the KGov server (PGlite in a temp dir, guards at their defaults, limits raised), and
 * this process, the load generator (undici Pool + request, loopback only). Optionally Portkey's gateway
 * (`@portkey-ai/gateway`, found in node_modules or under --portkey DIR) in front of the same stub.
 *
 * Every phase sends the same ~4 KB Korean prompt, non-streaming:
 * - closed loop at concurrency 1, 64 and 256 (one connection per worker), 1 s warm-up then --seconds;
 * - open loop paced at --rate requests/s (default 500, the issue's goal), latency from the scheduled send time.
 * Added latency is a percentile of the target minus the same percentile of the stub called directly in this
 * run. Bounded: at most 200,000 requests a phase, every request times out after 10 s.
 *
 * `--long-prompts N`: during the paced phase, one more request a second carries an N-character prompt (the report's
 * text), not measured itself: how much one long paste holds up everyone else. `--offload-workers W` sets the KGov
 * server's `guard.offload.workers` (0: every text checked on the request's thread), `--offload-min-characters N` its
 * `guard.offload.minCharacters` (1: every text checked in a worker thread).
 *
 * Diagnosis: `--diagnose` adds, per phase, how late the gateway's event loop ran and its collector's pauses;
 * `--guards-off` runs KGov with every guard check disabled by policy; `--server-flags="--trace-gc …"` passes Node
 * flags to the KGov process only.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] && !process.argv[index + 1]!.startsWith('--') ? process.argv[index + 1]! : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
/** `--server-flags="--trace-gc --max-semi-space-size=32"`: Node flags for the KGov server's process only. */
const serverFlags = () => (process.argv.find((arg) => arg.startsWith('--server-flags='))?.slice('--server-flags='.length) ?? '').split(' ').filter(Boolean);
const seconds = Number(option('seconds', '6'));
const warmupSeconds = 1;
const rate = Number(option('rate', '500'));
const concurrencies = option('concurrency', '1,64,256').split(',').map(Number);
const maxRequestsPerPhase = 200_000;
const here = fileURLToPath(new URL('.', import.meta.url));

/** ~4 KB (UTF-8) of real Korean text from the shared corpus: about 1,400 Hangul syllables. */
function koreanPrompt(bytes = 4096): string {
  const corpus = new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url);
  const lines = readFileSync(corpus, 'utf8').split('\n').map((line) => line.trim()).filter((line) => /[가-힣]/.test(line));
  let text = '다음 내용을 세 줄로 요약해 주세요.\n';
  for (const line of lines) {
    if (Buffer.byteLength(text + line + '\n') > bytes) break;
    text += line + '\n';
  }
  return text;
}

/** The gateway's own view of a phase (`--diagnose`): event-loop lateness and the collector's pauses, by kind. */
/** `characters` of the report's text from its start, repeated if it is shorter. */
function longPrompt(characters: number): string {
  const corpus = readFileSync(new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url), 'utf8');
  return `다음 보고서를 요약해 주세요.\n${corpus.repeat(Math.ceil(characters / corpus.length))}`.slice(0, characters);
}

type Diagnostics = { loop: { p50: number; p99: number; max: number }; gc: Record<string, { count: number; totalMs: number; maxMs: number }> };
type Target = { name: string; origin: string; path: string; headers: Record<string, string>; pid?: number; diagnostics?: () => Promise<Diagnostics> };
type Sample = {
  latencies: number[]; overheads: number[]; errors: number; shed: number; statuses: Map<number, number>; seconds: number; cpuMs: number | null;
  diagnostics?: Diagnostics;
};

const percentile = (sorted: number[], share: number) => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
const sortedCopy = (values: number[]) => [...values].sort((left, right) => left - right);
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** CPU time (user + system) a process has used, from /proc; null where /proc is missing. */
function cpuMillis(pid: number | undefined): number | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function childCpu(pids: (number | undefined)[]) {
  const values = pids.map(cpuMillis);
  return values.some((value) => value === null) ? null : values.reduce<number>((sum, value) => sum + value!, 0);
}

/** Requests that reached each target (warm-up and smoke test included), to turn statement counts into per-request figures. */
const sentTo = new Map<string, number>();

async function send(pool: Pool, target: Target, body: string, sample: Sample | null, startedAt: number) {
  sentTo.set(target.name, (sentTo.get(target.name) ?? 0) + 1);
  try {
    const response = await pool.request({ path: target.path, method: 'POST', headers: target.headers, body, headersTimeout: 10_000, bodyTimeout: 10_000 });
    await response.body.text();
    const elapsed = now() - startedAt;
    if (!sample) return;
    sample.statuses.set(response.statusCode, (sample.statuses.get(response.statusCode) ?? 0) + 1);
    if (response.statusCode !== 200) {
      sample.errors++;
      return;
    }
    sample.latencies.push(elapsed);
    const overhead = response.headers['x-kgov-overhead-ms'];
    if (typeof overhead === 'string') sample.overheads.push(Number(overhead));
  } catch {
    if (sample) sample.errors++;
  }
}

const emptySample = (): Sample => ({ latencies: [], overheads: [], errors: 0, shed: 0, statuses: new Map(), seconds: 0, cpuMs: null });

/** Closed loop: `concurrency` workers, each on its own connection, send back to back. */
async function closedLoop(target: Target, body: string, concurrency: number, cpuPids: (number | undefined)[]): Promise<Sample> {
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const sample = emptySample();
  let recording: Sample | null = null;
  let stopAt = now() + warmupSeconds * 1000;
  let sent = 0;
  let cpuStart: number | null = null;
  let measureStart = 0;
  const worker = async () => {
    while (now() < stopAt && sent < maxRequestsPerPhase) {
      sent++;
      await send(pool, target, body, recording, now());
    }
  };
  // Warm-up: connections opened, JIT warm; then the measured window with the same connections.
  await Promise.all(Array.from({ length: concurrency }, worker));
  recording = sample;
  sent = 0;
  await target.diagnostics?.();
  cpuStart = childCpu(cpuPids);
  measureStart = now();
  stopAt = measureStart + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, worker));
  sample.seconds = (now() - measureStart) / 1000;
  const cpuEnd = childCpu(cpuPids);
  sample.cpuMs = cpuStart !== null && cpuEnd !== null ? cpuEnd - cpuStart : null;
  sample.diagnostics = await target.diagnostics?.();
  await pool.close();
  return sample;
}

/** Open loop at `perSecond`: requests leave on schedule whatever the answers do; latency counts from the schedule. */
async function openLoop(target: Target, body: string, perSecond: number, cpuPids: (number | undefined)[], longBody?: string): Promise<Sample> {
  const pool = new Pool(target.origin, { connections: 128, pipelining: 1, keepAliveTimeout: 60_000 });
  const longPool = longBody ? new Pool(target.origin, { connections: 4, pipelining: 1, keepAliveTimeout: 60_000 }) : undefined;
  const run = async (sample: Sample | null, duration: number) => {
    const start = now();
    // One long prompt a second beside the paced ones, its own latency not recorded.
    const longSent: Promise<void>[] = [];
    const longTimer = longPool ? setInterval(() => longSent.push(send(longPool, target, longBody!, null, now())), 1000) : undefined;
    const interval = 1000 / perSecond;
    const total = Math.min(maxRequestsPerPhase, Math.floor((duration / 1000) * perSecond));
    const inFlight: Promise<void>[] = [];
    let outstanding = 0;
    for (let index = 0; index < total; index++) {
      const due = start + index * interval;
      // Sleep on a timer, not a spin: a spinning load generator takes a whole core from the gateway it measures on a
      // 2-core machine. Timer lateness (up to ~1 ms) counts from `due` for every target alike, the stub included.
      const wait = due - now();
      if (wait > 0) await sleep(Math.ceil(wait));
      // A target that cannot keep up would pile up minutes of backlog: past 256 outstanding, the request is counted as shed.
      if (outstanding >= 256) {
        if (sample) sample.shed++;
        continue;
      }
      outstanding++;
      inFlight.push(send(pool, target, body, sample, due).finally(() => outstanding--));
    }
    await Promise.all(inFlight);
    clearInterval(longTimer);
    await Promise.all(longSent);
    return (now() - start) / 1000;
  };
  await run(null, warmupSeconds * 1000);
  const sample = emptySample();
  await target.diagnostics?.();
  const cpuStart = childCpu(cpuPids);
  sample.seconds = await run(sample, seconds * 1000);
  const cpuEnd = childCpu(cpuPids);
  sample.cpuMs = cpuStart !== null && cpuEnd !== null ? cpuEnd - cpuStart : null;
  sample.diagnostics = await target.diagnostics?.();
  await pool.close();
  await longPool?.close();
  return sample;
}

/** Sends `request` to a child and waits for its answer, the message's `request` field. */
function ask<T>(child: ChildProcess, request: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      const value = (message as Record<string, unknown>)[request];
      if (value === undefined) return;
      child.off('message', listener);
      resolve(value as T);
    };
    child.on('message', listener);
    child.send(request);
  });
}

function describeDiagnostics(rows: Row[]) {
  console.log('\nThe gateway during each measured phase (`--diagnose`): how late its event loop ran, and the collector\'s pauses');
  console.log('| load | loop delay p50 / p99 / max ms | scavenges: count, total ms, max ms | mark-compact: count, total ms, max ms | other GC |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const diagnostics = row.sample.diagnostics;
    if (!diagnostics) continue;
    const { loop, gc } = diagnostics;
    const kind = (name: string) => gc[name] ? `${gc[name]!.count}, ${gc[name]!.totalMs.toFixed(1)}, ${gc[name]!.maxMs.toFixed(2)}` : '0';
    const other = Object.entries(gc).filter(([name]) => name !== 'scavenge' && name !== 'mark-compact')
      .map(([name, entry]) => `${name} ${entry.count}, ${entry.totalMs.toFixed(1)} ms`).join('; ') || '—';
    console.log(`| ${row.load} | ${loop.p50.toFixed(2)} / ${loop.p99.toFixed(2)} / ${loop.max.toFixed(2)} | ${kind('scavenge')} | ${kind('mark-compact')} | ${other} |`);
  }
}

function forkChild(script: string, args: string[], execArgv: string[] = []): Promise<{ child: ChildProcess; message: Record<string, unknown> }> {
  const child = fork(join(here, script), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, message: message as Record<string, unknown> }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function findPortkey(): string | null {
  const candidates = [option('portkey', ''), process.env.KGOV_PORTKEY_DIR ?? '', join(here, '../../node_modules'), '/tmp/kgov-portkey/node_modules']
    .filter(Boolean)
    .map((dir) => (dir.endsWith('node_modules') ? join(dir, '@portkey-ai/gateway/build/start-server.js') : join(dir, 'node_modules/@portkey-ai/gateway/build/start-server.js')));
  return candidates.find((path) => existsSync(path)) ?? null;
}

async function waitForPort(origin: string, deadline: number) {
  while (now() < deadline) {
    try {
      const response = await fetch(origin + '/');
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing answered at ${origin}`);
}

/** Self time by function from a V8 .cpuprofile: the top entries, as shares of all samples. */
function summariseProfile(path: string, top = 25) {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  };
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    if (node.callFrame.functionName === '(idle)') continue;
    total += hits;
    const url = node.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/');
    const label = `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber + 1}`;
    if (!url.startsWith('wasm://')) self.set(label, (self.get(label) ?? 0) + hits);
    const file = url.startsWith('wasm://') ? 'PGlite (Postgres compiled to wasm)' : url.startsWith('node_modules/') ? url.split('/').slice(0, url.includes('/@') ? 3 : 2).join('/')
      : url.startsWith('dist/') ? url.split('/').slice(0, 4).join('/') : url.startsWith('node:') ? url : `(${node.callFrame.functionName || 'native'})`;
    byFile.set(file, (byFile.get(file) ?? 0) + hits);
  }
  const show = (map: Map<string, number>) => [...map].sort((left, right) => right[1] - left[1]).slice(0, top)
    .map(([label, hits]) => `  ${((100 * hits) / total).toFixed(1).padStart(5)}%  ${label}`).join('\n');
  console.log(`\nCPU profile of the gateway (${path}): self time by function, shares of busy (non-idle) samples; wasm counted only below\n${show(self)}\n\nby package / source file\n${show(byFile)}`);
}

type Row = { target: string; load: string; sample: Sample };

function describe(rows: Row[]) {
  const direct = new Map(rows.filter((row) => row.target === 'stub (direct)').map((row) => [row.load, row]));
  console.log('\n| target | load | requests/s | p50 ms | p99 ms | added p50 ms | added p99 ms | errors | server CPU ms/request | x-kgov-overhead-ms p50 / p99 / max |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const row of rows) {
    const sorted = sortedCopy(row.sample.latencies);
    const base = direct.get(row.load);
    const baseSorted = base ? sortedCopy(base.sample.latencies) : [];
    const isDirect = row.target === 'stub (direct)';
    const overheads = sortedCopy(row.sample.overheads);
    const cells = [
      row.target, row.load, (row.sample.latencies.length / row.sample.seconds).toFixed(0),
      percentile(sorted, 0.5).toFixed(2), percentile(sorted, 0.99).toFixed(2),
      isDirect ? '—' : (percentile(sorted, 0.5) - percentile(baseSorted, 0.5)).toFixed(2),
      isDirect ? '—' : (percentile(sorted, 0.99) - percentile(baseSorted, 0.99)).toFixed(2),
      row.sample.shed ? `${row.sample.errors} (+${row.sample.shed} shed)` : String(row.sample.errors),
      row.sample.cpuMs === null ? '—' : (row.sample.cpuMs / Math.max(1, row.sample.latencies.length)).toFixed(2),
      overheads.length ? `${percentile(overheads, 0.5).toFixed(2)} / ${percentile(overheads, 0.99).toFixed(2)} / ${overheads.at(-1)!.toFixed(2)}` : '—',
    ];
    console.log(`| ${cells.join(' | ')} |`);
    const odd = [...row.sample.statuses].filter(([status]) => status !== 200);
    if (odd.length) console.log(`|   statuses other than 200: ${odd.map(([status, count]) => `${status}×${count}`).join(', ')} |`);
  }
}

async function main() {
  const prompt = koreanPrompt();
  const body = JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: prompt }], max_tokens: 64 });
  const longCharacters = Number(option('long-prompts', '0'));
  const longBody = longCharacters > 0
    ? JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: longPrompt(longCharacters) }], max_tokens: 64 })
    : undefined;
  if (longBody) console.log(`paced phase: one ${longCharacters}-character prompt a second beside the measured ones (${Buffer.byteLength(longBody)} bytes)`);
  console.log(`bench:gateway — Node ${process.version}, ${cpus().length} CPU(s) ${cpus()[0]?.model ?? ''}; prompt ${prompt.length} characters, ` +
    `${Buffer.byteLength(prompt)} bytes UTF-8 (request body ${Buffer.byteLength(body)} bytes); ${warmupSeconds} s warm-up + ${seconds} s per phase`);

  const children: ChildProcess[] = [];
  const profileDir = flag('profile') ? mkdtempSync(join(tmpdir(), 'kgov-bench-prof-')) : null;
  try {
    const stub = await forkChild('gateway-stub.js', []);
    children.push(stub.child);
    const stubOrigin = `http://127.0.0.1:${stub.message.port as number}`;
    const guardsOff = flag('guards-off');
    const offloadWorkers = option('offload-workers', '');
    const offloadMin = option('offload-min-characters', '');
    const server = await forkChild('gateway-server.js', [`${stubOrigin}/v1`, ...(flag('diagnose') ? ['--diagnose'] : []), ...(guardsOff ? ['--guards-off'] : []),
      ...(offloadWorkers ? ['--offload-workers', offloadWorkers] : []), ...(offloadMin ? ['--offload-min-characters', offloadMin] : [])],
      [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), ...serverFlags()]);
    children.push(server.child);
    const diagnostics = flag('diagnose') ? () => ask<Diagnostics>(server.child, 'diagnostics') : undefined;
    const gatewayOrigin = `http://127.0.0.1:${server.message.port as number}`;
    const json = { 'content-type': 'application/json' };
    const targets: Target[] = [
      { name: 'stub (direct)', origin: stubOrigin, path: '/v1/chat/completions', headers: json, pid: undefined },
      { name: guardsOff ? 'KGov (guards off)' : 'KGov (guards on)', origin: gatewayOrigin, path: '/v1/chat/completions', headers: { ...json, authorization: `Bearer ${server.message.key as string}` }, pid: server.child.pid, diagnostics },
    ];
    const portkeyScript = flag('no-portkey') ? null : findPortkey();
    if (portkeyScript) {
      const port = 18787 + Math.floor(Math.random() * 1000);
      const portkey = spawn(process.execPath, [portkeyScript, `--port=${port}`, '--headless'], { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
      children.push(portkey);
      const origin = `http://127.0.0.1:${port}`;
      await waitForPort(origin, now() + 20_000);
      targets.push({
        name: 'Portkey 1.15 (no guardrails)', origin, path: '/v1/chat/completions', pid: portkey.pid,
        headers: { ...json, authorization: 'Bearer bench', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${stubOrigin}/v1` },
      });
    } else {
      console.log('Portkey: @portkey-ai/gateway not found (node_modules, --portkey DIR, KGOV_PORTKEY_DIR, /tmp/kgov-portkey); skipped');
    }

    // Smoke test: every target answers 200 with an assistant message.
    for (const target of targets) {
      const pool = new Pool(target.origin, { connections: 1 });
      const response = await pool.request({ path: target.path, method: 'POST', headers: target.headers, body });
      const text = await response.body.text();
      await pool.close();
      if (response.statusCode !== 200 || !text.includes('행정안전부')) throw new Error(`${target.name} answered ${response.statusCode}: ${text.slice(0, 300)}`);
    }

    const rows: Row[] = [];
    const record = (row: Row) => {
      rows.push(row);
      const sorted = sortedCopy(row.sample.latencies);
      console.log(`  ${row.target.padEnd(30)} ${row.load.padEnd(14)} ${(row.sample.latencies.length / row.sample.seconds).toFixed(0).padStart(6)} req/s  ` +
        `p50 ${percentile(sorted, 0.5).toFixed(2)} ms  p99 ${percentile(sorted, 0.99).toFixed(2)} ms  errors ${row.sample.errors}${row.sample.shed ? `, shed ${row.sample.shed}` : ''}`);
    };
    for (const concurrency of concurrencies) {
      for (const target of targets) {
        record({ target: target.name, load: `c=${concurrency}`, sample: await closedLoop(target, body, concurrency, [target.pid]) });
      }
    }
    for (const target of targets) {
      record({ target: target.name, load: `${rate}/s paced${longBody ? ' + long' : ''}`, sample: await openLoop(target, body, rate, [target.pid], longBody) });
    }
    describe(rows);
    if (flag('diagnose')) describeDiagnostics(rows);
    // What the gateway asked of its database, per request that reached it.
    const kgov = targets[1]!; // KGov, with its guards on or off
    server.child.send('statements');
    const reply = await new Promise<Record<string, { count: number; ms: number }>>((resolve) =>
      server.child.once('message', (message) => resolve((message as { statements: Record<string, { count: number; ms: number }> }).statements)));
    const requests = sentTo.get(kgov.name) ?? 1;
    console.log(`\nDatabase statements per gateway request (${requests} requests; ms = wall time awaited, queueing included):`);
    for (const [sql, { count, ms }] of Object.entries(reply).sort((left, right) => right[1].ms - left[1].ms)) {
      console.log(`  ${(count / requests).toFixed(2).padStart(6)} × ${(ms / count).toFixed(2).padStart(8)} ms  ${sql}`);
    }
  } finally {
    for (const child of children) {
      if (child.connected) child.send('close');
      else child.kill();
    }
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 5000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      if (child.connected) child.disconnect();
    })));
  }
  if (profileDir) {
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (file) summariseProfile(join(profileDir, file));
    if (!flag('keep-profile')) rmSync(profileDir, { recursive: true, force: true });
  }
}

await main();
