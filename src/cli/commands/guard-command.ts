import { Command } from 'commander';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { routerJudgeModel } from '../../api/judge-model.js';
import { configFileFromEnv, KgovError, loadConfig, type KgovConfig } from '../../core/index.js';
import {
  defaultGuardChecks, judgeSettingsFor, parseGuardPolicy, runGuardChain, withCheckTimeouts,
  type GuardCheck, type GuardDirection, type GuardPolicy, type GuardResult, type GuardZone,
} from '../../guard/index.js';
import { jsonLines } from '../input-lines.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';

/** One request line of `kgov guard check --jsonl` (the public contract in DESIGN.md). */
// A line without an id is answered with `"id": null`, as kgov search does.
const checkRequest = z.object({ id: z.union([z.string(), z.number()]).nullish(), text: z.string() });

type CheckOptions = { jsonl?: boolean; zone?: string; direction?: string; policy?: string; tenant?: string; timeoutMs?: string; data?: string; config?: string };
type Setup = { checks: GuardCheck[]; policy: GuardPolicy; zone: GuardZone; direction: GuardDirection };

export function guardCommand(): Command {
  const guard = newCommand('guard').description(message('guard.description'));
  guard.addCommand(
    // No data directory or database is opened, so checks can run beside a live server. A policy with the LLM judge
    // calls the judge model of the configuration's providers (--config), as the server does.
    withCommonOptions(newCommand('check'))
      .description(message('guard.check.description'))
      .option('--jsonl', message('guard.check.jsonl'))
      .option('--zone <zone>', message('guard.check.zone'), 'internal')
      .option('--direction <direction>', message('guard.check.direction'), 'input')
      .option('--policy <file>', message('guard.check.policy'))
      .option('--tenant <id>', message('guard.check.tenant'))
      .option('--timeout-ms <ms>', message('guard.check.timeout'))
      .action(async (options: CheckOptions) => {
        const setup = await prepare(options);
        const failed = options.jsonl ? await checkJsonLines(setup) : await checkPlainText(setup);
        if (failed > 0) {
          process.stderr.write(`${message('guard.check.failedLines', { count: failed })}\n`);
          process.exitCode = 1;
        }
      }),
  );
  return guard;
}

async function prepare(options: CheckOptions): Promise<Setup> {
  if (options.zone !== 'internal' && options.zone !== 'external') {
    throw new KgovError('usage', { detail: message('guard.check.badZone', { value: options.zone }) });
  }
  if (options.direction !== 'input' && options.direction !== 'output') {
    throw new KgovError('usage', { detail: message('guard.check.badDirection', { value: options.direction }) });
  }
  if (options.policy !== undefined && options.tenant !== undefined) {
    throw new KgovError('usage', { detail: message('guard.check.policyOrTenant') });
  }
  // Tenant policies live only in the server's configuration file (guard.tenants.ID), which this command cannot find
  // by itself. Without --config (or KGOV_CONFIG) the tenant would silently get the built-in default policy: a verdict an auditor
  // would take for the tenant's own. Refused instead; leaving out --tenant asks for the default policy openly.
  if (options.tenant !== undefined && options.config === undefined && configFileFromEnv() === undefined) {
    throw new KgovError('usage', { detail: message('guard.check.tenantNeedsConfig', { tenant: options.tenant }) });
  }
  let config: KgovConfig | undefined;
  const configuration = () => (config ??= loadConfig({ configFile: options.config, dataDir: options.data }));
  const [chosen, source] = options.tenant !== undefined
    ? [tenantPolicy(configuration(), options.tenant), `guard.tenants.${options.tenant}`]
    : [readPolicy(options.policy), options.policy ?? '(default)'];
  const policy = options.timeoutMs === undefined ? chosen : withTimeout(chosen, options.timeoutMs);
  // The router (and an embedded model's file check) only when a judge needs it; its providers' modules too (HTTP
  // client, llama.cpp binding: a few hundred milliseconds of every call that loaded them without a judge).
  const judgeModel = judgeSettingsFor(policy).enabled
    ? routerJudgeModel((await import('../../models/build-router.js')).buildModelRouter(configuration()), `${source}.checks.judge`)
    : undefined;
  return { checks: defaultGuardChecks(policy, { judgeModel }), policy, zone: options.zone, direction: options.direction };
}

/** `--timeout-ms`: every check's time limit (`withCheckTimeouts`), validated here. */
function withTimeout(policy: GuardPolicy, value: string): GuardPolicy {
  const timeoutMs = Number(value);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new KgovError('usage', { detail: message('guard.check.badTimeout', { value }) });
  }
  return withCheckTimeouts(policy, timeoutMs);
}

/** The tenant's policy as the server builds it: `guard.default` with `guard.tenants.ID` over it. */
function tenantPolicy(config: KgovConfig, tenantId: string): GuardPolicy {
  const parsed = parseGuardPolicy({ ...(config.guard.default ?? {}), ...(config.guard.tenants[tenantId] ?? {}) });
  if (!parsed.ok) throw new KgovError('config_invalid', { source: `guard.tenants.${tenantId}`, detail: parsed.issues.join('; ') });
  return parsed.policy;
}

function readPolicy(path: string | undefined): GuardPolicy {
  let raw: unknown = {};
  if (path !== undefined) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KgovError('path_not_found', { file: path });
      throw new KgovError('config_unreadable', { source: path, detail: (error as Error).message });
    }
    try {
      raw = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
    } catch (error) {
      throw new KgovError('guard_policy_invalid', { detail: `${path}: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  const parsed = parseGuardPolicy(raw);
  if (!parsed.ok) throw new KgovError('guard_policy_invalid', { detail: parsed.issues.join('; ') });
  return parsed.policy;
}

type CheckAnswer =
  | { id: string | number | null; decision: 'allow' | 'caution' | 'block'; categories: string[] }
  | { id: string | number | null; error: { code: 'invalid_request'; message: string } };

/** Reads `{"id","text"}` lines and answers each in order; a bad line gets an error line and the rest go on. */
async function checkJsonLines(setup: Setup): Promise<number> {
  let failed = 0;
  for await (const line of jsonLines()) {
    const answer = await checkLine(line, setup);
    if ('error' in answer) failed++;
    if (!process.stdout.write(`${JSON.stringify(answer)}\n`)) await once(process.stdout, 'drain');
  }
  return failed;
}

async function checkLine(line: string, setup: Setup): Promise<CheckAnswer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { id: null, error: { code: 'invalid_request', message: message('guard.check.notJson') } };
  }
  const request = checkRequest.safeParse(parsed);
  if (!request.success) {
    const id = typeof parsed === 'object' && parsed !== null && 'id' in parsed ? idOf((parsed as { id: unknown }).id) : null;
    return { id, error: { code: 'invalid_request', message: message('guard.check.badRequest') } };
  }
  const decision = await decide(request.data.text, setup);
  const id = request.data.id ?? null;
  explainCheckErrors(id, decision.results);
  return { id, decision: decision.verdict, categories: decision.categories };
}

function decide(text: string, setup: Setup) {
  return runGuardChain({ checks: setup.checks, policy: setup.policy, input: { text, zone: setup.zone, direction: setup.direction } });
}

/** `check-error` alone does not say which check failed or why: one line on stderr does, per failed check. */
function explainCheckErrors(id: string | number | null, results: readonly GuardResult[]) {
  for (const result of results) {
    const failure = result.findings.find((finding) => finding.category === 'check-error');
    if (!failure) continue;
    const key = failure.kind === 'timeout' ? 'guard.check.timedOut' : 'guard.check.errored';
    process.stderr.write(`kgov: ${message(key, { id: String(id ?? '-'), check: result.check, ms: Math.round(result.durationMs) })}\n`);
  }
}

function idOf(value: unknown): string | number | null {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** Without --jsonl: the whole of stdin is one text; the decision and its categories on one line. */
async function checkPlainText(setup: Setup): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const decision = await decide(Buffer.concat(chunks).toString('utf8'), setup);
  explainCheckErrors(null, decision.results);
  printLine(message('guard.check.result', { decision: decision.verdict, categories: decision.categories.join(', ') }).trimEnd());
  return 0;
}
