import { KgovError } from '../core/index.js';
import { language, message } from './messages.js';

export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Prints rows as aligned columns (Hangul counted as two cells, as terminals draw it). */
export function printTable(headers: string[], rows: string[][]): void {
  const width = (text: string) => [...text].reduce((sum, char) => sum + (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(char) ? 2 : 1), 0);
  const widths = headers.map((header, column) => Math.max(width(header), ...rows.map((row) => width(row[column] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, column) => cell + ' '.repeat(widths[column]! - width(cell))).join('  ').trimEnd();
  printLine(line(headers));
  for (const row of rows) printLine(line(row));
}

/** Every failure ends as one line on stderr: `kgov: 오류 [code] message`. Stacks only with KGOV_DEBUG=1. */
export function printError(error: unknown): void {
  if (process.env.KGOV_DEBUG === '1') process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  if (error instanceof KgovError) {
    process.stderr.write(`kgov: ${message('error.prefix')} [${error.code}] ${error.localizedMessage(language)}\n`);
    return;
  }
  const detail = ((error as Error)?.message ?? String(error)).split('\n')[0];
  process.stderr.write(`kgov: ${message('error.prefix')} [internal_error] ${message('error.internal', { detail })}\n`);
}

export function formatDate(value: Date | null): string {
  return value ? value.toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '-';
}
