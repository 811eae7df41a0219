import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { Command } from 'commander';
import { parseClearance, parseGroups, type Grade } from '../../auth/index.js';
import { errorCodes, format } from '../../core/index.js';
import { isDocumentName } from '../../data/parsers/index.js';
import { addCleaning, createIngestService, createJob, emptyCleaningTotals, findResumableJob, jobCleaningTotals, jobStatus, refreshSearchStatistics, type IngestEvent, type JobCleaningTotals } from '../../data/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { language, message } from '../messages.js';
import { printLine } from '../output.js';
import { operator, withDatabase } from '../runtime.js';

type IngestOptions = { tenant: string; grade?: string; provider?: string; share?: string; json?: boolean; data?: string; config?: string };

/**
 * Files under the given paths, folders walked recursively, in a stable order. Hidden entries inside folders (`.git`,
 * `.DS_Store`) are skipped and counted (`hidden`), so the summary can say so; a hidden file named on the command line
 * is taken. A folder reached again through a symbolic link (a link to itself or to a folder above it) is walked once:
 * a review's self-link made one file 41 documents, 40 folders deep. A symbolic link inside a folder is followed only
 * where it stays inside the folder named: a link to /etc/shadow dropped into a shared folder must not be ingested
 * (a security review's); such links, and dangling ones, are counted with the skipped files (`outside`). An entry that
 * cannot be read is reported by its own path, and the rest of its folder is still taken.
 */
export function collectFiles(paths: readonly string[]): { files: { path: string; bytes: number }[]; missing: string[]; hidden: number; others: number; outside: number } {
  const files: { path: string; bytes: number }[] = [];
  const missing: string[] = [];
  const walked = new Set<string>();
  let hidden = 0;
  let others = 0;
  let outside = 0;
  const walk = (path: string, shown: string, root: string | null) => {
    let stats;
    try {
      // Inside a folder, a link is followed only to a place inside the folder named on the command line.
      if (root !== null && lstatSync(path).isSymbolicLink()) {
        const target = realpathSync(path);
        if (target !== root && !target.startsWith(root + sep)) {
          outside++;
          return;
        }
      }
      stats = statSync(path);
    } catch {
      if (root !== null && isDanglingLink(path)) outside++;
      else missing.push(shown);
      return;
    }
    if (stats.isDirectory()) {
      let real: string;
      let entries: string[];
      try {
        real = realpathSync(path);
        entries = readdirSync(path).sort();
      } catch {
        missing.push(shown);
        return;
      }
      if (walked.has(real)) return;
      walked.add(real);
      for (const entry of entries) {
        if (entry.startsWith('.')) hidden++;
        else walk(join(path, entry), join(shown, entry), root ?? real);
      }
    } else if (stats.isFile()) {
      // A file named on the command line is read whatever its name; inside a folder, documents only.
      if (root === null || isDocumentName(basename(path))) files.push({ path, bytes: stats.size });
      else others++;
    }
  };
  for (const path of paths) walk(resolve(path), path, null);
  return { files, missing, hidden, others, outside };
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The same command again (tenant, grade, provider, paths) resumes its unfinished job instead of starting over. */
function fingerprintOf(options: IngestOptions, grade: Grade | undefined, paths: readonly string[]): string {
  const key = { tenant: options.tenant, grade: grade ?? null, provider: options.provider ?? null, share: options.share ?? null, paths: paths.map((path) => resolve(path)).sort() };
  return createHash('sha256').update(JSON.stringify(key)).digest('hex');
}

/** One line that redraws itself, on a terminal only (never in pipes, where it would be noise in logs). */
function progressLine(total: number, totalBytes: number) {
  const started = Date.now();
  let done = 0, pages = 0, bytes = 0, drawn = 0;
  const draw = (force = false) => {
    if (!process.stderr.isTTY || (!force && Date.now() - drawn < 100)) return;
    drawn = Date.now();
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = bytes / 1_048_576 / seconds;
    const left = totalBytes > 0 && bytes > 0 ? (seconds / bytes) * (totalBytes - bytes) : done > 0 ? (seconds / done) * (total - done) : NaN;
    const filled = total > 0 ? Math.round((done / total) * 20) : 20;
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}]`;
    const eta = Number.isFinite(left) ? `${Math.floor(left / 60)}:${String(Math.round(left % 60)).padStart(2, '0')}` : '-';
    process.stderr.write(`\r${message('ingest.progress', { bar, done, total, pages, mb: (bytes / 1_048_576).toFixed(1), rate: rate.toFixed(1), eta })}\u001b[K`);
  };
  return {
    advance(event: IngestEvent) {
      done++;
      pages += event.pages ?? 0;
      bytes += event.bytes;
      draw();
    },
    finish() {
      draw(true);
      if (process.stderr.isTTY) process.stderr.write('\n');
    },
  };
}

/** One failed file, as ingest and reparse say it: the error code's own sentence where it has one. */
export function failureLine(file: string, code: string, reason: string): string {
  const text = code in errorCodes ? format(errorCodes[code as keyof typeof errorCodes].text[language], { file, reason }) : `${file}: ${reason}`;
  return `${process.stderr.isTTY ? '\r\u001b[K' : ''}kgov: ${message('error.prefix')} [${code}] ${text}\n`;
}

/** One file's cleaning in a `--json` line: the totals' counts, and which document it nearly duplicates. */
function cleaningLine(report: NonNullable<Extract<IngestEvent, { status: 'done' | 'duplicate' }>['cleaning']>) {
  const { nearDuplicates: _nearDuplicates, ...counts } = addCleaning(emptyCleaningTotals(), report);
  return {
    ...counts, indexedChunks: report.indexed, piiTreatment: report.piiTreatment, piiTypes: report.piiTypes,
    nearDuplicateOf: report.nearDuplicateOf ? { documentId: report.nearDuplicateOf.documentId, name: report.nearDuplicateOf.name, version: report.nearDuplicateOf.version, similarity: report.nearDuplicateOf.similarity } : null,
  };
}

export function ingestCommand(): Command {
  return withCommonOptions(newCommand('ingest'))
    .description(message('ingest.description'))
    .argument('<paths...>', message('ingest.paths'))
    .requiredOption('--tenant <id>', message('option.tenant'))
    .option('--grade <grade>', message('ingest.grade'))
    .option('--share <groups>', message('ingest.share'))
    .option('--provider <name>', message('ingest.provider'))
    .option('--json', message('ingest.json'))
    .action(async (paths: string[], options: IngestOptions) => {
      const grade = options.grade ? parseClearance(options.grade) : undefined;
      const share = options.share === undefined ? undefined : parseGroups(options.share);
      const { files, missing, hidden, others, outside } = collectFiles(paths);
      if (hidden > 0) process.stderr.write(`kgov: ${message('ingest.hiddenSkipped', { count: hidden })}\n`);
      if (others > 0) process.stderr.write(`kgov: ${message('ingest.othersSkipped', { count: others })}\n`);
      if (outside > 0) process.stderr.write(`kgov: ${message('ingest.linksSkipped', { count: outside })}\n`);
      for (const path of missing) {
        if (options.json) printLine(JSON.stringify({ file: path, status: 'failed', code: 'path_not_found', reason: '' }));
        process.stderr.write(failureLine(path, 'path_not_found', ''));
      }
      const counts = { ingested: 0, duplicate: 0, failed: missing.length };
      let cleaning: JobCleaningTotals = emptyCleaningTotals();
      await withDatabase(options, async (database, config) => {
        const principal = operator();
        const fingerprint = fingerprintOf(options, grade, paths);
        let jobId = await findResumableJob(database, options.tenant, fingerprint);
        if (jobId) {
          const status = await jobStatus(database, principal, jobId);
          process.stderr.write(`${message('ingest.resumed', { job: jobId, open: status.counts.queued + status.counts.running })}\n`);
          // The files the stopped run failed are named again: the summary counts them, and the run that said so is gone.
          for (const item of status.items.filter((entry) => entry.status === 'failed')) {
            const file = item.path ?? item.fileName;
            const code = item.errorCode ?? 'ingest_failed';
            process.stderr.write(failureLine(file, code, item.errorReason ?? ''));
            if (options.json) printLine(JSON.stringify({ file, status: 'failed', code, reason: item.errorReason ?? '' }));
          }
        } else {
          jobId = await createJob(database, principal, {
            tenantId: options.tenant, origin: 'cli', grade, provider: options.provider, share, fingerprint,
            items: files.map((file) => ({ fileName: file.path, path: file.path, bytes: file.bytes })),
          });
        }
        const open = (await jobStatus(database, principal, jobId)).items.filter((item) => item.status === 'queued' || item.status === 'running');
        const progress = progressLine(open.length, open.reduce((sum, item) => sum + (item.bytes ?? 0), 0));
        const service = createIngestService(database, config);
        try {
          await service.runJob(principal, jobId, (event) => {
            const file = event.path ?? event.fileName;
            if (event.status === 'failed') {
              process.stderr.write(failureLine(file, event.code, event.reason));
              if (options.json) printLine(JSON.stringify({ file, status: 'failed', code: event.code, reason: event.reason }));
            } else {
              // A grade given lower than the document had (a declassification): said, and audited as loweredFrom.
              if (event.loweredFrom && event.grade) process.stderr.write(`kgov: ${message('ingest.gradeLowered', { file, from: event.loweredFrom, to: event.grade })}\n`);
              if (options.json) {
                printLine(JSON.stringify({
                  file, status: event.status === 'done' ? 'ingested' : 'duplicate', documentId: event.documentId, version: event.version, pages: event.pages,
                  ...(event.grade ? { grade: event.grade } : {}), ...(event.loweredFrom ? { loweredFrom: event.loweredFrom } : {}),
                  ...(event.cleaning ? { cleaning: cleaningLine(event.cleaning) } : {}),
                }));
              }
            }
            progress.advance(event);
          });
        } finally {
          progress.finish();
          await service.close();
        }
        // The summary covers the whole job, including files a killed earlier run already finished.
        const final = await jobStatus(database, principal, jobId);
        counts.ingested += final.counts.done;
        counts.duplicate += final.counts.duplicate;
        counts.failed += final.counts.failed;
        cleaning = await jobCleaningTotals(database, jobId);
        if (final.counts.done > 0) await refreshSearchStatistics(database);
      });
      // The summary line's start stays as it was (scripts read it); what cleaning did follows on the same line.
      const summary = `${message('ingest.summary', counts)} (${message('ingest.cleaning', cleaning)})`;
      if (options.json) process.stderr.write(`${summary}\n`);
      else printLine(summary);
      if (counts.failed > 0) process.exitCode = 1;
    });
}
