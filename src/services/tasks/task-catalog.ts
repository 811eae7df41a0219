import type { TaskTemplate } from './task-template.js';
import { codeV1, codeV2 } from './templates/code.js';
import { emailV1 } from './templates/email.js';
import { excelFormulaV1 } from './templates/excel-formula.js';
import { interviewQuestionsV1 } from './templates/interview-questions.js';
import { meetingMinutesV1 } from './templates/meeting-minutes.js';
import { officialLetterV1 } from './templates/official-letter.js';
import { plainLanguageV1 } from './templates/plain-language.js';
import { regulationQaV1 } from './templates/regulation-qa.js';
import { summarizeV1 } from './templates/summarize.js';
import { translateV1 } from './templates/translate.js';

/** Every released template version. Append new versions; never remove one that callers may pin. */
export const taskTemplates: readonly TaskTemplate[] = [
  summarizeV1, translateV1, meetingMinutesV1, emailV1, officialLetterV1, plainLanguageV1, excelFormulaV1, codeV1,
  interviewQuestionsV1, regulationQaV1, codeV2,
];

/** Short names people type; the canonical names stay spelled out. */
const aliases: Record<string, string> = {
  summarise: 'summarize', summary: 'summarize', minutes: 'meeting-minutes', gongmun: 'official-letter', letter: 'official-letter',
  rewrite: 'plain-language', excel: 'excel-formula', interview: 'interview-questions', regulation: 'regulation-qa',
};

export type TaskLookup = { ok: true; template: TaskTemplate } | { ok: false; reason: 'unknown-task' | 'unknown-version' | 'malformed' };

/**
 * `summarize@1` pins a version; `summarize` means the newest. Callers who need reproducible output
 * pin: a new version may phrase the prompt differently.
 */
export function findTask(reference: string): TaskLookup {
  const match = /^([a-z][a-z-]{1,40})(?:@(\d{1,4}))?$/.exec(reference.trim().toLowerCase());
  if (!match) return { ok: false, reason: 'malformed' };
  const name = aliases[match[1]!] ?? match[1]!;
  const versions = taskTemplates.filter((template) => template.name === name);
  if (versions.length === 0) return { ok: false, reason: 'unknown-task' };
  if (match[2] === undefined) return { ok: true, template: versions.reduce((newest, template) => (template.version > newest.version ? template : newest)) };
  const pinned = versions.find((template) => template.version === Number(match[2]));
  return pinned ? { ok: true, template: pinned } : { ok: false, reason: 'unknown-version' };
}

export function taskReference(template: TaskTemplate): string {
  return `${template.name}@${template.version}`;
}
