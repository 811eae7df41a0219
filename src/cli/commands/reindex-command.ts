import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { createParsePool, refreshSearchStatistics, reindexDocuments, reparseFile, staleIndex, staleParsing, staleParsingDocuments, treatmentFor, type ReparseOutcome } from '../../data/index.js';
import type { KgovConfig } from '../../core/index.js';
import { defaultParseLimits } from '../../data/parsers/index.js';
import type { Database } from '../../store/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { operator, withDatabase } from '../runtime.js';
import { collectFiles, failureLine } from './ingest-command.js';

type ReindexOptions = { tenant?: string; check?: boolean; reparse?: string[]; json?: boolean; data?: string; config?: string };

/**
 * `kgov reindex [--tenant ID] [--check]`: brings documents indexed by an older analyzer up to date (after an
 * upgrade that changed it; `kgov serve` says when). Safe to stop and run again: each document is one transaction.
 * `kgov reindex --reparse PATH… [--tenant ID]`: parses the given original files again with this release's parser
 * and rebuilds the current versions that have their bytes (the database keeps no originals).
 */
export function reindexCommand(): Command {
  return withCommonOptions(newCommand('reindex'))
    .description(message('reindex.description'))
    .option('--tenant <id>', message('reindex.tenant'))
    .option('--check', message('reindex.check'))
    .option('--reparse <paths...>', message('reindex.reparse'))
    .option('--json', message('ingest.json'))
    .action(async (options: ReindexOptions) => {
      await withDatabase(options, async (database, config) => {
        if (options.check) {
          const stale = await staleIndex(database, options.tenant);
          printLine(message(stale.chunks === 0 ? 'reindex.upToDate' : 'reindex.stale', { documents: stale.documents, chunks: stale.chunks }));
          const parsing = await staleParsing(database, options.tenant);
          if (parsing.documents > 0) {
            printLine(message('reindex.staleParsing', parsing));
            // Named (the first 50), so the operator knows which originals to give back.
            for (const document of await staleParsingDocuments(database, options.tenant, 50)) {
              printLine(message('reindex.staleParsingDocument', { ...document, parserVersion: document.parserVersion ?? '-' }));
            }
            if (parsing.documents > 50) printLine(message('reindex.staleParsingMore', { more: parsing.documents - 50 }));
          }
          // 3: `kgov reindex` has work to do. 4: only the original files can bring the rest up (`--reparse`), which a
          // script checking an upgrade must still hear (an operator's review: exit 0 read as "all current").
          if (stale.chunks > 0) process.exitCode = 3;
          else if (parsing.documents > 0) process.exitCode = 4;
          return;
        }
        if (options.reparse) {
          await reparse(database, config, options.reparse, options);
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

/** Each file parsed in the ingest's worker pool (its time and memory limits), matched to its versions, one at a time. */
async function reparse(database: Database, config: KgovConfig, paths: readonly string[], options: ReindexOptions): Promise<void> {
  const { files, missing } = collectFiles(paths);
  const counts = { reparsed: 0, unchanged: 0, before: 0, after: 0, current: 0, notStored: 0, failed: missing.length };
  for (const path of missing) {
    process.stderr.write(failureLine(path, 'path_not_found', ''));
    if (options.json) printLine(JSON.stringify({ file: path, status: 'failed', code: 'path_not_found' }));
  }
  // The limits ingest parses under (`createIngestService`).
  const limits = { ...defaultParseLimits, maxBytes: config.ingest.maxFileBytes };
  const pool = createParsePool({ size: 1, timeoutMs: config.ingest.parseTimeoutSeconds * 1000, memoryMb: config.ingest.workerMemoryMb, limits });
  let drawn = 0;
  try {
    for (const [index, file] of files.entries()) {
      // A file larger than ingest takes was never stored.
      const outcomes: ReparseOutcome[] = file.bytes > limits.maxBytes ? [{ status: 'not-stored' }] : await reparseFile(database, operator(), { bytes: await readFile(file.path) }, {
        tenantId: options.tenant, prepare: (bytes, fileName, prepareOptions) => pool.prepare(bytes, fileName, prepareOptions), treatmentFor: (tenantId) => treatmentFor(config.ingest, tenantId),
      });
      for (const outcome of outcomes) {
        if (outcome.status === 'reparsed') {
          counts.reparsed++;
          if (outcome.unchanged) counts.unchanged++;
          counts.before += outcome.chunksBefore;
          counts.after += outcome.chunks;
        } else if (outcome.status === 'current') counts.current++;
        else if (outcome.status === 'not-stored') {
          counts.notStored++;
          // Named, so the operator knows which file to ingest (or which copy is not the stored one).
          if (!options.json) process.stderr.write(`${message('reindex.notStored', { file: file.path })}\n`);
        }
        else {
          counts.failed++;
          process.stderr.write(`kgov: ${message('reindex.reparseFailed', { file: file.path, code: outcome.code, reason: outcome.reason })}\n`);
        }
        if (options.json) printLine(JSON.stringify({ file: file.path, ...outcome }));
      }
      if (index + 1 < files.length && Date.now() - drawn < 1000) continue;
      drawn = Date.now();
      process.stderr.write(`${message('reindex.reparseProgress', { done: index + 1, total: files.length })}\n`);
    }
  } finally {
    await pool.close();
  }
  if (counts.reparsed > 0) await refreshSearchStatistics(database);
  const summary = message('reindex.reparseDone', counts);
  if (options.json) process.stderr.write(`${summary}\n`);
  else printLine(summary);
  if (counts.failed > 0) process.exitCode = 1;
}
