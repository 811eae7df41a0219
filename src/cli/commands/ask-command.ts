import { Command } from 'commander';
import { actorOf, parseClearance, requireTenant } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { buildModelRouter } from '../../models/index.js';
import { recordAudit } from '../../audit/index.js';
import { answerFromDocuments, groundedAnswerAudit, readConversation } from '../../services/index.js';
import { withCliGuard } from '../cli-guard.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { language, message } from '../messages.js';
import { printLine } from '../output.js';
import { printAnswerSources } from '../answer-sources.js';
import { operatorAs, withDatabase } from '../runtime.js';

type AskOptions = { tenant: string; clearance?: string; groups?: string; earlier: string[]; json?: boolean; data?: string; config?: string };

export function askCommand(): Command {
  return withCommonOptions(newCommand('ask'))
    .description(message('ask.description'))
    .argument('<question>', message('ask.question'))
    .requiredOption('--tenant <id>', message('option.tenant'))
    .option('--clearance <level>', message('search.clearance'))
    .option('--groups <groups>', message('search.groups'))
    // Earlier questions of the conversation, oldest first (repeat the option), as a chat client sends them over /v1: a
    // follow-up (그럼 국외는요?) is answered about what they asked.
    .option('--earlier <question>', message('ask.earlier'), (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--json', message('option.json'))
    .action(async (question: string, options: AskOptions) => {
      if (!question.trim()) throw new KgovError('usage', { detail: message('ask.empty') });
      const clearance = parseClearance(options.clearance ?? 'restricted');
      const principal = operatorAs(options.tenant, clearance, options.groups);
      // A generative answer is printed as the model writes it (through the output guard); sources follow once it is done.
      let streamed = false;
      const answer = await withDatabase(options, async (database, config) => {
        await requireTenant(database, options.tenant);
        const router = buildModelRouter(config);
        return withCliGuard(database, config, router, { tenantId: options.tenant, actor: actorOf(principal) }, async (guard) => {
          // The same input chain as the gateway's kgov-rag: a blocked question is refused before any retrieval.
          const guardedQuestion = await guard.input(question);
          const guardedEarlier: string[] = [];
          for (const earlier of options.earlier) if (earlier.trim()) guardedEarlier.push(await guard.input(earlier));
          // Which earlier questions the question leans on, read as the gateway reads a chat's messages.
          const conversation = readConversation([...guardedEarlier, guardedQuestion].map((content) => ({ role: 'user' as const, content })));
          const live = options.json ? undefined : guard.stream((text) => {
            streamed = true;
            process.stdout.write(text);
          });
          const answer = await answerFromDocuments(database, principal, {
            tenantId: options.tenant, question: guardedQuestion, k: config.rag.passages, router, generatorModel: config.rag.generatorModel, language,
            earlier: conversation.earlier, history: conversation.history, tentative: conversation.tentative,
            ...(live ? { onDelta: (text: string) => live.push(text) } : {}),
          });
          if (live) await live.end();
          // Which documents were read and shown (the access record, as the gateway's kgov-rag writes it).
          await recordAudit(database, groundedAnswerAudit(principal, options.tenant, answer, question));
          // Extractive and no-evidence answers come whole (no deltas): the output guard reads them in one piece.
          return streamed ? answer : { ...answer, text: await guard.output(answer.text, answer.mode === 'extractive') };
        });
      });
      if (options.json) return printLine(JSON.stringify(answer));
      if (streamed) printLine('');
      else printLine(answer.text);
      printAnswerSources(answer);
    });
}
