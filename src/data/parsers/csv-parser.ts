import type { DocumentParser } from './document-parser.js';
import { cellText, DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf } from './input-checks.js';
import { guardedParse } from './parse-failure.js';
import { decodeText } from './text-decoding.js';

// Chunks should hold a screenful of rows; each block repeats the header so it reads on its own.
const rowsPerBlock = 50;

/** CSV/TSV (RFC 4180 quoting; delimiter guessed from the first line). One table per 50 rows, with line spans. */
export const csvParser: DocumentParser = {
  formats: ['csv'],
  canParse: (_bytes, fileName) => ['csv', 'tsv'].includes(extensionOf(fileName)),
  parse: (bytes, fileName, limits) =>
    guardedParse(() => {
      checkInput(bytes, limits);
      const { text, encoding } = decodeText(bytes);
      const delimiter = extensionOf(fileName) === 'tsv' ? '\t' : guessDelimiter(text);
      const records = readRecords(text, delimiter);
      const builder = new DocumentBuilder('csv');
      builder.metadata.encoding = encoding;
      const [header, ...body] = records;
      if (!header) return builder.build();
      if (body.length === 0) builder.add({ kind: 'table', rows: [header.cells], lines: [header.line, header.endLine] });
      for (let index = 0; index < body.length; index += rowsPerBlock) {
        const slice = body.slice(index, index + rowsPerBlock);
        builder.add({ kind: 'table', rows: [header.cells, ...slice.map((record) => record.cells)], lines: [index === 0 ? header.line : slice[0]!.line, slice[slice.length - 1]!.endLine] });
      }
      return builder.build();
    }),
};

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';', '|'].map((candidate) => [candidate, firstLine.split(candidate).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

type CsvRecord = { cells: string[]; line: number; endLine: number };

/** RFC 4180: quoted fields may hold delimiters, doubled quotes and newlines, so a record can span lines. */
function readRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    cells.push(field);
    if (cells.some((cell) => cell.trim() !== '')) records.push({ cells: cells.map(cellText), line: recordLine, endLine: line });
    cells = [];
    field = '';
  };
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') { field += '"'; index++; }
      else if (character === '"') quoted = false;
      else { if (character === '\n') line++; field += character; }
    } else if (character === '"' && field === '') quoted = true;
    else if (character === delimiter) { cells.push(field); field = ''; }
    else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index++;
      endRecord();
      line++;
      recordLine = line;
    } else field += character;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}
