import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTenant, type Principal } from '../src/auth/index.js';
import { parseConfig } from '../src/core/index.js';
import { createIngestService, createJob, createParsePool, defaultWorkerCount, type IngestEvent } from '../src/data/index.js';
import { defaultParseLimits } from '../src/data/parsers/index.js';
import { openDatabase } from '../src/store/index.js';
import { findKoreanFont, missingFontMessage, writeKoreanPdfSet } from './korean-pdf-set.js';

/**
 * Ingestion throughput on embedded PGlite, through the same job + worker path as `kgov ingest`:
 * files/s, MB/s, pages/s and peak RSS, per set. "parse only" runs the worker pool without the
 * database, to tell parsing from storing (index and vectors) apart. `node dist/bench/ingest.js pdf`
 * runs only the sets whose name starts with `pdf`.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = join(root, '..', 'shared');
const operator: Principal = { kind: 'operator', name: 'bench' };

function filesUnder(path: string): string[] {
  const stats = statSync(path);
  if (stats.isFile()) return [path];
  return readdirSync(path).sort().filter((entry) => !entry.startsWith('.')).flatMap((entry) => filesUnder(join(path, entry)));
}

/** 200 files: HWP/HWPX fixtures under new names (each a new document) and the corpus cut into 5 KB reports. */
function generatedSet(folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  const sources = [...filesUnder(join(shared, 'fixtures', 'hwp')), ...filesUnder(join(shared, 'fixtures', 'hwpx'))].filter((file) => /\.(hwp|hwpx)$/.test(file));
  const corpus = readFileSync(join(shared, 'corpus', 'nia-it-future-strategy-2023.txt'), 'utf8');
  const out: string[] = [];
  for (let index = 0; index < 200; index++) {
    const target = join(folder, `variant-${String(index).padStart(3, '0')}`);
    if (index % 2 === 0) {
      const source = sources[index % sources.length]!;
      copyFileSync(source, `${target}${extname(source)}`);
      out.push(`${target}${extname(source)}`);
    } else {
      const start = (index * 5003) % Math.max(1, corpus.length - 5000);
      writeFileSync(`${target}.txt`, `보고서 ${index}\n2023. ${1 + (index % 12)}. 1.\n\n${corpus.slice(start, start + 5000)}`);
      out.push(`${target}.txt`);
    }
  }
  return out;
}

/** `count` copies of the fixtures of one format under new names: each is a new document to the store. */
function fixtureCopies(folder: string, format: 'hwp' | 'hwpx', count: number): string[] {
  mkdirSync(folder, { recursive: true });
  const sources = filesUnder(join(shared, 'fixtures', format)).filter((file) => file.endsWith(`.${format}`));
  return Array.from({ length: count }, (_, index) => {
    const target = join(folder, `copy-${String(index).padStart(3, '0')}.${format}`);
    copyFileSync(sources[index % sources.length]!, target);
    return target;
  });
}

/** Multi-page Korean PDFs from the corpus (bench/korean-pdf-set.ts); none without a Korean font. */
async function pdfSet(folder: string, count: number): Promise<[string, string[]][]> {
  const font = findKoreanFont();
  if (!font) {
    console.log(missingFontMessage);
    return [];
  }
  const started = performance.now();
  const set = await writeKoreanPdfSet(folder, count, join(shared, 'corpus', 'nia-it-future-strategy-2023.txt'), font);
  console.log(`PDF set: ${set.files.length} files, ${set.pages} pages, font ${set.font}, written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return [[`pdf (${set.files.length} files, ${set.pages} pages)`, set.files]];
}

/** `cpu`: user + system seconds of the whole process (main thread and workers); on a shared machine it moves less than wall time. */
type Result = { set: string; files: number; mb: number; seconds: number; cpu: number; pages: number; failed: number };

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

async function ingestSet(set: string, files: string[]): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kgov-bench-'));
  const config = parseConfig({ storage: { dataDir }, logging: { level: 'silent' } }, 'bench');
  const database = await openDatabase(config);
  try {
    await createTenant(database, operator, { id: 'bench', name: '벤치' });
    const jobId = await createJob(database, operator, { tenantId: 'bench', origin: 'cli', items: files.map((path) => ({ fileName: path, path })) });
    const service = createIngestService(database, config);
    const events: IngestEvent[] = [];
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      await service.runJob(operator, jobId, (event) => events.push(event));
    } finally {
      await service.close();
    }
    const seconds = (performance.now() - started) / 1000;
    return { set, files: files.length, mb: events.reduce((sum, event) => sum + event.bytes, 0) / 1_048_576, seconds, cpu: cpuSeconds(cpu), pages: events.reduce((sum, event) => sum + (event.pages ?? 0), 0), failed: events.filter((event) => event.status === 'failed').length };
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function parseOnly(set: string, files: string[]): Promise<Result> {
  const pool = createParsePool({ size: defaultWorkerCount(), timeoutMs: 60_000, memoryMb: 1024, limits: defaultParseLimits });
  const started = performance.now();
  const cpu = process.cpuUsage();
  let mb = 0, pages = 0, failed = 0;
  try {
    await Promise.all(files.map(async (path) => {
      const bytes = readFileSync(path);
      mb += bytes.byteLength / 1_048_576;
      const result = await pool.prepare(bytes, path);
      if (result.ok) pages += result.prepared.pageCount ?? 0;
      else failed++;
    }));
  } finally {
    await pool.close();
  }
  return { set: `${set} (parse only)`, files: files.length, mb, seconds: (performance.now() - started) / 1000, cpu: cpuSeconds(cpu), pages, failed };
}

const only = process.argv[2];
/** Whether a set named `name…` runs: all without an argument, else those whose name starts with it. */
const wanted = (name: string) => !only || name.startsWith(only) || only.startsWith(name);
const scratch = mkdtempSync(join(tmpdir(), 'kgov-bench-files-'));
const sets: [string, string[]][] = [
  ['corpus (1 file)', filesUnder(join(shared, 'corpus'))],
  ['fixtures (hwp, hwpx, samples)', [...filesUnder(join(shared, 'fixtures', 'hwp')), ...filesUnder(join(shared, 'fixtures', 'hwpx')), ...filesUnder(join(root, 'test', '__fixtures__', 'documents'))]],
  ['generated (200 files)', generatedSet(join(scratch, 'generated'))],
  ['hwp (100 copies)', fixtureCopies(join(scratch, 'hwp'), 'hwp', 100)],
  ['hwpx (100 copies)', fixtureCopies(join(scratch, 'hwpx'), 'hwpx', 100)],
  ...(wanted('pdf') ? await pdfSet(join(scratch, 'pdf'), 100) : []),
];
console.log(`workers: ${defaultWorkerCount()}, node ${process.version}`);
console.log('| set | files | MB | s | CPU s | files/s | MB/s | pages/s | failed |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name, files] of sets) {
  if (only && !name.startsWith(only)) continue;
  for (const result of [await parseOnly(name, files), await ingestSet(name, files)]) {
    console.log(`| ${result.set} | ${result.files} | ${result.mb.toFixed(2)} | ${result.seconds.toFixed(1)} | ${result.cpu.toFixed(1)} | ${(result.files / result.seconds).toFixed(1)} | ${(result.mb / result.seconds).toFixed(2)} | ${result.pages ? (result.pages / result.seconds).toFixed(1) : '-'} | ${result.failed} |`);
  }
}
console.log(`peak RSS (process, workers included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
rmSync(scratch, { recursive: true, force: true });
