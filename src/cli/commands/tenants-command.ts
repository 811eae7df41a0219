import { Command } from 'commander';
import { createTenant, listTenants } from '../../auth/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { formatDate, printLine, printTable } from '../output.js';
import { operator, withDatabase } from '../runtime.js';

export function tenantsCommand(): Command {
  const tenants = newCommand('tenants').description(message('tenants.description'));
  tenants.addCommand(
    withCommonOptions(newCommand('create'))
      .description(message('tenants.create.description'))
      .argument('<id>', message('tenants.create.id'))
      .requiredOption('--name <name>', message('tenants.create.name'))
      .action(async (id: string, options: { name: string; data?: string; config?: string }) => {
        const tenant = await withDatabase(options, (database) => createTenant(database, operator(), { id, name: options.name }));
        printLine(message('tenants.created', { id: tenant.id, name: tenant.name }));
      }),
  );
  tenants.addCommand(
    withCommonOptions(newCommand('list'))
      .description(message('tenants.list.description'))
      .option('--json', message('option.json'))
      .action(async (options: { json?: boolean; data?: string; config?: string }) => {
        const rows = await withDatabase(options, (database) => listTenants(database, operator()));
        if (options.json) return printLine(JSON.stringify(rows));
        if (rows.length === 0) return printLine(message('tenants.none'));
        printTable(['ID', 'NAME', 'CREATED'], rows.map((tenant) => [tenant.id, tenant.name, formatDate(tenant.createdAt)]));
      }),
  );
  return tenants;
}
