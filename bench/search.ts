/**
 * Search speed, scale and quality (issue 4): `npm run bench:search [-- --sizes 10000,100000 --engines …]`.
 * Each (engine, size) runs in its own child process so memory figures do not mix. Synthetic corpora
 * recombine real Korean lines of ../shared/corpus (seeded, so every engine gets the same chunks);
 * latency is measured with the nia questions over them, recall with the nia questions over the real
 * corpus, on the same 24/12-line chunks for every engine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import MiniSearch from 'minisearch';
import { createTenant, type Principal } from '../src/auth/index.js';
import { parseConfig } from '../src/core/index.js';
import { chunkDocument, ingestDocument, refreshSearchStatistics } from '../src/data/index.js';
import { parseFile } from '../src/data/parsers/index.js';
import { analyzeForIndex, analyzeQuery } from '../src/search/analyzer/index.js';
import { evaluateRetrieval, type RetrievalQuestion } from '../src/search/evaluate-retrieval.js';
import { attachMemoryIndex, detachMemoryIndex, searchChunks, type SearchHit, type SearchMode } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { seededRandom } from '../test/helpers/seeded-random.js';
import { timeStatements } from './statement-timer.js';

const usage = `usage: npm run bench:search -- [--sizes 0,10000,100000] [--engines kgov-pglite,kgov-postgres,orama,minisearch,minisearch-kgov-analyzer]
       [--lines N] [--rounds N] [--sql-rounds N] [--progress N] [--statements]   (one engine and size: --engine E --size N [--modes lexical,hybrid,vector])
  --statements: with each progress line, the statements that took the most database time in that window (ms a chunk)`;
const stringOption = { type: 'string' } as const;
/** Unknown options stop the run: a typo (or `--help`, before it existed) used to start every size of every engine. */
const parsedOptions = (() => {
  try {
    return parseArgs({
      options: {
        sizes: stringOption, engines: stringOption, lines: stringOption, rounds: stringOption, 'sql-rounds': stringOption, progress: stringOption,
        engine: stringOption, size: stringOption, modes: stringOption, statements: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
})();
if (parsedOptions.help) {
  console.log(usage);
  process.exit(0);
}

const shared = new URL('../../../shared/', import.meta.url);
const corpusName = 'nia-it-future-strategy-2023.txt';
const corpusText = readFileSync(new URL(`corpus/${corpusName}`, shared), 'utf8');
const questions = readFileSync(new URL('eval/rag/nia-qa-dev.jsonl', shared), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as RetrievalQuestion);
const operator: Principal = { kind: 'operator', name: 'bench' };
const reader: Principal = { kind: 'operator-as', name: 'bench', tenantId: 'nia', role: 'staff', clearance: 'restricted' };
/** 2,400 lines: about 100 chunks a file, the size of a typical report (the NIA report itself is 745 chunks). */
const linesPerFile = Number(option('lines', '2400'));
/** Rounds over the 40 questions (`--rounds`, default 3); 1 for engines that take seconds a query. */
const rounds = Number(option('rounds', '3'));
/**
 * Rounds through the SQL path (`--sql-rounds`, default `--rounds`); 0 skips it (at a million chunks a query there
 * takes ~35 s: the memory path is what serves such a tenant).
 */
const sqlRounds = Number(option('sql-rounds', String(rounds)));
/** Ingest progress on stderr every this many chunks (`--progress`). */
const progressEvery = Number(option('progress', '10000'));

type Engine = 'kgov-pglite' | 'kgov-postgres' | 'orama' | 'minisearch' | 'minisearch-kgov-analyzer';
type Result = {
  engine: Engine; size: number; chunks: number; indexSeconds: number; chunksPerSecond: number;
  p50Ms: number; p95Ms: number; rssMb: number; heapMb: number; storageMb: number | null; recall?: Record<string, number>;
  /** kgov only: the same queries with the lexical index kept in memory (`search.memoryIndex`). */
  memory?: { loadSeconds: number; p50Ms: number; p95Ms: number; rssMb: number; heapMb: number; postings: number; recall?: Record<string, number> };
};

/**
 * Files of `linesPerFile` lines, each a run of 1–8 consecutive real lines from random places (keeps local coherence).
 * Made one at a time: a million chunks is 24 million lines, which need not all be held at once.
 */
function* syntheticFiles(targetChunks: number): Generator<{ name: string; text: string }> {
  const lines = corpusText.split('\n').filter((line) => line.trim());
  const next = seededRandom(42);
  // The lines form one paragraph, which the chunker splits into 24-line units: one chunk per 24 lines.
  const fileCount = Math.ceil((targetChunks * 24) / linesPerFile);
  for (let file = 0; file < fileCount; file++) {
    const body: string[] = [];
    while (body.length < linesPerFile) {
      const start = Math.floor(next() * lines.length);
      body.push(...lines.slice(start, start + 1 + Math.floor(next() * 8)));
    }
    yield { name: `synthetic-${String(file).padStart(6, '0')}.txt`, text: body.slice(0, linesPerFile).join('\n') };
  }
}

async function chunksOf(name: string, text: string) {
  const parsed = await parseFile(new TextEncoder().encode(text), name);
  if (!parsed.ok) throw new Error(parsed.reason);
  return chunkDocument(parsed.document).map((chunk) => ({ ...chunk, document: name }));
}

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
};

async function timeQueries(run: (question: string) => Promise<unknown>, times = rounds): Promise<{ p50Ms: number; p95Ms: number }> {
  if (times === 0) return { p50Ms: Number.NaN, p95Ms: Number.NaN };
  for (const question of questions.slice(0, 5)) await run(question.question);
  const durations: number[] = [];
  for (let round = 0; round < times; round++) {
    for (const question of questions) {
      const started = performance.now();
      await run(question.question);
      durations.push(performance.now() - started);
    }
  }
  return { p50Ms: percentile(durations, 0.5), p95Ms: percentile(durations, 0.95) };
}

const memory = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 };
};

/** One engine over one synthetic size; recall only at the smallest "size" 0 = the real corpus. */
async function runKgov(engine: 'kgov-pglite' | 'kgov-postgres', size: number, modes: SearchMode[]): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kgov-bench-'));
  let databaseUrl: string | undefined;
  if (engine === 'kgov-postgres') {
    const server = process.env.KGOV_BENCH_DATABASE_URL ?? process.env.KGOV_TEST_DATABASE_URL;
    if (!server) throw new Error('set KGOV_TEST_DATABASE_URL for kgov-postgres');
    const name = `kgov_bench_${process.pid}`;
    execFileSync('psql', [server, '-qc', `DROP DATABASE IF EXISTS ${name}`, '-c', `CREATE DATABASE ${name}`]);
    const url = new URL(server);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const database: Database = await openDatabase(parseConfig({ storage: databaseUrl ? { databaseUrl } : { dataDir }, logging: { level: 'silent' } }, 'bench'));
  const statements = parsedOptions.statements ? timeStatements(database) : undefined;
  try {
    await createTenant(database, operator, { id: 'nia', name: 'NIA' });
    const files = size === 0 ? [{ name: corpusName, text: corpusText }] : syntheticFiles(size);
    const started = performance.now();
    let chunks = 0;
    // Progress on stderr (the driver passes it through) every `--progress` chunks: a long run shows whether
    // ingest slows down as the index grows, and what it had reached if it is stopped.
    let reported = { chunks: 0, at: started };
    for (const file of files) {
      const outcome = await ingestDocument(database, operator, { tenantId: 'nia', fileName: file.name, bytes: new TextEncoder().encode(file.text), grade: 'internal' });
      if (outcome.status === 'ingested') chunks += outcome.chunks;
      if (chunks - reported.chunks >= progressEvery) {
        const now = performance.now();
        process.stderr.write(`${engine} ${chunks} chunks, ${((now - started) / 1000).toFixed(0)} s, ${((chunks - reported.chunks) / ((now - reported.at) / 1000)).toFixed(0)} chunks/s in the last ${chunks - reported.chunks}\n`);
        if (statements) {
          const top = [...statements.take()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6);
          for (const [label, { count, ms }] of top) process.stderr.write(`    ${(ms / (chunks - reported.chunks)).toFixed(3)} ms/chunk  ${count}×  ${label}\n`);
        }
        reported = { chunks, at: now };
      }
    }
    await refreshSearchStatistics(database);
    const indexSeconds = (performance.now() - started) / 1000;
    const recall: Record<string, number> = {};
    if (size === 0) {
      for (const mode of modes) {
        const evaluation = await evaluateRetrieval(questions, (question) => searchChunks(database, reader, { tenantId: 'nia', query: question, k: 10, mode }));
        recall[`${mode} r@1`] = evaluation.recallAt1;
        recall[`${mode} r@5`] = evaluation.recallAt5;
        recall[`${mode} r@10`] = evaluation.recallAt10;
      }
    }
    const search = (question: string) => searchChunks(database, reader, { tenantId: 'nia', query: question, k: 10, mode: modes[0] });
    const latency = await timeQueries(search, sqlRounds);
    const inSql = memory();
    const [storage] = await database.query<{ bytes: number }>('SELECT pg_database_size(current_database())::float8 AS bytes');
    // The same index, the same questions, now with the lexical index in memory (as the server keeps it).
    const loadStarted = performance.now();
    const index = attachMemoryIndex(database, { maxPostings: 1e9 });
    if (!(await index.warm('nia'))) throw new Error('the memory index did not load');
    const memoryLoadSeconds = (performance.now() - loadStarted) / 1000;
    const inMemory = await timeQueries(search);
    const held = memory();
    const memoryRecall: Record<string, number> = {};
    if (size === 0) {
      const evaluation = await evaluateRetrieval(questions, (question) => searchChunks(database, reader, { tenantId: 'nia', query: question, k: 10 }));
      Object.assign(memoryRecall, { 'r@1': evaluation.recallAt1, 'r@5': evaluation.recallAt5, 'r@10': evaluation.recallAt10 });
    }
    const postings = index.describe().postings;
    await detachMemoryIndex(database);
    return {
      engine, size, chunks, indexSeconds, chunksPerSecond: chunks / indexSeconds, ...latency, ...inSql, storageMb: Number(storage!.bytes) / 2 ** 20, ...(size === 0 ? { recall } : {}),
      memory: { loadSeconds: memoryLoadSeconds, p50Ms: inMemory.p50Ms, p95Ms: inMemory.p95Ms, rssMb: held.rssMb, heapMb: held.heapMb, postings, ...(size === 0 ? { recall: memoryRecall } : {}) },
    };
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) execFileSync('psql', [process.env.KGOV_BENCH_DATABASE_URL ?? process.env.KGOV_TEST_DATABASE_URL!, '-qc', `DROP DATABASE IF EXISTS kgov_bench_${process.pid} WITH (FORCE)`]);
  }
}

/** The in-memory libraries, defaults as their READMEs show them (and MiniSearch once with our analyzer). */
async function runLibrary(engine: 'orama' | 'minisearch' | 'minisearch-kgov-analyzer', size: number): Promise<Result> {
  const files = size === 0 ? [{ name: corpusName, text: corpusText }] : [...syntheticFiles(size)];
  const chunks = (await Promise.all(files.map((file) => chunksOf(file.name, file.text)))).flat();
  const toHit = (index: number, score: number): SearchHit => {
    const chunk = chunks[index]!;
    return { document: chunk.document, documentId: chunk.document, version: 1, chunk: String(index), section: chunk.section, lines: chunk.lines, page: chunk.page, score, text: chunk.text };
  };
  const before = memory();
  const started = performance.now();
  let run: (question: string) => Promise<SearchHit[]>;
  if (engine === 'orama') {
    const database = create({ schema: { text: 'string' } as const });
    await insertMultiple(database, chunks.map((chunk, index) => ({ id: String(index), text: chunk.text })), 1000);
    run = async (question) => (await oramaSearch(database, { term: question, limit: 10 })).hits.map((hit) => toHit(Number(hit.id), hit.score));
  } else {
    const analyzer = engine === 'minisearch-kgov-analyzer';
    const index = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      ...(analyzer ? { tokenize: (text: string) => analyzeForIndex(text), processTerm: (term: string) => term } : {}),
      ...(analyzer ? { searchOptions: { tokenize: (text: string) => analyzeQuery(text), processTerm: (term: string) => term } } : {}),
    });
    index.addAll(chunks.map((chunk, position) => ({ id: position, text: chunk.text })));
    run = async (question) => index.search(question).slice(0, 10).map((hit) => toHit(Number(hit.id), hit.score));
  }
  const indexSeconds = (performance.now() - started) / 1000;
  const after = memory();
  const recall: Record<string, number> = {};
  if (size === 0) {
    const evaluation = await evaluateRetrieval(questions, run);
    Object.assign(recall, { 'r@1': evaluation.recallAt1, 'r@5': evaluation.recallAt5, 'r@10': evaluation.recallAt10 });
  }
  const latency = await timeQueries(run);
  return { engine, size, chunks: chunks.length, indexSeconds, chunksPerSecond: chunks.length / indexSeconds, ...latency, rssMb: after.rssMb, heapMb: after.heapMb - before.heapMb, storageMb: null, ...(size === 0 ? { recall } : {}) };
}

/**
 * A figure for the table; not measured (`--sql-rounds 0`): a dash. The child's NaN arrives through JSON as null.
 */
const figure = (value: number | null, digits: number) => (value === null || Number.isNaN(value) ? '—' : value.toFixed(digits));
const milliseconds = (value: number | null) => figure(value, 2);
const fraction = (value: number | null) => figure(value, 3);

function option(name: keyof typeof parsedOptions, fallback: string): string {
  const value = parsedOptions[name];
  return typeof value === 'string' ? value : fallback;
}

const engine = option('engine', '');
if (engine) {
  const size = Number(option('size', '0'));
  const modes = option('modes', 'lexical,hybrid,vector').split(',') as SearchMode[];
  const result = engine.startsWith('kgov') ? await runKgov(engine as 'kgov-pglite' | 'kgov-postgres', size, modes) : await runLibrary(engine as 'orama', size);
  console.log(JSON.stringify(result));
} else {
  // Driver: one child per (engine, size); size 0 is the real corpus (recall).
  const engines = option('engines', `kgov-pglite,${process.env.KGOV_TEST_DATABASE_URL ? 'kgov-postgres,' : ''}orama,minisearch,minisearch-kgov-analyzer`).split(',');
  const sizes = option('sizes', '0,10000,100000').split(',').map(Number);
  const script = fileURLToPath(import.meta.url);
  console.log('| engine | chunks | index s | chunks/s | p50 ms | p95 ms | RSS MB | heap MB | storage MB | recall |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const size of sizes) {
    for (const name of engines) {
      try {
        const output = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', script, '--engine', name, '--size', String(size), '--lines', String(linesPerFile), '--rounds', String(rounds), '--sql-rounds', String(sqlRounds), '--progress', String(progressEvery), ...(parsedOptions.statements ? ['--statements'] : [])], { encoding: 'utf8', maxBuffer: 2 ** 26 });
        const result = JSON.parse(output.trim().split('\n').at(-1)!) as Result;
        const recall = result.recall ? Object.entries(result.recall).map(([key, value]) => `${key} ${fraction(value)}`).join(', ') : '';
        console.log(`| ${name} | ${result.chunks} | ${result.indexSeconds.toFixed(1)} | ${result.chunksPerSecond.toFixed(0)} | ${milliseconds(result.p50Ms)} | ${milliseconds(result.p95Ms)} | ${result.rssMb.toFixed(0)} | ${result.heapMb.toFixed(0)} | ${result.storageMb?.toFixed(0) ?? '—'} | ${recall} |`);
        const held = result.memory;
        if (held) {
          const heldRecall = held.recall ? Object.entries(held.recall).map(([key, value]) => `${key} ${fraction(value)}`).join(', ') : '';
          console.log(`| ${name} + memory index (loaded in ${held.loadSeconds.toFixed(1)} s, ${(held.postings / 1e6).toFixed(1)}M postings) | ${result.chunks} | | | ${held.p50Ms.toFixed(2)} | ${held.p95Ms.toFixed(2)} | ${held.rssMb.toFixed(0)} | ${held.heapMb.toFixed(0)} | | ${heldRecall} |`);
        }
      } catch (error) {
        console.log(`| ${name} | ${size} | failed: ${(error as Error).message.split('\n')[0]} |`);
      }
    }
  }
}
