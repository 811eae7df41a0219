import type { GroundedAnswer } from '../services/index.js';
import { message } from './messages.js';
import { printLine } from './output.js';

/**
 * The lines under a grounded answer on a terminal: what retrieval left out, then each numbered source with its
 * version, lines or page, and section. `kgov ask` and `kgov task regulation-qa` print the same.
 */
export function printAnswerSources(answer: Pick<GroundedAnswer, 'withheld' | 'citations'>): void {
  if (answer.withheld > 0) printLine(message('ask.withheld', { count: answer.withheld }));
  if (answer.citations.length === 0) return;
  printLine('');
  printLine(message('ask.sources'));
  for (const citation of answer.citations) {
    const where = citation.lines ? message('ask.lines', { start: citation.lines[0], end: citation.lines[1] }) : citation.page ? message('ask.page', { page: citation.page }) : '';
    printLine(`[${citation.number}] ${citation.document} v${citation.version} ${where}${citation.section ? ` — ${citation.section}` : ''}`);
  }
}
