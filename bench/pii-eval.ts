/**
 * PII detection quality and speed on the development sets (`npm run bench:pii`):
 * per-type precision/recall/F1 on kr-pii-dev.jsonl, Presidio's Korean vectors, and throughput on one core.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectPii, type PiiType } from '../src/guard/pii/index.js';
import { addCounts, matchSpans, precisionRecall, sumCounts, type TypeCounts } from '../src/guard/pii/score-pii.js';

type GoldLine = { id: string; text: string; entities: { type: string; start: number; end: number }[] };
type VectorLine = { entity: string; text: string; count: number; spans: { start: number; end: number }[] };

const evalDir = fileURLToPath(new URL('../../../shared/eval/pii/', import.meta.url));
const readJsonLines = <T>(name: string): T[] =>
  readFileSync(`${evalDir}${name}`, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as T);

const structuredTypes = new Set(['KR_RRN', 'KR_FRN', 'KR_BRN', 'KR_PASSPORT', 'KR_DRIVER_LICENSE', 'PHONE', 'EMAIL', 'CREDIT_CARD',
  'BANK_ACCOUNT', 'KR_VEHICLE_PLATE', 'IP_ADDRESS', 'KR_ADDRESS']);
const format = (value: number) => value.toFixed(3);

function evaluateDevSet(lines: GoldLine[], verbose: boolean): void {
  const total = new Map<string, TypeCounts>();
  for (const line of lines) {
    const predicted = detectPii(line.text).entities;
    const counts = matchSpans(line.entities, predicted);
    addCounts(total, counts);
    if (verbose && [...counts.values()].some((entry) => entry.falsePositives || entry.falseNegatives)) {
      console.log(line.id, JSON.stringify(line.text));
      console.log('   gold', line.entities.map((entity) => `${entity.type}:${line.text.slice(entity.start, entity.end)}`).join(' | '));
      console.log('   pred', predicted.map((entity) => `${entity.type}:${line.text.slice(entity.start, entity.end)}@${entity.score}`).join(' | '));
    }
  }
  console.log(`\nkr-pii-dev.jsonl (${lines.length} lines): span overlap >= 80% of gold, same type\n`);
  console.log('| type | gold | TP | FP | FN | precision | recall | F1 |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const row = (name: string, counts: TypeCounts) => {
    const result = precisionRecall(counts);
    console.log(`| ${name} | ${counts.truePositives + counts.falseNegatives} | ${counts.truePositives} | ${counts.falsePositives} | ${counts.falseNegatives} | ${format(result.precision)} | ${format(result.recall)} | ${format(result.f1)} |`);
  };
  for (const type of [...total.keys()].sort()) row(type, total.get(type)!);
  row('structured (all but PERSON)', sumCounts([...total].filter(([type]) => structuredTypes.has(type)).map(([, counts]) => counts)));
  row('**overall**', sumCounts(total.values()));
}

function evaluatePresidioVectors(vectors: VectorLine[]): void {
  const failures: string[] = [];
  for (const vector of vectors) {
    const found = detectPii(vector.text).entities.filter((entity) => entity.type === (vector.entity as PiiType));
    const spansMatch = found.length === vector.count &&
      vector.spans.every((span, index) => found[index]?.start === span.start && found[index]?.end === span.end);
    if (!spansMatch) failures.push(`${vector.entity} ${JSON.stringify(vector.text)} expected ${vector.count}, got ${JSON.stringify(found)}`);
  }
  console.log(`\npresidio-kr-vectors.jsonl: ${vectors.length - failures.length}/${vectors.length} behave as expected (count and exact spans)`);
  for (const failure of failures) console.log(`  FAIL ${failure}`);
}

/**
 * Throughput on one core once the JIT has settled: V8 keeps optimising for the first ~10,000 calls (a 3-round
 * warm-up measured that, at a third of the steady speed), so 20 rounds run first. Throughput is timed over whole
 * rounds (a clock read around every call would add its own cost to short texts); the percentiles come from 5 more
 * rounds timed call by call.
 */
function measureThroughput(title: string, texts: string[]): void {
  for (let round = 0; round < 20; round++) for (const text of texts) detectPii(text);
  const rounds = 10;
  const bytes = texts.reduce((total, text) => total + Buffer.byteLength(text), 0) * rounds;
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) for (const text of texts) detectPii(text);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const durations: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const text of texts) {
      const before = process.hrtime.bigint();
      detectPii(text);
      durations.push(Number(process.hrtime.bigint() - before) / 1000);
    }
  }
  durations.sort((a, b) => a - b);
  const percentile = (share: number) => durations[Math.min(durations.length - 1, Math.floor(share * durations.length))]!;
  const characters = texts.reduce((total, text) => total + text.length, 0);
  console.log(`\nthroughput, ${title} (one core, ${texts.length} texts × ${rounds} rounds, mean ${Math.round(characters / texts.length)} chars):`);
  console.log(`  ${Math.round((texts.length * rounds) / seconds)} texts/s, ${(bytes / seconds / 1e6).toFixed(1)} MB/s (UTF-8)`);
  console.log(`  per text: p50 ${percentile(0.5).toFixed(1)} µs, p95 ${percentile(0.95).toFixed(1)} µs, p99 ${percentile(0.99).toFixed(1)} µs`);
}

/** Prompts of 4 KB (UTF-8) cut from the NIA report: long Korean prose, the gateway's usual input. */
function reportPrompts(count: number): string[] {
  const report = readFileSync(fileURLToPath(new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url)), 'utf8');
  const prompts: string[] = [];
  for (let start = 0; prompts.length < count && start < report.length; start += Math.floor(report.length / count)) {
    let end = start;
    let size = 0;
    while (end < report.length && size + Buffer.byteLength(report[end]!) <= 4096) size += Buffer.byteLength(report[end++]!);
    prompts.push(report.slice(start, end));
  }
  return prompts;
}

const devLines = readJsonLines<GoldLine>('kr-pii-dev.jsonl');
evaluateDevSet(devLines, process.argv.includes('--verbose'));
evaluatePresidioVectors(readJsonLines<VectorLine>('presidio-kr-vectors.jsonl'));
measureThroughput('kr-pii-dev sentences', devLines.map((line) => line.text));
measureThroughput('4 KB prompts from the NIA report', reportPrompts(200));
