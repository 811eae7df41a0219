import { z } from 'zod';
import { buildGroundedPrompt } from '../../grounded-answer.js';
import { defineTask, quoted } from '../task-template.js';

/**
 * Regulation Q&A answers through kgov-rag: retrieval under the caller's permissions, numbered
 * sources, [n] citations (src/services/grounded-answer.ts). The prompt rendered here is only what a
 * caller sees when no retrieval runs (`kgov task --dry-run`): the real prompt carries the sources.
 */
export const regulationQaV1 = defineTask({
  name: 'regulation-qa',
  version: 1,
  title: { ko: '규정 질의응답', en: 'Regulation Q&A' },
  withoutModel: 'retrieval',
  options: z.strictObject({}),
  system: buildGroundedPrompt('', [])[0]!.content,
  user: (material) => quoted('질문', material),
});
