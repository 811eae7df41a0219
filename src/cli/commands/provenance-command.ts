import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { KgovError } from '../../core/index.js';
import { verifyProvenance } from '../../data/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { documentReference } from './documents-command.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { operator, withDatabase } from '../runtime.js';

type VerifyOptions = { tenant: string; file?: string; json?: boolean; data?: string; config?: string };

/** Exit codes: 0 every version verifies (and the file matches one), 3 verification failed, 1 other errors, 2 usage. */
export const verificationFailedExitCode = 3;

export function provenanceCommand(): Command {
  const provenance = newCommand('provenance').description(message('provenance.description'));
  provenance.addCommand(
    withCommonOptions(newCommand('verify'))
      .description(message('provenance.verify.description'))
      .argument('<document>', message('documents.document'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--file <path>', message('provenance.file'))
      .option('--json', message('option.json'))
      .action(async (document: string, options: VerifyOptions) => {
        let file: Uint8Array | undefined;
        if (options.file) {
          try {
            file = readFileSync(options.file);
          } catch {
            throw new KgovError('path_not_found', { file: options.file });
          }
        }
        const report = await withDatabase(options, (database) =>
          verifyProvenance(database, operator(), { tenantId: options.tenant, document: documentReference(document), ...(file ? { file } : {}) }));
        if (options.json) {
          printLine(JSON.stringify(report));
        } else {
          for (const check of report.versions) {
            printLine(check.ok
              ? message('provenance.versionOk', { version: check.version, sha256: check.sha256, keyId: check.keyId })
              : message('provenance.versionBad', { version: check.version, problem: check.problem, detail: check.detail }));
          }
          if (report.file) {
            printLine(report.file.matchedVersion !== null
              ? message('provenance.fileMatch', { file: options.file, version: report.file.matchedVersion })
              : message('provenance.fileNoMatch', { file: options.file, sha256: report.file.sha256 }));
          }
          printLine(message(report.ok ? 'provenance.ok' : 'provenance.failed', { name: report.name, count: report.versions.length }));
        }
        if (!report.ok) process.exitCode = verificationFailedExitCode;
      }),
  );
  return provenance;
}
