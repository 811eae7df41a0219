import { resolve, sep } from 'node:path';
import { Command } from 'commander';
import { KgovError } from '../../core/index.js';
import { deleteDocument, listDocuments, parserVersion, purgeDocuments, shareDocument } from '../../data/index.js';
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
        // PARSER: which parser release read the current version; `*` marks one older than this release's, which
        // `kgov reindex --reparse` reads again from the original file.
        printTable(['ID', 'NAME', 'GRADE', 'SHARED WITH', 'VERSION', 'EFFECTIVE', 'FORMAT', 'PARSER', 'CHUNKS', 'INGESTED', 'SOURCE'], rows.map((row) => [
          row.id, row.name, row.grade, row.sharedWith.join(',') || '*', `${row.version}/${row.versions}`, row.effectiveDate ?? '-', row.format,
          row.parserVersion === null ? '-*' : `${row.parserVersion}${row.parserVersion < parserVersion ? '*' : ''}`, String(row.chunks), formatDate(row.ingestedAt),
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
  documents.addCommand(
    withCommonOptions(newCommand('purge'))
      .description(message('documents.purge.description'))
      .argument('[document]', message('documents.purge.document'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--older-than <days>', message('documents.purge.olderThan'))
      .option('--all', message('documents.purge.all'))
      .option('--compact', message('documents.purge.compact'))
      .option('--json', message('option.json'))
      .action(async (document: string | undefined, options: CommonOptions & { olderThan?: string; all?: boolean; compact?: boolean; json?: boolean }) => {
        // Irreversible: what to purge is said, never implied by a missing argument.
        if (document === undefined && options.olderThan === undefined && !options.all) throw new KgovError('usage', { detail: message('documents.purge.needOne') });
        if (document !== undefined && options.all) throw new KgovError('usage', { detail: message('documents.purge.documentOrAll') });
        const olderThanDays = options.olderThan === undefined ? undefined : wholeDays(options.olderThan);
        const result = await withDatabase(options, (database) => purgeDocuments(database, operator(), {
          tenantId: options.tenant, ...(document !== undefined ? { document: documentReference(document) } : {}),
          ...(olderThanDays !== undefined ? { olderThanDays } : {}), compact: options.compact ?? false,
        }));
        if (result.notCompacted.length > 0) process.stderr.write(`kgov: ${message('documents.purge.notCompacted', { tables: result.notCompacted.join(', ') })}\n`);
        if (options.json) return printLine(JSON.stringify(result));
        if (result.documents.length === 0) return printLine(message('documents.purge.nothing'));
        for (const purged of result.documents) {
          printLine(message(purged.whole ? 'documents.purge.whole' : 'documents.purge.versions', {
            document: purged.id, versions: purged.versions.map((version) => version.version).join(', '), chunks: String(purged.chunks),
          }));
        }
        printLine(message('documents.purge.total', { documents: String(result.documents.length), versions: String(result.versions), chunks: String(result.chunks) }));
      }),
  );
  return documents;
}

/** `--older-than 30` or `30d`: whole days, 0 or more. */
function wholeDays(value: string): number {
  const match = /^(\d{1,5})d?$/.exec(value.trim());
  if (!match) throw new KgovError('usage', { detail: message('documents.purge.badDays', { value }) });
  return Number(match[1]);
}
