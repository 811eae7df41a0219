import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { parseClearance, requireTenant } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { listDocuments } from '../../data/index.js';
import { searchChunks } from '../../search/index.js';
import { evaluateRetrieval, type RetrievalQuestion } from '../../search/evaluate-retrieval.js';
import { withoutByteOrderMark } from '../input-lines.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { operatorAs, withDatabase, withMemoryIndex } from '../runtime.js';
import { parsePositiveInteger, searchSettings } from './search-command.js';

type EvalOptions = { queries: string; tenant: string; clearance?: string; groups?: string; k: string; json?: boolean; mode?: string; data?: string; config?: string };

function readQuestions(path: string): RetrievalQuestion[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KgovError('path_not_found', { file: path });
  }
  const questions: RetrievalQuestion[] = [];
  // Numbered as in the file (blank lines count), so the line named is the line an editor shows.
  withoutByteOrderMark(text).split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new KgovError('usage', { detail: message('eval.badLine', { file: path, line: index + 1 }) });
    }
    const checked = questionLine.safeParse(parsed);
    if (!checked.success) {
      const problem = checked.error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`).join('; ');
      throw new KgovError('usage', { detail: message('eval.badQuestion', { file: path, line: index + 1, problem }) });
    }
    questions.push({ ...checked.data, id: String(checked.data.id) });
  });
  return questions;
}

/** One line of a questions file (`../shared/eval/rag/nia-qa-dev.jsonl`): other fields (answer, chapter, …) are kept out. */
const questionLine = z.looseObject({
  id: z.union([z.string().min(1), z.number()]),
  question: z.string().trim().min(1),
  // Gold line numbers count from 1, as the hits' `lines` do (`evaluate-retrieval.ts`), as in ../shared/eval/rag/.
  gold: z.array(z.object({ start: z.number().int().min(1), end: z.number().int().min(1) }).refine((span) => span.end >= span.start, 'end < start')).optional(),
  document: z.string().min(1).optional(),
});

export function evalCommand(): Command {
  const evaluate = newCommand('eval').description(message('eval.description'));
  evaluate.addCommand(
    withCommonOptions(newCommand('retrieval'))
      .description(message('eval.retrieval.description'))
      .requiredOption('--queries <file>', message('eval.queries'))
      .requiredOption('--tenant <id>', message('option.tenant'))
      .option('--clearance <level>', message('search.clearance'))
      .option('--groups <groups>', message('search.groups'))
      .option('--k <n>', message('eval.k'), '10')
      .option('--json', message('option.json'))
      .option('--mode <mode>', message('search.mode'))
      .action(async (options: EvalOptions) => {
        const questions = readQuestions(options.queries);
        const k = Math.max(10, parsePositiveInteger(options.k, '--k'));
        const clearance = parseClearance(options.clearance ?? 'restricted');
        const result = await withDatabase(options, async (database, config) => {
          await requireTenant(database, options.tenant);
          const principal = operatorAs(options.tenant, clearance, options.groups);
          const settings = searchSettings(options.mode, config);
          // Gold documents the tenant does not hold make every question about them a miss: said, not left to the zeros.
          const held = new Set((await listDocuments(database, principal, options.tenant)).map((document) => document.name));
          const missing = [...new Set(questions.flatMap((question) => (question.document && !held.has(question.document) ? [question.document] : [])))];
          for (const name of missing) process.stderr.write(`kgov: ${message('eval.missingDocument', { document: name, tenant: options.tenant })}\n`);
          // Gold lines past a document's last line (a typo, lines counted in another copy of the file) are a miss nobody could score: said.
          const lastLines = new Map((await database.query<{ name: string; last: number | null }>(
            `SELECT d.name, max(c.line_end) AS last FROM documents d JOIN chunks c ON c.document_id = d.id
             WHERE d.tenant_id = $1 AND d.deleted_at IS NULL AND c.active GROUP BY d.name`, [options.tenant])).map((row) => [row.name, Number(row.last ?? 0)]));
          for (const question of questions) {
            const last = question.document ? lastLines.get(question.document) : undefined;
            const beyond = (question.gold ?? []).filter((range) => last !== undefined && last > 0 && range.start > last);
            if (beyond.length > 0) {
              process.stderr.write(`kgov: ${message('eval.goldBeyondEnd', { id: question.id, start: beyond[0]!.start, document: question.document!, last })}\n`);
            }
          }
          return withMemoryIndex(database, config, options.tenant, { warm: true }, () =>
            evaluateRetrieval(questions, (question) => searchChunks(database, principal, { tenantId: options.tenant, query: question, k, ...settings })));
        });
        if (result.answerable === 0) process.stderr.write(`kgov: ${message('eval.noGold', { file: options.queries })}\n`);
        if (options.json) return printLine(JSON.stringify(result));
        printLine(message('eval.result', {
          answerable: result.answerable, recall1: result.recallAt1.toFixed(3), recall5: result.recallAt5.toFixed(3),
          recall10: result.recallAt10.toFixed(3), mrr: result.mrrAt10.toFixed(3),
        }));
      }),
  );
  return evaluate;
}
