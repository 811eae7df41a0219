import { Command } from 'commander';
import { auditCheckpointFile, readAuditCheckpoint, verifyAuditLog, type AuditProblem } from '../../audit/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { withDatabase } from '../runtime.js';

export function describeProblem(problem: AuditProblem): string {
  return message(`audit.problem.${problem.kind}`, problem);
}

export function auditCommand(): Command {
  const audit = newCommand('audit').description(message('audit.description'));
  audit.addCommand(
    withCommonOptions(newCommand('verify'))
      .description(message('audit.verify.description'))
      .option('--json', message('option.json'))
      .action(async (options: { json?: boolean; data?: string; config?: string }) => {
        // The checkpoint kept outside the database is read first and not moved by this command: a verification
        // must not bless the chain it is checking.
        const { result, checkpoint, file } = await withDatabase(options, async (database, config) => {
          const file = auditCheckpointFile(config);
          const checkpoint = readAuditCheckpoint(file);
          return { result: await verifyAuditLog(database, { checkpoint }), checkpoint, file };
        }, { checkpoint: false });
        if (options.json) {
          printLine(JSON.stringify({ ...result, checkpoint: checkpoint ? { ...checkpoint, file } : null }));
        } else if (result.ok) {
          printLine(message('audit.ok', result));
          printLine(checkpoint ? message('audit.checkpoint', { ...checkpoint, file }) : message('audit.noCheckpoint', { file }));
        } else {
          process.stderr.write(`${message('audit.broken', { count: result.problems.length, records: result.records })}\n`);
          for (const problem of result.problems) process.stderr.write(`  ${describeProblem(problem)}\n`);
        }
        if (!result.ok) process.exitCode = 1;
      }),
  );
  return audit;
}
