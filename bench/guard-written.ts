/**
 * The guard on texts written for the project and never trained on (`npm run bench:guard-written`): 1,739 Korean and
 * English prompts that two helpers wrote in session 17 without seeing the evaluation sets (bench/guard-written.jsonl):
 * news and entertainment comments (hateful, offensive, benign with the same words) and chatbot requests (harmful in
 * every topic of the report's taxonomy, benign look-alikes and everyday civil-service work, sensitive questions).
 * The development sets measure what their sources hold; these measure how far the guard carries beyond them.
 * Prints, per set, the share flagged (caution or block) and blocked; `--verbose` prints each text whose decision is
 * not what its set expects.
 */
import { readFileSync } from 'node:fs';
import { defaultGuardChecks, defaultGuardPolicy, runGuardChain } from '../src/guard/index.js';

type Row = { id: string; set: string; text: string; topic?: string };

const expected: Record<string, 'flag' | 'allow' | 'either'> = {
  'comments-hate': 'flag', 'comments-offensive': 'flag', 'comments-benign': 'allow', 'requests-benign-near': 'allow',
  'requests-harmful': 'flag', 'requests-benign-hard': 'allow', 'requests-caution': 'either',
};
const rows = readFileSync(new URL('../../bench/guard-written.jsonl', import.meta.url), 'utf8')
  .split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Row);
const verbose = process.argv.includes('--verbose');
const checks = defaultGuardChecks(defaultGuardPolicy);
const totals = new Map<string, { total: number; flagged: number; blocked: number }>();
for (const row of rows) {
  const decision = await runGuardChain({ checks, policy: defaultGuardPolicy, input: { text: row.text, zone: 'internal', direction: 'input' } });
  const entry = totals.get(row.set) ?? { total: 0, flagged: 0, blocked: 0 };
  entry.total++;
  if (decision.verdict !== 'allow') entry.flagged++;
  if (decision.verdict === 'block') entry.blocked++;
  totals.set(row.set, entry);
  const wanted = expected[row.set];
  const wrong = (wanted === 'flag' && decision.verdict === 'allow') || (wanted === 'allow' && decision.verdict !== 'allow');
  if (verbose && wrong) console.log(`${row.id} → ${decision.verdict} [${decision.categories.join(',')}] ${JSON.stringify(row.text)}`);
}
console.log(`\n${rows.length} written prompts (bench/guard-written.jsonl), input chain, zone internal, default policy\n`);
console.log('| set | expected | prompts | flagged | blocked |\n| --- | --- | ---: | ---: | ---: |');
for (const [set, { total, flagged, blocked }] of totals) {
  console.log(`| ${set} | ${expected[set] ?? '?'} | ${total} | ${(flagged / total).toFixed(3)} | ${(blocked / total).toFixed(3)} |`);
}
