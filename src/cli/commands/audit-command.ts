import { Command, Option } from 'commander';
import { auditCheckpointFile, listAuditRecords, readAuditCheckpoint, verifyAuditLog, type AuditOutcome, type AuditProblem } from '../../audit/index.js';
import { KgovError, readTimeBound } from '../../core/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { withDatabase } from '../runtime.js';
import type { Queryable } from '../../store/index.js';

export function describeProblem(problem: AuditProblem): string {
  return message(`audit.problem.${problem.kind}`, problem);
}

export function auditCommand(): Command {
  const audit = newCommand('audit').description(message('audit.description'));
  audit.addCommand(
    withCommonOptions(newCommand('verify'))
      .description(message('audit.verify.description'))
      .option('--json', message('option.json'))
      .action(async (options: { json?: boolean; data?: string; config?: string }) => {
        // The checkpoint kept outside the database is read first and not moved by this command: a verification
        // must not bless the chain it is checking.
        const { result, checkpoint, file } = await withDatabase(options, async (database, config) => {
          const file = auditCheckpointFile(config);
          const checkpoint = readAuditCheckpoint(file);
          return { result: await verifyAuditLog(database, { checkpoint }), checkpoint, file };
        }, { checkpoint: false });
        if (options.json) {
          printLine(JSON.stringify({ ...result, checkpoint: checkpoint ? { ...checkpoint, file } : null }));
        } else if (result.ok) {
          printLine(message('audit.ok', result));
          printLine(checkpoint ? message('audit.checkpoint', { ...checkpoint, file }) : message('audit.noCheckpoint', { file }));
        } else {
          process.stderr.write(`${message('audit.broken', { count: result.problems.length, records: result.records })}\n`);
          for (const problem of result.problems) process.stderr.write(`  ${describeProblem(problem)}\n`);
        }
        if (!result.ok) process.exitCode = 1;
      }),
  );
  audit.addCommand(
    withCommonOptions(newCommand('list'))
      .description(message('audit.list.description'))
      .option('--tenant <id>', message('audit.list.tenant'))
      .option('--since <time>', message('audit.list.since'))
      .option('--until <time>', message('audit.list.until'))
      .option('--action <action>', message('audit.list.action'))
      .option('--actor <actor>', message('audit.list.actor'))
      .addOption(new Option('--outcome <outcome>', message('audit.list.outcome')).choices(['success', 'failure', 'denied']))
      .option('--limit <n>', message('audit.list.limit'))
      .option('--after <seq>', message('audit.list.after'))
      .option('--jsonl', message('audit.list.jsonl'))
      .action(async (options: AuditListOptions) => {
        // Every matching record by default: an auditor's listing is never cut short in silence.
        const limit = options.limit === undefined ? Number.POSITIVE_INFINITY : parseCount(options.limit, '--limit');
        const since = options.since === undefined ? undefined : parseTime(options.since, '--since');
        const until = options.until === undefined ? undefined : parseTime(options.until, '--until');
        let after = options.after === undefined ? undefined : parseCount(options.after, '--after', 0);
        await withDatabase(options, async (database) => {
          if (options.tenant !== undefined) {
            const [tenant] = await database.query<{ id: string }>('SELECT id FROM tenants WHERE id = $1', [options.tenant]);
            if (!tenant) throw new KgovError('tenant_not_found', { tenant: options.tenant });
          }
          const actor = options.actor === undefined ? undefined : await resolveActor(database, options.actor, options.tenant);
          let printed = 0;
          // A page at a time, so a long log is listed in bounded memory.
          for (;;) {
            const page = await listAuditRecords(database, {
              limit: pageSize, ...(after !== undefined ? { after } : {}), ...(options.tenant ? { tenantId: options.tenant } : {}),
              ...(since ? { since } : {}), ...(until ? { until } : {}), ...(options.action ? { action: options.action } : {}),
              ...(actor ? { actor } : {}), ...(options.outcome ? { outcome: options.outcome as AuditOutcome } : {}),
            });
            for (const record of page) {
              if (printed === limit) {
                // More records match than --limit allows: say so, and where to go on from.
                process.stderr.write(`${message('audit.list.more', { limit, after: after ?? 0 })}\n`);
                return;
              }
              printLine(options.jsonl ? JSON.stringify(record)
                : [record.seq, record.at, record.tenantId ?? '-', record.actor, record.action, record.target ?? '-', record.outcome, JSON.stringify(record.detail)].join('\t'));
              printed++;
              after = record.seq;
            }
            if (page.length < pageSize) return;
          }
        });
      }),
  );
  return audit;
}

type AuditListOptions = {
  tenant?: string; since?: string; until?: string; action?: string; actor?: string; outcome?: string; limit?: string; after?: string; jsonl?: boolean;
  data?: string; config?: string;
};

const pageSize = 1000;

/** A whole number of at least `least` (no upper bound: an audit log has as many records as it has). */
function parseCount(value: string, name: string, least = 1): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < least) throw new KgovError('usage', { detail: message('usage.badCount', { name, value, least }) });
  return number;
}

/**
 * `--actor` as the log stores it (`user:u_…`, `key:…`, `operator:…`), or a username (`hong`), which is read as that
 * user's `user:<id>`: with `--tenant` in that tenant, otherwise the one user of that name (two tenants' users of the
 * same name need `--tenant`).
 */
async function resolveActor(database: Queryable, actor: string, tenantId: string | undefined): Promise<string> {
  if (actor.includes(':')) return actor;
  const users = await database.query<{ id: string; tenant_id: string }>(
    `SELECT id, tenant_id FROM users WHERE username = $1${tenantId === undefined ? '' : ' AND tenant_id = $2'}`, tenantId === undefined ? [actor] : [actor, tenantId]);
  if (users.length === 0) throw new KgovError('user_not_found', { user: actor });
  if (users.length > 1) throw new KgovError('usage', { detail: message('audit.list.actorAmbiguous', { actor, tenants: users.map((user) => user.tenant_id).sort().join(', ') }) });
  return `user:${users[0]!.id}`;
}

/** An ISO date or time (`2026-11-01`, `2026-11-01T09:00:00+09:00`), or a span back from now (`30d`, `12h`, `15m`). */
function parseTime(value: string, option: string): Date {
  const time = readTimeBound(value);
  if (!time) throw new KgovError('usage', { detail: message('audit.list.badTime', { option, value }) });
  return time;
}
