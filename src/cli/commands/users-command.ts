import { Command } from 'commander';
import { createUser, deleteUser, listUsers, parseClearance, parseRole, updateUser } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { formatDate, printLine, printTable } from '../output.js';
import { operator, readStdin, withDatabase } from '../runtime.js';

type CreateOptions = {
  tenant: string; role: string; clearance: string; groups?: string; name?: string; passwordStdin?: boolean; data?: string; config?: string;
};

export function usersCommand(): Command {
  const users = newCommand('users').description(message('users.description'));
  users.addCommand(
    withCommonOptions(newCommand('create'))
      .description(message('users.create.description'))
      .argument('<username>', message('users.create.username'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .requiredOption('--role <role>', message('option.role'))
      .requiredOption('--clearance <level>', message('option.clearance'))
      .option('--groups <groups>', message('option.groups'))
      .option('--name <displayName>', message('users.create.displayName'))
      .option('--password-stdin', message('users.create.passwordStdin'))
      .action(async (username: string, options: CreateOptions) => {
        const role = parseRole(options.role);
        const clearance = parseClearance(options.clearance);
        const password = options.passwordStdin ? await passwordFromStdin() : undefined;
        const user = await withDatabase(options, (database, config) =>
          createUser(database, operator(), { tenantId: options.tenant, username, displayName: options.name, role, clearance, groups: options.groups, password }, config.auth));
        printLine(message('users.created', { username: user.username, tenant: user.tenantId, role: user.role, clearance: user.clearance }));
      }),
  );
  users.addCommand(
    withCommonOptions(newCommand('list'))
      .description(message('users.list.description'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--json', message('option.json'))
      .action(async (options: { tenant: string; json?: boolean; data?: string; config?: string }) => {
        const rows = await withDatabase(options, (database) => listUsers(database, operator(), options.tenant));
        if (options.json) return printLine(JSON.stringify(rows));
        if (rows.length === 0) return printLine(message('users.none'));
        printTable(['USERNAME', 'NAME', 'ROLE', 'CLEARANCE', 'GROUPS', 'PASSWORD', 'LOCKED UNTIL', 'CREATED'], rows.map((user) => [
          user.username, user.displayName ?? '-', user.role, user.clearance, user.groups.join(',') || '-', user.hasPassword ? 'yes' : 'no',
          formatDate(user.lockedUntil), formatDate(user.createdAt),
        ]));
      }),
  );
  users.addCommand(
    withCommonOptions(newCommand('update'))
      .description(message('users.update.description'))
      .argument('<username>', message('users.create.username'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--role <role>', message('option.role'))
      .option('--clearance <level>', message('option.clearance'))
      .option('--groups <groups>', message('users.update.groups'))
      .option('--name <displayName>', message('users.create.displayName'))
      .option('--password-stdin', message('users.create.passwordStdin'))
      .option('--unlock', message('users.update.unlock'))
      .action(async (username: string, options: Partial<CreateOptions> & { tenant: string; unlock?: boolean }) => {
        const role = options.role === undefined ? undefined : parseRole(options.role);
        const clearance = options.clearance === undefined ? undefined : parseClearance(options.clearance);
        const password = options.passwordStdin ? await passwordFromStdin() : undefined;
        if ([role, clearance, options.groups, options.name, password, options.unlock].every((value) => value === undefined)) {
          throw new KgovError('usage', { detail: message('users.update.nothing') });
        }
        const user = await withDatabase(options, (database, config) => updateUser(database, operator(), {
          tenantId: options.tenant, username, role, clearance, groups: options.groups, displayName: options.name, password, unlock: options.unlock,
        }, config.auth));
        printLine(message('users.updated', { username: user.username, tenant: user.tenantId, role: user.role, clearance: user.clearance }));
      }),
  );
  users.addCommand(
    withCommonOptions(newCommand('delete'))
      .description(message('users.delete.description'))
      .argument('<username>', message('users.create.username'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .action(async (username: string, options: { tenant: string; data?: string; config?: string }) => {
        await withDatabase(options, (database) => deleteUser(database, operator(), { tenantId: options.tenant, username }));
        printLine(message('users.deleted', { username, tenant: options.tenant }));
      }),
  );
  return users;
}

/** A password from standard input (never from argv, where `ps` and shell history would show it): one line. */
async function passwordFromStdin(): Promise<string> {
  const password = (await readStdin()).replace(/\r?\n$/, '');
  if (!password) throw new KgovError('usage', { detail: message('usage.emptyPassword') });
  return password;
}
