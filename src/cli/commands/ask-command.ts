import { Command } from 'commander';
import { parseClearance, requireTenant } from '../../auth/index.js';
import { buildModelRouter } from '../../models/index.js';
import { answerFromDocuments } from '../../services/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { operatorAs, withDatabase } from '../runtime.js';

type AskOptions = { tenant: string; clearance?: string; groups?: string; json?: boolean; data?: string; config?: string };

export function askCommand(): Command {
  return withCommonOptions(newCommand('ask'))
    .description(message('ask.description'))
    .argument('<question>', message('ask.question'))
    .requiredOption('--tenant <id>', message('option.tenant'))
    .option('--clearance <level>', message('search.clearance'))
    .option('--groups <groups>', message('search.groups'))
    .option('--json', message('option.json'))
    .action(async (question: string, options: AskOptions) => {
      const clearance = parseClearance(options.clearance ?? 'restricted');
      // A generative answer is printed as the model writes it; sources follow once it is done.
      let streamed = false;
      const onDelta = options.json ? undefined : (text: string) => {
        streamed = true;
        process.stdout.write(text);
      };
      const answer = await withDatabase(options, async (database, config) => {
        await requireTenant(database, options.tenant);
        return answerFromDocuments(database, operatorAs(options.tenant, clearance, options.groups), {
          tenantId: options.tenant, question, k: config.rag.passages, router: buildModelRouter(config), generatorModel: config.rag.generatorModel,
          ...(onDelta ? { onDelta } : {}),
        });
      });
      if (options.json) return printLine(JSON.stringify(answer));
      if (streamed) printLine('');
      else printLine(answer.text);
      if (answer.withheld > 0) printLine(message('ask.withheld', { count: answer.withheld }));
      if (answer.citations.length > 0) {
        printLine('');
        printLine(message('ask.sources'));
        for (const citation of answer.citations) {
          const where = citation.lines ? `${citation.lines[0]}-${citation.lines[1]}행` : citation.page ? `${citation.page}쪽` : '';
          printLine(`[${citation.number}] ${citation.document} v${citation.version} ${where}${citation.section ? ` — ${citation.section}` : ''}`);
        }
      }
    });
}
