import { Command } from 'commander';
import { requireTenant } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { usageReport } from '../../models/usage-meter.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine, printTable } from '../output.js';
import { withDatabase } from '../runtime.js';

type UsageOptions = { tenant: string; from?: string; to?: string; json?: boolean; data?: string; config?: string };

/**
 * `kgov usage`: the rows of `GET /api/usage`, for an operator at the server. Days are calendar days in Asia/Seoul, as
 * the gateway meters them (usage-meter.ts), so a call at 01:30 KST counts for that Korean day on both.
 */
export function usageCommand(): Command {
  return withCommonOptions(newCommand('usage'))
    .description(message('meter.description'))
    .requiredOption('--tenant <id>', message('option.tenant'))
    .option('--from <date>', message('meter.from'))
    .option('--to <date>', message('meter.to'))
    .option('--json', message('option.json'))
    .action(async (options: UsageOptions) => {
      const from = calendarDay('--from', options.from);
      const to = calendarDay('--to', options.to);
      const rows = await withDatabase(options, async (database) => {
        await requireTenant(database, options.tenant);
        return usageReport(database, { tenantId: options.tenant, from, to });
      });
      if (options.json) return printLine(JSON.stringify(rows));
      if (rows.length === 0) return printLine(message('meter.none'));
      printTable(['DAY (KST)', 'KEY', 'MODEL', 'REQUESTS', 'PROMPT TOKENS', 'COMPLETION TOKENS'], rows.map((row) => [
        row.day, row.keyId, row.model, String(row.requests), String(row.promptTokens), String(row.completionTokens),
      ]));
    });
}

function calendarDay(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) throw new KgovError('usage', { detail: message('meter.badDate', { option, value }) });
  return value;
}
