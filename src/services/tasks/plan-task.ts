import { KgovError } from '../../core/index.js';
import type { ChatMessage } from '../../models/index.js';
import type { TaskTemplate } from './task-template.js';
import { taskReference } from './task-catalog.js';

/** What the platform does for one task request (regulation Q&A goes through kgov-rag and never gets here). */
export type TaskPlan =
  | { kind: 'generate'; messages: ChatMessage[] }
  | { kind: 'extractive'; text: string };

/** The material a task works on: the caller's last user message. */
export function taskMaterial(messages: readonly ChatMessage[]): string {
  return messages.findLast((message) => message.role === 'user')?.content ?? '';
}

/**
 * Renders the template around the caller's conversation: the template's system message first (it
 * defines the job), the caller's own earlier messages kept (context such as "우리 기관은 …"), and the
 * last user message replaced by the template's framing of it. Without a generator model, a task
 * that can be done extractively is; any other task fails with `model_required` rather than guess.
 */
export function planTask(input: { template: TaskTemplate; options: unknown; conversation: readonly ChatMessage[]; generator: string | null }): TaskPlan {
  const { template, conversation } = input;
  const material = taskMaterial(conversation);
  if (!material.trim()) throw new KgovError('task_options_invalid', { task: taskReference(template), detail: '내용(user 메시지)이 비어 있습니다 / the user message is empty' }, { param: 'messages' });
  const rendered = template.render(material, input.options);
  if (!rendered.ok) throw new KgovError('task_options_invalid', { task: taskReference(template), detail: rendered.issues }, { param: 'kgov.options' });
  if (input.generator === null) {
    if (template.extract) return { kind: 'extractive', text: template.extract(material, input.options) };
    throw new KgovError('model_required', { task: taskReference(template) }, { param: 'model' });
  }
  const lastUser = conversation.findLastIndex((message) => message.role === 'user');
  const [system, user] = rendered.messages as [ChatMessage, ChatMessage];
  return { kind: 'generate', messages: [system, ...conversation.filter((_, index) => index !== lastUser), user] };
}
