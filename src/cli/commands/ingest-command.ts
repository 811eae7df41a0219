import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { parseClearance } from '../../auth/index.js';
import { ingestDocument, refreshSearchStatistics, type IngestOutcome } from '../../data/index.js';
import { defaultParseLimits } from '../../data/parsers/index.js';
import { errorCodes, format, KgovError } from '../../core/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { language, message } from '../messages.js';
import { printLine } from '../output.js';
import { operator, withDatabase } from '../runtime.js';

type IngestOptions = { tenant: string; grade?: string; json?: boolean; data?: string; config?: string };

/** Files under the given paths, folders walked recursively, hidden entries skipped, in a stable order. */
export function collectFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (path: string) => {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!entry.startsWith('.')) walk(join(path, entry));
    } else if (stats.isFile()) {
      files.push(path);
    }
  };
  for (const path of paths) {
    try {
      walk(resolve(path));
    } catch {
      missing.push(path);
    }
  }
  return { files, missing };
}

/** A progress line on a terminal only (never in pipes, where it would be noise in logs). */
function progress(done: number, total: number, bytes: number, started: number): void {
  if (!process.stderr.isTTY) return;
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? bytes / 1_048_576 / seconds : 0;
  const eta = done > 0 ? Math.round((seconds / done) * (total - done)) : 0;
  process.stderr.write(`\r${message('ingest.progress', { done, total, mb: (bytes / 1_048_576).toFixed(1), rate: rate.toFixed(1), eta })}\u001b[K`);
}

export function ingestCommand(): Command {
  return withCommonOptions(newCommand('ingest'))
    .description(message('ingest.description'))
    .argument('<paths...>', message('ingest.paths'))
    .requiredOption('--tenant <id>', message('option.tenant'))
    .option('--grade <grade>', message('ingest.grade'))
    .option('--json', message('ingest.json'))
    .action(async (paths: string[], options: IngestOptions) => {
      const grade = options.grade ? parseClearance(options.grade) : undefined;
      const { files, missing } = collectFiles(paths);
      const counts = { ingested: 0, duplicate: 0, failed: 0 };
      const report = (file: string, outcome: IngestOutcome | { status: 'failed'; code: string; reason: string }) => {
        if (options.json) printLine(JSON.stringify({ file, ...outcome }));
        if (outcome.status === 'failed') {
          const code = outcome.code as keyof typeof errorCodes;
          const text = errorCodes[code] ? format(errorCodes[code].text[language], { file, reason: outcome.reason }) : `${file}: ${outcome.reason}`;
          process.stderr.write(`${process.stderr.isTTY ? '\r\u001b[K' : ''}kgov: ${message('error.prefix')} [${outcome.code}] ${text}\n`);
        }
        counts[outcome.status]++;
      };
      for (const path of missing) report(path, { status: 'failed', code: 'path_not_found', reason: '' });
      await withDatabase(options, async (database) => {
        const principal = operator();
        const started = Date.now();
        let bytes = 0;
        for (const [index, file] of files.entries()) {
          progress(index, files.length, bytes, started);
          const size = statSync(file).size;
          if (size > defaultParseLimits.maxBytes) {
            report(file, { status: 'failed', code: 'file_too_large', reason: `${size} > ${defaultParseLimits.maxBytes} bytes` });
            continue;
          }
          try {
            report(file, await ingestDocument(database, principal, { tenantId: options.tenant, fileName: file, bytes: readFileSync(file), grade, source: file }));
          } catch (error) {
            // The tenant or the database is wrong for every file: stop the batch rather than repeat it.
            if (error instanceof KgovError && ['tenant_not_found', 'forbidden'].includes(error.code)) throw error;
            report(file, { status: 'failed', code: 'corrupt_file', reason: (error as Error).message.split('\n')[0] ?? 'unknown' });
          }
          bytes += size;
        }
        progress(files.length, files.length, bytes, started);
        if (counts.ingested > 0) await refreshSearchStatistics(database);
        if (process.stderr.isTTY) process.stderr.write('\n');
      });
      const summary = message('ingest.summary', counts);
      if (options.json) process.stderr.write(`${summary}\n`);
      else printLine(summary);
      if (counts.failed > 0) process.exitCode = 1;
    });
}
