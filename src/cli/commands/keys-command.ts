import { Command } from 'commander';
import { createApiKey, listApiKeys, parseClearance, parseExpiry, parseRole, revokeApiKey } from '../../auth/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { formatDate, printLine, printTable } from '../output.js';
import { operator, withDatabase } from '../runtime.js';

type CreateOptions = { tenant: string; role: string; clearance: string; groups?: string; name?: string; expires?: string; data?: string; config?: string };

export function keysCommand(): Command {
  const keys = newCommand('keys').description(message('keys.description'));
  keys.addCommand(
    withCommonOptions(newCommand('create'))
      .description(message('keys.create.description'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .requiredOption('--role <role>', message('option.role'))
      .requiredOption('--clearance <level>', message('option.clearance'))
      .option('--groups <groups>', message('option.groups'))
      .option('--name <name>', message('keys.create.name'))
      .option('--expires <when>', message('keys.create.expires'))
      .action(async (options: CreateOptions) => {
        const role = parseRole(options.role);
        const clearance = parseClearance(options.clearance);
        const expiresAt = options.expires ? parseExpiry(options.expires) : undefined;
        const { apiKey, key } = await withDatabase(options, (database) =>
          createApiKey(database, operator(), { tenantId: options.tenant, role, clearance, groups: options.groups, name: options.name, expiresAt }));
        printLine(message('keys.created', {
          id: apiKey.id, tenant: apiKey.tenantId, role: apiKey.role, clearance: apiKey.clearance,
          expires: apiKey.expiresAt ? formatDate(apiKey.expiresAt) : message('keys.never'),
        }));
        // The contract: the key alone, on the last line.
        printLine(key);
      }),
  );
  keys.addCommand(
    withCommonOptions(newCommand('list'))
      .description(message('keys.list.description'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--json', message('option.json'))
      .action(async (options: { tenant: string; json?: boolean; data?: string; config?: string }) => {
        const rows = await withDatabase(options, (database) => listApiKeys(database, operator(), options.tenant));
        if (options.json) return printLine(JSON.stringify(rows));
        if (rows.length === 0) return printLine(message('keys.none'));
        printTable(['ID', 'NAME', 'ROLE', 'CLEARANCE', 'GROUPS', 'CREATED', 'EXPIRES', 'REVOKED', 'LAST USED'], rows.map((key) => [
          key.id, key.name ?? '-', key.role, key.clearance, key.groups.join(',') || '-', formatDate(key.createdAt), formatDate(key.expiresAt),
          formatDate(key.revokedAt), formatDate(key.lastUsedAt),
        ]));
      }),
  );
  keys.addCommand(
    withCommonOptions(newCommand('revoke'))
      .description(message('keys.revoke.description'))
      .argument('<key>', message('keys.revoke.key'))
      .action(async (key: string, options: { data?: string; config?: string }) => {
        const revoked = await withDatabase(options, (database) => revokeApiKey(database, operator(), key));
        // The time it was revoked: revoking a key again is no error, and an earlier time shows it already was.
        printLine(message('keys.revoked', { id: revoked.id, at: formatDate(revoked.revokedAt) }));
      }),
  );
  return keys;
}
