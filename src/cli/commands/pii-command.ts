import { Command } from 'commander';
import { once } from 'node:events';
import { z } from 'zod';
import { KgovError } from '../../core/index.js';
import { detectPii } from '../../guard/pii/index.js';
import { jsonLines } from '../input-lines.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';

/** One request line of `kgov pii scan --jsonl` (the public contract in DESIGN.md). */
// A line without an id is answered with `"id": null`, as kgov search does (Presidio's vectors have none).
const scanRequest = z.object({ id: z.union([z.string(), z.number()]).nullish(), text: z.string() });

type ScanOptions = { jsonl?: boolean; minScore?: string; data?: string; config?: string };

export function piiCommand(): Command {
  const pii = newCommand('pii').description(message('pii.description'));
  pii.addCommand(
    // Detection is pure: no data directory or database is opened, so scans can run beside a live server.
    withCommonOptions(newCommand('scan'))
      .description(message('pii.scan.description'))
      .option('--jsonl', message('pii.scan.jsonl'))
      .option('--min-score <score>', message('pii.scan.minScore'))
      .action(async (options: ScanOptions) => {
        const minScore = parseMinScore(options.minScore);
        const failed = options.jsonl ? await scanJsonLines(minScore) : await scanPlainText(minScore);
        if (failed > 0) {
          process.stderr.write(`${message('pii.scan.failedLines', { count: failed })}\n`);
          process.exitCode = 1;
        }
      }),
  );
  return pii;
}

function parseMinScore(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const score = Number(value);
  if (!Number.isFinite(score) || score < 0 || score > 1) {
    throw new KgovError('usage', { detail: message('pii.scan.badMinScore', { value }) });
  }
  return score;
}

/** Reads `{"id","text"}` lines and answers each in order; a bad line gets an error line and the scan goes on. */
async function scanJsonLines(minScore: number | undefined): Promise<number> {
  let failed = 0;
  for await (const line of jsonLines()) {
    const answer = scanLine(line, minScore);
    if ('error' in answer) failed++;
    if (!process.stdout.write(`${JSON.stringify(answer)}\n`)) await once(process.stdout, 'drain');
  }
  return failed;
}

type ScanAnswer =
  | { id: string | number | null; entities: { type: string; start: number; end: number; score: number }[] }
  | { id: string | number | null; error: { code: 'invalid_request'; message: string } };

function scanLine(line: string, minScore: number | undefined): ScanAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { id: null, error: { code: 'invalid_request', message: message('pii.scan.notJson') } };
  }
  const request = scanRequest.safeParse(parsed);
  if (!request.success) {
    const id = typeof parsed === 'object' && parsed !== null && 'id' in parsed ? idOf((parsed as { id: unknown }).id) : null;
    return { id, error: { code: 'invalid_request', message: message('pii.scan.badRequest') } };
  }
  const { entities } = detectPii(request.data.text, { minScore });
  return {
    id: request.data.id ?? null,
    entities: entities.map(({ type, start, end, score }) => ({ type, start, end, score })),
  };
}

function idOf(value: unknown): string | number | null {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** Without --jsonl: the whole of stdin is one text, findings one per line (for a person at a terminal). */
async function scanPlainText(minScore: number | undefined): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const { entities } = detectPii(text, { minScore });
  if (entities.length === 0) printLine(message('pii.scan.none'));
  for (const entity of entities) printLine(`${entity.type}\t${entity.start}-${entity.end}\t${entity.score}`);
  return 0;
}
