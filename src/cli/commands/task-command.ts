import { Command } from 'commander';
import { actorOf, parseClearance, requireTenant } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { buildModelRouter } from '../../models/index.js';
import { recordAudit } from '../../audit/index.js';
import { answerFromDocuments, groundedAnswerAudit, internalProvidersFor } from '../../services/index.js';
import { printAnswerSources } from '../answer-sources.js';
import { domainRefusal, findTask, isOutOfDomain, planTask, taskReference, taskTemplates } from '../../services/tasks/index.js';
import { mapStrings } from '../../api/side-texts.js';
import { withCliGuard } from '../cli-guard.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { language, message } from '../messages.js';
import { printLine, printTable } from '../output.js';
import { operatorAs, readStdin, withDatabase } from '../runtime.js';

type TaskOptions = {
  tenant?: string; model?: string; lines?: string; to?: string; option: string[]; list?: boolean; dryRun?: boolean; json?: boolean;
  clearance?: string; data?: string; config?: string;
};

const collect = (value: string, previous: string[]) => [...previous, value];

/** `--option key=value`: numbers, booleans and JSON values are read as such; anything else is a string. */
function taskOptions(options: TaskOptions): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const pair of options.option) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new KgovError('usage', { detail: message('task.badOption', { value: pair }) });
    const raw = pair.slice(equals + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // A plain word (a language code, a name): keep the string.
    }
    result[pair.slice(0, equals)] = value;
  }
  if (options.lines !== undefined) result.lines = Number(options.lines);
  if (options.to !== undefined) result.to = options.to;
  return result;
}

/** The model's internal providers; an external-only model is refused as the command line's rule, not a grounded answer's. */
function internalOnly(router: ReturnType<typeof buildModelRouter>, model: string) {
  try {
    return internalProvidersFor(router, model);
  } catch (error) {
    if (error instanceof KgovError && error.code === 'generator_external') throw new KgovError('external_model_cli', { model });
    throw error;
  }
}

export function taskCommand(): Command {
  return withCommonOptions(newCommand('task'))
    .description(message('task.description'))
    .argument('[name]', message('task.name'))
    .argument('[text]', message('task.text'))
    .option('--tenant <id>', message('option.tenant'))
    .option('--model <id>', message('task.model'))
    .option('--lines <n>', message('task.lines'))
    .option('--to <language>', message('task.to'))
    .option('--option <key=value>', message('task.option'), collect, [])
    .option('--clearance <level>', message('search.clearance'))
    .option('--dry-run', message('task.dryRun'))
    .option('--list', message('task.list'))
    .option('--json', message('option.json'))
    .action(async (name: string | undefined, text: string | undefined, options: TaskOptions) => {
      if (options.list || !name) {
        if (options.json) return printLine(JSON.stringify(taskTemplates.map((template) => ({ task: taskReference(template), title: template.title, withoutModel: template.withoutModel }))));
        return printTable(['TASK', 'TITLE', 'WITHOUT MODEL'], taskTemplates.map((template) => [taskReference(template), template.title[language], template.withoutModel]));
      }
      const found = findTask(name);
      if (!found.ok) throw new KgovError('task_not_found', { task: name });
      const { template } = found;
      if (!options.tenant) throw new KgovError('usage', { detail: message('task.tenantRequired') });
      const tenantId = options.tenant;
      const material = text ?? (await readStdin());
      const extra = taskOptions(options);
      const clearance = parseClearance(options.clearance ?? 'restricted');
      const outcome = await withDatabase(options, async (database, config) => {
        await requireTenant(database, tenantId);
        const print = (answer: Record<string, unknown> & { text: string }) => (options.json ? printLine(JSON.stringify({ task: taskReference(template), ...answer })) : printLine(answer.text));
        const router = buildModelRouter(config);
        const principal = operatorAs(tenantId, clearance);
        return withCliGuard(database, config, router, { tenantId, actor: actorOf(principal) }, async (guard) => {
          // Before the guard chain, as in the gateway: a tenant whose domain action is `block` still gets the polite answer.
          if (await isOutOfDomain(guard.policy, material)) return print({ mode: 'refused', text: domainRefusal(guard.policy.domain.scope, language) });
          // The material goes through the input chain (block, masking) before it reaches a template or a model.
          const guarded = await guard.input(material);
          // Extractive answers and summaries quote documents or the material itself (GuardInput.quoted).
          const printGuarded = async (answer: Record<string, unknown> & { text: string }) => print({ ...answer, text: await guard.output(answer.text, answer.mode === 'extractive') });
          if (template.withoutModel === 'retrieval') {
            const answer = await answerFromDocuments(database, principal, {
              tenantId, question: guarded, k: config.rag.passages, router, generatorModel: options.model ?? config.rag.generatorModel, language,
            });
            await recordAudit(database, groundedAnswerAudit(principal, tenantId, answer, guarded));
            await printGuarded({ ...answer });
            // The sources the answer's [n] refer to, as `kgov ask` lists them (in --json they are in the line).
            if (!options.json) printAnswerSources(answer);
            return;
          }
          const generator = options.model ?? (config.tasks.generatorModel === undefined ? config.rag.generatorModel : config.tasks.generatorModel);
          // The options go into the prompt too (recipient, glossary, …): through the same input chain as the material.
          const optionTexts: string[] = [];
          mapStrings(extra, (value) => (optionTexts.push(value), value));
          const guardedTexts: string[] = [];
          for (const value of optionTexts) guardedTexts.push(await guard.input(value));
          const guardedExtra = mapStrings(extra, () => guardedTexts.shift()!) as Record<string, unknown>;
          const plan = planTask({ template, options: guardedExtra, conversation: [{ role: 'user' as const, content: guarded }], generator: options.dryRun ? generator ?? 'dry-run' : generator });
          if (plan.kind === 'extractive') return printGuarded({ mode: 'extractive', text: plan.text });
          if (options.dryRun) return printLine(JSON.stringify({ task: taskReference(template), model: generator, messages: plan.messages }, null, options.json ? undefined : 2));
          const request = { model: generator!, messages: plan.messages };
          // The command line guards for the internal zone (no masking, no allow-list): it sends to models inside the
          // agency only. External models are reached through the gateway (`kgov serve`), where both apply.
          const internal = internalOnly(router, request.model);
          if (options.json) {
            const result = await router.generate(request, new AbortController().signal, internal);
            return printGuarded({ mode: 'generative', model: generator, text: result.text, usage: result.usage });
          }
          // Streamed to the terminal as it arrives (a 공문 draft takes a while to write), through the output guard.
          const live = guard.stream((text) => process.stdout.write(text));
          const opened = await router.openStream(request, new AbortController().signal, internal);
          for (let part = opened.first; !part.done; part = await opened.rest.next()) {
            if (part.value.type === 'text-delta') await live.push(part.value.text);
            else break;
          }
          await live.end();
          process.stdout.write('\n');
        });
      });
      return outcome;
    });
}

