import { textTerms } from './answer-evidence.js';

/**
 * Where a line stands in a table (a Markdown row, as chunks hold the tables of every format): a body row's words
 * include its header row's, its caption's (the line of text just before the table: [주요 기관별 세계경제 성장률 전망(%)])
 * and, under a merged first cell, its group's (IMF over 선진국 and 신흥국). "| | 선진국 | | 5.2 | 2.4 | 1.1 |" alone shares
 * one word with "IMF 전망 기준 선진국의 2023년 경제성장률"; read under its table it holds the question, and it is quoted
 * under its column names: "[주요 기관별 세계경제 성장률 전망(%)] — 기관: IMF, 선진국, 2021: 5.2, 2022: 2.4, 2023(e): 1.1".
 */
export class TableContext {
  /** The last line of text before the table, when it reads as a caption; a later piece of the same table keeps it. */
  #caption: string | null = null;
  #header: { cells: string[]; terms: Set<string>; unit: string | null } | null = null;
  #group: string | null = null;

  /**
   * What a line is in its table, reading the lines in order: 'header', 'empty' (a body row with no cell filled in: a
   * form's blank row), a body row, or null (no table row).
   */
  read(line: string): 'header' | 'empty' | TableRow | null {
    const cells = markdownCells(line);
    if (!cells) {
      // A blank line ends a table (chunks join blocks with one; a table's rows are never apart), not its caption's reach.
      if (line.trim() === '') {
        this.#header = null;
        return null;
      }
      // Text between tables: the last line before one is its caption when it reads as a title, not as a sentence
      // ("가. 국내 출장 여비는 … 구분하여 지급한다." before a table of 일비 and 식비 would give every row its words).
      this.#header = null;
      this.#caption = readsAsCaption(line.trim()) ? line.trim() : null;
      return null;
    }
    if (this.#header === null) {
      const about = `${this.#caption ?? ''} ${cells.join(' ')}`;
      this.#header = { cells, terms: textTerms(about), unit: tableUnit.exec(about)?.[1]?.trim() ?? null };
      this.#group = null;
      return 'header';
    }
    const grouped = cells[0] === '' && this.#group !== null;
    if (cells[0] !== '') this.#group = cells[0]!;
    const named = cells.map((cell, index) => (index === 0 && grouped ? this.#group! : cell));
    const header = this.#header.cells;
    const pairs = named.flatMap((cell, index) => {
      // Quoted as a reader sees the cell: markup a converted report left in it (<ul style="…">, <br>) is no text.
      const shown = withoutMarkup(cell);
      if (shown === '') return [];
      const name = withoutMarkup(header[index] ?? '');
      return [name === '' || name === shown ? shown : `${name}: ${shown}`];
    });
    if (pairs.length === 0) return 'empty';
    const own = textTerms(named.join(' '));
    const terms = new Set([...this.#header.terms, ...own]);
    const unit = this.#header.unit;
    const withUnit = unit ? named.filter((cell) => /^[\d,.~-]+$/.test(cell)).map((cell) => `${cell}${unit}`).join(' ') : null;
    return { cells: own, terms, key: pairs.join(', '), quoted: `${this.#caption ? `${this.#caption} — ` : ''}${pairs.join(', ')}`, withUnit };
  }
}
const withoutMarkup = (cell: string) => cell.replace(/<\/?[A-Za-z][^<>]{0,200}>/g, ' ').replace(/\s+/g, ' ').trim();
const maxCaption = 80;
/** [주요 LLM 모델 비교], <표 3> …, 표 2. …, or a short title (4. 예산 (총 9억 5천만원)) that does not end as a sentence does. */
function readsAsCaption(text: string): boolean {
  if (text.length === 0 || text.length > maxCaption) return false;
  if (/^[[<【〈《(]/.test(text) && /[\]>】〉》)]$/.test(text)) return true;
  if (/^(?:<\s*)?(?:표|그림|table)\s*\d/i.test(text)) return true;
  return text.length <= 40 && !/[.。!?:：]$|[다음함임됨요]$/.test(text);
}
/**
 * A body row: its own words (`cells`, a merged first cell's included), those with its table's, the row under its column
 * names without the caption (`key`) and with it (`quoted`), and its numbers with the table's unit (5.2%) or null.
 */
export type TableRow = { cells: Set<string>; terms: Set<string>; key: string; quoted: string; withUnit: string | null };
// A table's unit as captions and headers state it: 전망(%), (단위: 억원), [단위 : 명].
// (e) after a year is an estimate, not a unit.
const tableUnit = /[([]\s*(?:단위\s*(?:[:：]\s*)?)?(%|퍼센트|(?:[십백천만억조]+\s*)?원|명|개|건|시간|일|개월|년|대|달러|유로|gb|mb|tb|km²?|kg|ha|usd|krw)\s*[)\]]/i;

/** The cells of a Markdown table row (| a | b |), or null for any other line. */
function markdownCells(line: string): string[] | null {
  const trimmed = line.trim();
  if (trimmed.length < 3 || !trimmed.startsWith('|') || !trimmed.endsWith('|')) return null;
  const cells = trimmed.slice(1, -1).split('|').map((cell) => cell.trim());
  return cells.length >= 2 ? cells : null;
}
