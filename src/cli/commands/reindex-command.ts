import { Command } from 'commander';
import { reindexDocuments, staleIndex } from '../../data/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { operator, withDatabase } from '../runtime.js';

/**
 * `kgov reindex [--tenant ID] [--check]`: brings documents indexed by an older analyzer up to date (after an
 * upgrade that changed it; `kgov serve` says when). Safe to stop and run again: each document is one transaction.
 */
export function reindexCommand(): Command {
  return withCommonOptions(newCommand('reindex'))
    .description(message('reindex.description'))
    .option('--tenant <id>', message('reindex.tenant'))
    .option('--check', message('reindex.check'))
    .action(async (options: { tenant?: string; check?: boolean; data?: string; config?: string }) => {
      await withDatabase(options, async (database) => {
        if (options.check) {
          const stale = await staleIndex(database, options.tenant);
          printLine(message(stale.chunks === 0 ? 'reindex.upToDate' : 'reindex.stale', { documents: stale.documents, chunks: stale.chunks }));
          if (stale.chunks > 0) process.exitCode = 3;
          return;
        }
        let drawn = 0;
        const result = await reindexDocuments(database, operator(), {
          tenantId: options.tenant,
          onDocument: (progress) => {
            // A line a second at most (and the last one): a large tenant shows it is moving without flooding a log.
            if (progress.done < progress.total && Date.now() - drawn < 1000) return;
            drawn = Date.now();
            process.stderr.write(`${message('reindex.progress', { done: progress.done, total: progress.total, tenant: progress.tenantId })}\n`);
          },
        });
        printLine(message('reindex.done', { documents: result.documents, chunks: result.chunks }));
      });
    });
}
