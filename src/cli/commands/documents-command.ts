import { resolve, sep } from 'node:path';
import { Command } from 'commander';
import { KgovError } from '../../core/index.js';
import { deleteDocument, listDocuments, shareDocument } from '../../data/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { formatDate, printLine, printTable } from '../output.js';
import { operator, withDatabase } from '../runtime.js';

type CommonOptions = { tenant: string; data?: string; config?: string };

/**
 * A document as the operator names it: an id, a base name, or a path. A path (it has a separator; ids and base
 * names never do) is made absolute, as `kgov ingest` recorded it, so `kgov documents delete 기획조정실/붙임1.hwp`
 * works from the folder the files were ingested from.
 */
export function documentReference(argument: string): string {
  return argument.includes('/') || argument.includes(sep) ? resolve(argument) : argument;
}

export function documentsCommand(): Command {
  const documents = newCommand('documents').description(message('documents.description'));
  documents.addCommand(
    withCommonOptions(newCommand('list'))
      .description(message('documents.list.description'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--json', message('option.json'))
      .action(async (options: CommonOptions & { json?: boolean }) => {
        const rows = await withDatabase(options, (database) => listDocuments(database, operator(), options.tenant));
        if (options.json) return printLine(JSON.stringify(rows));
        if (rows.length === 0) return printLine(message('documents.none'));
        printTable(['ID', 'NAME', 'GRADE', 'SHARED WITH', 'VERSION', 'EFFECTIVE', 'FORMAT', 'CHUNKS', 'INGESTED', 'SOURCE'], rows.map((row) => [
          row.id, row.name, row.grade, row.sharedWith.join(',') || '*', `${row.version}/${row.versions}`, row.effectiveDate ?? '-', row.format, String(row.chunks), formatDate(row.ingestedAt),
          row.source ?? '-',
        ]));
      }),
  );
  documents.addCommand(
    withCommonOptions(newCommand('delete'))
      .description(message('documents.delete.description'))
      .argument('<document>', message('documents.document'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .action(async (document: string, options: CommonOptions) => {
        const deleted = await withDatabase(options, (database) => deleteDocument(database, operator(), { tenantId: options.tenant, document: documentReference(document) }));
        printLine(message('documents.deleted', { document: `${deleted.name} (${deleted.id})` }));
      }),
  );
  documents.addCommand(
    withCommonOptions(newCommand('share'))
      .description(message('documents.share.description'))
      .argument('<document>', message('documents.document'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--groups <groups>', message('documents.share.groups'))
      .option('--all', message('documents.share.all'))
      .action(async (document: string, options: CommonOptions & { groups?: string; all?: boolean }) => {
        if ((options.groups === undefined) === !options.all) throw new KgovError('usage', { detail: message('documents.share.needOne') });
        const shared = await withDatabase(options, (database) => shareDocument(database, operator(), { tenantId: options.tenant, document: documentReference(document), groups: options.all ? [] : options.groups! }));
        printLine(message('documents.shared', { document: shared.name, groups: shared.sharedWith.join(', ') || message('documents.sharedAll') }));
      }),
  );
  return documents;
}
