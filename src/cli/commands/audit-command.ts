import { Command, Option } from 'commander';
import { auditCheckpointFile, listAuditRecords, readAuditCheckpoint, verifyAuditLog, type AuditOutcome, type AuditProblem } from '../../audit/index.js';
import { KgovError } from '../../core/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { parsePositiveInteger } from './search-command.js';
import { withDatabase } from '../runtime.js';

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
      .option('--limit <n>', message('audit.list.limit'), '1000')
      .option('--jsonl', message('audit.list.jsonl'))
      .action(async (options: AuditListOptions) => {
        const limit = parsePositiveInteger(options.limit, '--limit');
        const since = options.since === undefined ? undefined : parseTime(options.since, '--since');
        const until = options.until === undefined ? undefined : parseTime(options.until, '--until');
        await withDatabase(options, async (database) => {
          let after: number | undefined;
          let left = limit;
          // A page at a time, so a long log is listed in bounded memory.
          while (left > 0) {
            const page = await listAuditRecords(database, {
              limit: Math.min(1000, left), ...(after !== undefined ? { after } : {}), ...(options.tenant ? { tenantId: options.tenant } : {}),
              ...(since ? { since } : {}), ...(until ? { until } : {}), ...(options.action ? { action: options.action } : {}),
              ...(options.actor ? { actor: options.actor } : {}), ...(options.outcome ? { outcome: options.outcome as AuditOutcome } : {}),
            });
            for (const record of page) {
              printLine(options.jsonl ? JSON.stringify(record)
                : [record.seq, record.at, record.tenantId ?? '-', record.actor, record.action, record.target ?? '-', record.outcome, JSON.stringify(record.detail)].join('\t'));
            }
            left -= page.length;
            if (page.length < Math.min(1000, left + page.length)) break;
            after = page.at(-1)!.seq;
          }
        });
      }),
  );
  return audit;
}

type AuditListOptions = { tenant?: string; since?: string; until?: string; action?: string; actor?: string; outcome?: string; limit: string; jsonl?: boolean; data?: string; config?: string };

/** An ISO date or time (`2026-11-01`, `2026-11-01T09:00:00+09:00`), or a span back from now (`30d`, `12h`, `15m`). */
function parseTime(value: string, option: string): Date {
  const span = /^(\d{1,5})([dhm])$/.exec(value.trim());
  if (span) return new Date(Date.now() - Number(span[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[span[2] as 'd' | 'h' | 'm']);
  // A bare date is the start of that day in Korea, as an agency reads its calendar.
  const time = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? new Date(`${value.trim()}T00:00:00+09:00`) : new Date(value);
  if (Number.isNaN(time.getTime())) throw new KgovError('usage', { detail: message('audit.list.badTime', { option, value }) });
  return time;
}
