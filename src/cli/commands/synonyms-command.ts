import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { KgovError } from '../../core/index.js';
import { getTenantSynonyms, parseSynonymLines, setTenantSynonyms } from '../../search/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { formatDate, printLine } from '../output.js';
import { operator, readStdin, withDatabase } from '../runtime.js';

type CommonOptions = { tenant: string; data?: string; config?: string };

/** `kgov synonyms list|set`: a tenant's own synonym groups, one group per line (the format `set` reads). */
export function synonymsCommand(): Command {
  const synonyms = newCommand('synonyms').description(message('synonyms.description'));
  synonyms.addCommand(
    withCommonOptions(newCommand('list'))
      .description(message('synonyms.list.description'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--json', message('option.json'))
      .action(async (options: CommonOptions & { json?: boolean }) => {
        const current = await withDatabase(options, (database) => getTenantSynonyms(database, operator(), options.tenant));
        if (options.json) return printLine(JSON.stringify(current));
        if (current.groups.length === 0) return printLine(message('synonyms.none'));
        for (const group of current.groups) printLine(group.join(', '));
        process.stderr.write(`${message('synonyms.updated', { count: current.groups.length, by: current.updatedBy ?? '-', at: current.updatedAt ? formatDate(current.updatedAt) : '-' })}\n`);
      }),
  );
  synonyms.addCommand(
    withCommonOptions(newCommand('set'))
      .description(message('synonyms.set.description'))
      .argument('<file>', message('synonyms.set.file'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .action(async (file: string, options: CommonOptions) => {
        let text: string;
        try {
          text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
        } catch (error) {
          throw new KgovError('path_not_found', { file }, { cause: error });
        }
        const saved = await withDatabase(options, (database) => setTenantSynonyms(database, operator(), { tenantId: options.tenant, ...parseSynonymLines(text) }));
        printLine(message('synonyms.saved', { tenant: saved.tenantId, count: saved.groups.length }));
      }),
  );
  return synonyms;
}
