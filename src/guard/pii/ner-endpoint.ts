import type { DetectPiiOptions, PiiDetection } from './detect-pii.js';
import { detectPii } from './detect-pii.js';
import type { PiiEntity } from './pii-types.js';
import { resolveOverlaps } from './resolve-overlaps.js';

/**
 * An optional named-entity model (off by default: the rules need no download and no network). A deployment that
 * runs one behind an HTTP endpoint wraps it in this interface; its person names are merged with the rules'.
 */
export type NerClient = {
  /** Person-name spans in `text` (JavaScript string offsets) with the model's confidence. */
  findPersons(text: string, signal?: AbortSignal): Promise<{ start: number; end: number; score: number }[]>;
};

export async function detectPiiWithNer(text: string, ner: NerClient, options: DetectPiiOptions = {}): Promise<PiiDetection> {
  const rules = detectPii(text, options);
  const minScore = options.minScore ?? 0.5;
  const persons = (await ner.findPersons(text)).filter((span) =>
    span.score >= minScore && span.start >= 0 && span.end <= text.length && span.start < span.end);
  const merged = resolveOverlaps([...rules.entities, ...persons.map((span) => ({ type: 'PERSON' as const, ...span }))]);
  return {
    entities: merged.map((entity): PiiEntity =>
      options.includeText ? { ...entity, text: text.slice(entity.start, entity.end) } : { type: entity.type, start: entity.start, end: entity.end, score: entity.score }),
  };
}
