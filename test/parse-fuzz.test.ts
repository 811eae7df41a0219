import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

/**
 * Random byte mutations of every fixture for a bounded time (KGOV_FUZZ_SECONDS, default 5). Each
 * parse must return a result — never throw — within `perParseTimeoutMs`; a parse that takes longer
 * counts as a hang and the worker is killed. The seed is printed so a failure can be replayed.
 */
const seconds = Number(process.env.KGOV_FUZZ_SECONDS ?? 5);
// Fixtures parse in milliseconds; 5 s allows a slow CI machine and pdf.js's start-up, and still catches loops.
const perParseTimeoutMs = 5_000;

test(`fuzz: mutated fixtures never throw or hang (${seconds} s)`, { timeout: (seconds + 60) * 1000 }, async (context) => {
  const seed = Number(process.env.KGOV_FUZZ_SEED ?? Date.now() % 2 ** 31);
  context.diagnostic(`seed ${seed} (replay with KGOV_FUZZ_SEED=${seed})`);
  const worker = new Worker(new URL('./parse-fuzz-worker.js', import.meta.url), { workerData: { seconds, seed }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  const outcome = await new Promise<{ cases: number; accepted: number; problem?: string }>((resolve) => {
    let current = '';
    let accepted = 0;
    let watchdog: NodeJS.Timeout | undefined;
    const finish = (value: { cases: number; accepted: number; problem?: string }) => {
      clearTimeout(watchdog);
      void worker.terminate();
      resolve(value);
    };
    worker.on('message', (message: { kind: string; case?: unknown; ok?: boolean; error?: string; cases?: number }) => {
      if (message.kind === 'start') {
        current = JSON.stringify(message.case);
        clearTimeout(watchdog);
        watchdog = setTimeout(() => finish({ cases: -1, accepted, problem: `hang over ${perParseTimeoutMs} ms on ${current}` }), perParseTimeoutMs);
      } else if (message.kind === 'done') {
        clearTimeout(watchdog);
        if (message.ok) accepted += 1;
      } else if (message.kind === 'threw') finish({ cases: -1, accepted, problem: `threw ${message.error} on ${JSON.stringify(message.case)}` });
      else if (message.kind === 'finished') finish({ cases: message.cases ?? 0, accepted });
    });
    worker.on('error', (error) => finish({ cases: -1, accepted, problem: `worker crashed (${String(error)}) on ${current}` }));
  });
  assert.equal(outcome.problem, undefined, outcome.problem);
  context.diagnostic(`${outcome.cases} mutated files parsed, ${outcome.accepted} still readable`);
  assert.ok(outcome.cases > 10);
});
