// The PII module's own index, not the guard's: a parser worker needs the detector, not the guard chain.
import { detectPii, maskPii, PseudonymVault, type MaskingMode } from '../guard/pii/index.js';
import { maskSpans } from '../guard/checks/mask-spans.js';
import { findCredentials } from '../guard/rules/credentials.js';
import type { PiiTreatment } from './ingest-treatment.js';

/** Entity types and how many of each; never the values. */
export type PiiCounts = Record<string, number>;

/**
 * Personal data in one document's chunks. One instance per document, so `pseudonymise` gives the same
 * person the same token in every chunk of the document (overlapping chunks included).
 *
 * The pseudonym mapping is not kept. Stored, it would be one table holding every name and number of the
 * corpus behind a pseudonym — a second, concentrated copy of the personal data that needs its own access
 * control, retention and deletion. A reader cleared for the original gets it from the agency's own
 * record; within a document the tokens still tell people apart, which is what a model needs.
 */
export function createPersonalDataTreatment(treatment: PiiTreatment, minScore: number) {
  const mode: MaskingMode | null = treatment === 'mask' ? { kind: 'placeholder' } : treatment === 'pseudonymise' ? { kind: 'pseudonym', vault: new PseudonymVault() } : null;
  return {
    /**
     * Counts what is found in `text` and returns the text to store and index under the policy. Credentials
     * (`password=…`, API keys, private keys, connection strings) are masked whatever the policy: a password in a
     * document is served to no reader, and search hits and citation snippets show stored text as it is.
     */
    treat(text: string): { text: string; counts: PiiCounts } {
      const entities = detectPii(text, { minScore }).entities;
      const counts: PiiCounts = {};
      for (const entity of entities) counts[entity.type] = (counts[entity.type] ?? 0) + 1;
      const treated = !mode || entities.length === 0 ? text : maskPii(text, clipToLines(text, entities), mode);
      return { text: withoutCredentials(treated), counts };
    },
    /** Section headings are stored and indexed too: same policy, not counted (every chunk repeats them). */
    treatHeading(heading: string | null): string | null {
      if (!heading) return heading;
      if (!mode) return withoutCredentials(heading);
      const entities = detectPii(heading, { minScore }).entities;
      return withoutCredentials(entities.length === 0 ? heading : maskPii(heading, entities, mode));
    },
  };
}

/** `[비밀정보]`, as the guard masks them in answers; line by line, so the text keeps its lines. */
export function withoutCredentials(text: string): string {
  const found = findCredentials(text);
  return found.length === 0 ? text : maskSpans(text, clipToLines(text, found), () => '[비밀정보]');
}

/** A finding that spans a line break is masked line by line, so the text keeps its lines (citations count them). */
function clipToLines<T extends { start: number; end: number }>(text: string, entities: readonly T[]): T[] {
  return entities.flatMap((entity) => {
    const pieces: T[] = [];
    let start = entity.start;
    for (let newline = text.indexOf('\n', start); newline >= 0 && newline < entity.end; newline = text.indexOf('\n', start)) {
      if (newline > start) pieces.push({ ...entity, start, end: newline });
      start = newline + 1;
    }
    if (start < entity.end) pieces.push({ ...entity, start, end: entity.end });
    return pieces;
  });
}

/**
 * A file name or path as the audit log keeps it: personal data in it masked (`홍길동_900101-1234567_회신.txt` →
 * `[성명]_[주민등록번호]_회신.txt`). The log keeps what it is given for good and cannot be corrected, while the
 * document itself can be deleted. `_` and path separators are read as spaces for detection (offsets unchanged),
 * since in file names they stand where a sentence has spaces.
 */
export function nameForAudit(name: string | null): string | null {
  if (!name) return name;
  const spaced = name.replace(/[_/\\]/g, ' ');
  // Names at the detector's usual 0.5: a file name is a few words, and masking one too many in an audit record costs
  // little (the record keeps the document id), while a name kept there stays for good (the log is never rewritten).
  const entities = detectPii(spaced, { minScore: 0.5 }).entities;
  return entities.length === 0 ? name : maskPii(name, entities, { kind: 'placeholder' });
}
