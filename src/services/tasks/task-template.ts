import type { z } from 'zod';
import type { Bilingual } from '../../core/index.js';
import type { ChatMessage } from '../../models/index.js';

/**
 * How a task runs when no generative model is configured:
 * - `extractive`: it can be done by choosing the source's own sentences (summaries), labelled as such;
 * - `retrieval`: it answers through kgov-rag, which quotes passages by itself (regulation Q&A);
 * - `model-required`: it needs a model; the caller gets `model_required`, never a made-up answer.
 */
export type WithoutModel = 'extractive' | 'retrieval' | 'model-required';

/** Options are caller input: a bad value is an expected failure, reported in the caller's words. */
export type RenderResult = { ok: true; messages: ChatMessage[]; options: Record<string, unknown> } | { ok: false; issues: string };

/** One released prompt. Released templates are never edited: a change is a new version (see README.md). */
export type TaskTemplate = {
  readonly name: string;
  readonly version: number;
  readonly title: Bilingual;
  readonly withoutModel: WithoutModel;
  /** Renders the caller's material (the last user message) and options into the messages the model receives. */
  render(material: string, options: unknown): RenderResult;
  /** Only for `extractive` tasks: the answer without a model. */
  extract?(material: string, options: unknown): string;
};

/** Builds a template whose options are checked by a schema; the schema's output type reaches `prompt` intact. */
export function defineTask<Schema extends z.ZodType<Record<string, unknown>>>(definition: {
  name: string;
  version: number;
  title: Bilingual;
  withoutModel: WithoutModel;
  options: Schema;
  system: string | ((options: z.output<Schema>) => string);
  user: (material: string, options: z.output<Schema>) => string;
  extract?: (material: string, options: z.output<Schema>) => string;
}): TaskTemplate {
  const parse = (options: unknown) => definition.options.safeParse(options ?? {});
  const describe = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ');
  const { extract } = definition;
  return Object.freeze({
    name: definition.name,
    version: definition.version,
    title: definition.title,
    withoutModel: definition.withoutModel,
    render(material: string, options: unknown): RenderResult {
      const parsed = parse(options);
      if (!parsed.success) return { ok: false, issues: describe(parsed.error) };
      const system = typeof definition.system === 'string' ? definition.system : definition.system(parsed.data);
      return {
        ok: true,
        options: parsed.data,
        messages: [{ role: 'system', content: system }, { role: 'user', content: definition.user(material, parsed.data) }],
      };
    },
    ...(extract ? {
      extract(material: string, options: unknown): string {
        const parsed = parse(options);
        // render() is always called first and reports bad options; here the defaults are a safe answer.
        return extract(material, parsed.success ? parsed.data : (definition.options.parse({}) as z.output<Schema>));
      },
    } : {}),
  });
}

/**
 * Material is quoted between markers so the model treats it as data, not as instructions to follow. A marker inside
 * the material (</문서> and its look-alikes ‹/문서›, ＜/문서＞) would close the block early and put what follows
 * outside it, where it reads as our instruction: its brackets become square ones, so the only markers are ours.
 */
export function quoted(label: string, material: string): string {
  const forged = new RegExp(`[<‹＜〈﹤《]\\s*(/?)\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[>›＞〉﹥》]`, 'gu');
  return `<${label}>\n${material.trim().replace(forged, (_, slash: string) => `[${slash}${label}]`)}\n</${label}>`;
}
