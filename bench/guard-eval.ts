/**
 * Guard quality and speed on the development sets (`npm run bench:guard`): share flagged (caution or block) per
 * category, share of benign flagged, and latency per prompt of the whole input chain.
 * The committed classifier is trained on every development line (`npm run train:guard`), so quality is measured by
 * cross-fitting: the lines are cut into folds (`--folds N`, default 4; src/guard/classifier/dev-split.ts), and each
 * fold is judged by a model trained with the same recipe (bench/guard-training.ts) on the other folds, the rules as
 * they are; `--fold-seed S` draws another assignment of lines to folds. `--shipped` also reports the committed model on every line (seen in training: optimistic);
 * `--verbose` prints every miss. `--config FILE --tenant ID` measures that tenant's guard as the server builds it,
 * with its LLM judge when its policy turns one on (the judge model must be reachable through the file's providers;
 * latency then includes its calls).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildTenantGuards } from '../src/api/chat-guard.js';
import { loadConfig } from '../src/core/index.js';
import { devFoldOf } from '../src/guard/classifier/dev-split.js';
import { defaultGuardChecks, defaultGuardPolicy, runGuardChain, type GuardCheck, type GuardDecision } from '../src/guard/index.js';
import { buildModelRouter } from '../src/models/index.js';
import { readGuardDevSets, type DevExample } from './guard-dev-sets.js';
import { trainGuardModel, withSafetyModel } from './guard-training.js';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const configFile = argument('--config');
const tenant = argument('--tenant');

function tenantGuard() {
  if (configFile === undefined) return { checks: defaultGuardChecks(defaultGuardPolicy), policy: defaultGuardPolicy, label: 'default policy' };
  const config = loadConfig({ configFile });
  const { fallback, perTenant } = buildTenantGuards(config, buildModelRouter(config));
  const guard = (tenant !== undefined ? perTenant.get(tenant) : undefined) ?? fallback;
  const judge = guard.policy.checks.judge?.enabled ? `, LLM judge ${guard.policy.checks.judge.model}` : '';
  return { ...guard, label: `policy of ${tenant !== undefined && perTenant.has(tenant) ? `tenant ${tenant}` : 'guard.default'} in ${configFile}${judge}` };
}

const { checks, policy, label } = tenantGuard();
const verbose = process.argv.includes('--verbose');

async function decide(text: string, withChecks: GuardCheck[] = checks): Promise<GuardDecision> {
  return runGuardChain({ checks: withChecks, policy, input: { text, zone: 'internal', direction: 'input' } });
}

/** The chain with the classifier (injection and safety checks) replaced by one trained on every fold but `fold`. */
function foldChecks(examples: readonly DevExample[], fold: number, folds: number, seed: number): GuardCheck[] {
  const model = trainGuardModel(examples.filter((example) => devFoldOf(example.text, folds, seed) !== fold), `folds other than ${fold} of ${folds}`);
  return withSafetyModel(checks, policy, model);
}

async function report(title: string, examples: DevExample[], checksFor: (example: DevExample) => GuardCheck[] = () => checks): Promise<void> {
  const rows = new Map<string, { total: number; flagged: number; blocked: number }>();
  const durations: number[] = [];
  let judged = 0;
  for (const example of examples) {
    const started = performance.now();
    const decision = await decide(example.text, checksFor(example));
    durations.push(performance.now() - started);
    if (decision.results.some((result) => result.check === 'judge')) judged++;
    const key = `${example.set} / ${example.category}`;
    const row = rows.get(key) ?? { total: 0, flagged: 0, blocked: 0 };
    row.total++;
    const flagged = decision.verdict !== 'allow';
    if (flagged) row.flagged++;
    if (decision.verdict === 'block') row.blocked++;
    rows.set(key, row);
    if (verbose && flagged !== (example.label !== 'allow')) {
      console.log(`MISS ${example.id} ${example.category} → ${decision.verdict} [${decision.categories.join(',')}] ${JSON.stringify(example.text.slice(0, 120))}`);
    }
  }
  console.log(`\n${title} (${examples.length} prompts, input chain, zone internal, ${label})\n`);
  console.log('| set / category | expected | prompts | flagged | blocked |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  const expected = new Map(examples.map((example) => [`${example.set} / ${example.category}`, example.label]));
  for (const [key, row] of [...rows].sort()) {
    console.log(`| ${key} | ${expected.get(key)} | ${row.total} | ${share(row.flagged, row.total)} | ${share(row.blocked, row.total)} |`);
  }
  const sum = (filter: (example: DevExample) => boolean) => {
    const keys = new Set(examples.filter(filter).map((example) => `${example.set} / ${example.category}`));
    return [...keys].reduce((total, key) => ({ total: total.total + rows.get(key)!.total, flagged: total.flagged + rows.get(key)!.flagged }), { total: 0, flagged: 0 });
  };
  const benign = sum((example) => example.label === 'allow');
  const harmful = sum((example) => example.category === 'harmful' || example.category === 'hate');
  const injection = sum((example) => example.set === 'injection' && example.label !== 'allow');
  const caution = sum((example) => example.label === 'caution');
  console.log(`\nharmful + hate flagged: ${share(harmful.flagged, harmful.total)}; jailbreak + injection flagged: ${share(injection.flagged, injection.total)}; caution categories flagged: ${share(caution.flagged, caution.total)}; **benign flagged (false positives): ${share(benign.flagged, benign.total)}** (${benign.flagged}/${benign.total})`);
  if (checks.some((check) => check.name === 'judge')) {
    console.log(`LLM judge consulted on ${judged}/${examples.length} prompts (${share(judged, examples.length)}); the rest were blocked by the rule checks first`);
  }
  printLatency('latency per prompt (these prompts)', durations);
}

/**
 * Written benign probes (bench/guard-probes.json, never trained on): statements about peoples and English text, two
 * kinds of false positive the development sets hardly contain. Every one should be allowed.
 */
async function reportProbes(): Promise<void> {
  const probes = JSON.parse(readFileSync(new URL('../../bench/guard-probes.json', import.meta.url), 'utf8')) as Record<string, string[] | string>;
  const lines: string[] = [];
  for (const [group, texts] of Object.entries(probes)) {
    if (!Array.isArray(texts)) continue;
    let flagged = 0;
    for (const text of texts) {
      const decision = await decide(text);
      if (decision.verdict === 'allow') continue;
      flagged++;
      if (verbose) console.log(`PROBE ${group} → ${decision.verdict} [${decision.categories.join(',')}] ${JSON.stringify(text.slice(0, 120))}`);
    }
    lines.push(`${group} ${flagged}/${texts.length}`);
  }
  console.log(`
written benign probes flagged (bench/guard-probes.json, not trained on; should be 0): ${lines.join(', ')}`);
}

async function latencyFor4KiBPrompts(examples: DevExample[]): Promise<void> {
  // 4 KB prompts built from the benign and caution sentences, as a long question with context would look.
  const sentences = examples.map((example) => example.text);
  const prompts: string[] = [];
  // 2,000 prompts, so the 99th percentile rests on 20 of them.
  for (let index = 0; prompts.length < 2000; index++) {
    let prompt = '';
    for (let offset = 0; Buffer.byteLength(prompt) < 4096; offset++) prompt += `${sentences[(index * 7 + offset) % sentences.length]} `;
    prompts.push(prompt.slice(0, 1400));
  }
  for (const prompt of prompts.slice(0, 300)) await decide(prompt); // long prompts take other paths: warm them up too
  const durations: number[] = [];
  const withoutPii: number[] = [];
  const perCheck = new Map<string, number[]>();
  for (const prompt of prompts) {
    const started = performance.now();
    const decision = await decide(prompt);
    durations.push(performance.now() - started);
    let others = 0;
    for (const result of decision.results) {
      // Appended in place: copying the arrays here made garbage, and the collector's pauses landed in the timings.
      const times = perCheck.get(result.check) ?? [];
      times.push(result.durationMs);
      perCheck.set(result.check, times);
      if (result.check !== 'pii') others += result.durationMs;
    }
    withoutPii.push(others);
  }
  printLatency(`latency per 4 KB prompt (${prompts.length} prompts, ~${Buffer.byteLength(prompts[0]!)} bytes UTF-8)`, durations);
  // The checks' own times (the chain adds little around them): PII detection is its own module and budget.
  printLatency('  of which the checks other than pii', withoutPii);
  for (const [name, times] of perCheck) printLatency(`  check ${name}`, times);
  // What the code itself costs per prompt: the fastest of three runs drops collector pauses and other processes.
  const fastest = prompts.map(() => Infinity);
  for (let round = 0; round < 3; round++) {
    for (const [index, prompt] of prompts.entries()) {
      const started = performance.now();
      await decide(prompt);
      fastest[index] = Math.min(fastest[index]!, performance.now() - started);
    }
  }
  printLatency('  fastest of 3 runs per prompt', fastest);
}

function printLatency(title: string, durations: number[]): void {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  console.log(`${title}: p50 ${format(at(0.5))} ms, p95 ${format(at(0.95))} ms, p99 ${format(at(0.99))} ms`);
}

const share = (part: number, whole: number) => (whole === 0 ? '-' : (part / whole).toFixed(3));
const format = (milliseconds: number) => milliseconds.toFixed(3);

const examples = readGuardDevSets();
const folds = Number(argument('--folds') ?? 4);
// Folds come from the first byte of a hash: more than 256 would leave some empty.
if (!Number.isInteger(folds) || folds < 2 || folds > 256) throw new Error('--folds must be an integer from 2 to 256');
// `--fold-seed S`: another assignment of lines to folds (0, the default, is the one BENCHMARKS.md reports).
const foldSeed = Number(argument('--fold-seed') ?? 0);
if (!Number.isInteger(foldSeed) || foldSeed < 0) throw new Error('--fold-seed must be a non-negative integer');
// Warm up the JIT and load the model before timing.
for (const example of examples.slice(0, 200)) await decide(example.text);
const started = performance.now();
const checksByFold = Array.from({ length: folds }, (_, fold) => foldChecks(examples, fold, folds, foldSeed));
console.log(`trained ${folds} fold models in ${((performance.now() - started) / 1000).toFixed(1)} s`);
await report(`Cross-fitted over ${folds} folds${foldSeed ? ` (fold seed ${foldSeed})` : ''} (each line judged by a model that never saw it)`, examples,
  (example) => checksByFold[devFoldOf(example.text, folds, foldSeed)]!);
if (process.argv.includes('--shipped')) await report('The committed model on every line (seen in training: optimistic)', examples);
await reportProbes();
await latencyFor4KiBPrompts(examples);
