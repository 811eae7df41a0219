import { seoulDay } from '../core/index.js';
import type { ParsedDocument } from './parsers/index.js';

/**
 * The date a version speaks for, so answers can prefer the newest of contradicting documents. In
 * order: the last enforcement clause of a statute or regulation ('이 규정은 2024년 7월 1일부터 시행한다'), a date line near the top (공문 and reports state their date there: '2023. 12. 1.',
 * '2023년 12월 1일', '2023-12-01'), then the file's modified and created properties (DOCX/XLSX/PPTX
 * core properties, HWPX's content.hpf, PDF's info dictionary), else null (the caller uses the ingest
 * time). The stated date wins over properties: files are often re-saved long after they were issued.
 */
export type EffectiveDate = { date: string; source: 'enforcement' | 'text' | 'metadata' };

const headBlocks = 12;
const textDate = /(?<!\d)((?:19|20)\d{2})\s*(?:[.\-/]\s*|년\s*)(\d{1,2})\s*(?:[.\-/]\s*|월\s*)(\d{1,2})(?:\s*[.일]|(?!\d))/;
/**
 * A month without a day, as a notice's or a guide's head writes it at the end of a line, alone, after its issuer or
 * before what happened then ("2025년 3월 개정", "안전총괄과 / 2025년 5월", "민원지적과 발행 (2025년 3월 개정)", "2025. 3.
 * 시행"): dated the first of that month. Read only when no line of the head states a full date.
 */
const monthLine = /^(?:[^\d\n]{0,40}[\s/(])?((?:19|20)\d{2})\s*(?:년\s*|[.\-/]\s*)(\d{1,2})(?:\s*(?:월|\.))?(?:\s*(개정|제정|시행|발행|작성|기준|현재|발간)[^\n]{0,10})?\)?\s*$/;
const modifiedKeys = ['modified', 'moddate', 'ModifiedDate', 'lastsaveddate', 'date'];
const createdKeys = ['created', 'creationdate', 'CreatedDate', 'createddate'];

/**
 * A statute's or regulation's enforcement clause ("이 규정은 2024년 7월 1일부터 시행한다", in its 부칙): the date it
 * takes effect. The last one wins: 부칙 follow one another, the latest amendment's last.
 */
const enforcementClause = /이\s*(?:법|법률|영|령|시행령|시행규칙|규칙|규정|조례|지침|훈령|예규|고시|내규|세칙|요령|기준|공고)[은는]\s*((?:19|20)\d{2})\s*(?:[.\-/]\s*|년\s*)(\d{1,2})\s*(?:[.\-/]\s*|월\s*)(\d{1,2})\s*(?:(?:일|\.)\s*)?부터\s*시행/g;

/**
 * A 공문's own number and date in its footer ("시행  감사담당관실-567 (2025. 3. 28.)"): the date the letter was issued.
 * Its "관련: 운영지원과-1234(2025. 3. 4.)" near the top is another document's.
 */
const letterIssued = /(?:^|\n)[^\S\n]*시행[^\S\n]+[^\n]{0,40}?((?:19|20)\d{2})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})/;
// A date on a line that refers to other papers (관련, 참조, 붙임) is theirs.
const referenceBefore = /(?:관련|참조|붙임|근거)[^\n]*$/;

export function effectiveDate(document: ParsedDocument): EffectiveDate | null {
  let enforced: string | null = null;
  let issued: string | null = null;
  for (const block of document.blocks) {
    if (!('text' in block)) continue;
    for (const match of block.text.matchAll(enforcementClause)) enforced = isoDate(Number(match[1]), Number(match[2]), Number(match[3])) ?? enforced;
    const letter = letterIssued.exec(block.text);
    if (letter) issued = isoDate(Number(letter[1]), Number(letter[2]), Number(letter[3])) ?? issued;
  }
  if (enforced) return { date: enforced, source: 'enforcement' };
  if (issued) return { date: issued, source: 'enforcement' };
  const head = [document.title ?? '', ...document.blocks.slice(0, headBlocks).map((block) => ('text' in block ? block.text : ''))];
  for (const text of head) {
    const match = textDate.exec(text.slice(0, 300));
    if (match && referenceBefore.test(text.slice(0, match.index))) continue;
    const date = match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
    // "시행일: 2024. 3. 1.": the line names the date the document takes effect.
    if (date) return { date, source: /시행/.test(text.slice(0, match!.index + match![0].length)) ? 'enforcement' : 'text' };
  }
  for (const text of head) {
    for (const line of text.slice(0, 300).split('\n')) {
      const month = monthLine.exec(line);
      const date = month ? isoDate(Number(month[1]), Number(month[2]), 1) : null;
      if (date) return { date, source: month![3] === '시행' ? 'enforcement' : 'text' };
    }
  }
  for (const key of [...modifiedKeys, ...createdKeys]) {
    const value = metadataValue(document.metadata, key);
    const date = value ? metadataDate(value) : null;
    if (date) return { date, source: 'metadata' };
  }
  return null;
}

function metadataValue(metadata: Record<string, string>, key: string): string | undefined {
  const lower = key.toLowerCase();
  const found = Object.keys(metadata).find((name) => name.toLowerCase() === lower);
  return found === undefined ? undefined : metadata[found];
}

/**
 * ISO 8601 ('2023-12-01T09:00:00Z') or PDF's 'D:20231201090000+09'00''. A time with a zone (Z, +09:00, +09'00')
 * is dated by its day in Seoul: Word writes its properties in UTC, so a file saved at 01:00 KST on 1 December
 * says '2023-11-30T16:00:00Z'. Without a zone the date is taken as written.
 */
export function metadataDate(value: string): string | null {
  const text = value.trim();
  const match = /^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})(?:T?(\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}'?:?\d{2}'?)?)?/.exec(text);
  if (!match) return null;
  const date = isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  const zone = match[7];
  if (!date || match[4] === undefined || zone === undefined) return date;
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.replace(/[^0-9]/g, '').slice(2, 4)));
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5] ?? 0), Number(match[6] ?? 0)) - offsetMinutes * 60_000;
  return seoulDay(utc);
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null; // 2023. 2. 30.
  return date.toISOString().slice(0, 10);
}
