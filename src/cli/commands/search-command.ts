import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { parseClearance } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { searchChunks, type SearchHit } from '../../search/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { operatorAs, withDatabase } from '../runtime.js';
import { requireTenant } from '../../auth/index.js';

type SearchOptions = { tenant: string; clearance?: string; k: string; jsonl?: boolean; data?: string; config?: string };

export function parsePositiveInteger(value: string, name: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 1000) throw new KgovError('usage', { detail: message('usage.badNumber', { name, value }) });
  return number;
}

/** The contract's hit shape (DESIGN.md): document, chunk, lines, page, score; plus version and section. */
export function contractHit(hit: SearchHit) {
  return { document: hit.document, chunk: hit.chunk, lines: hit.lines, page: hit.page, score: Number(hit.score.toFixed(4)), version: hit.version, section: hit.section };
}

export function searchCommand(): Command {
  return withCommonOptions(newCommand('search'))
    .description(message('search.description'))
    .argument('[query]', message('search.query'))
    .requiredOption('--tenant <id>', message('option.tenant'))
    .option('--clearance <level>', message('search.clearance'))
    .option('--k <n>', message('search.k'), '10')
    .option('--jsonl', message('search.jsonl'))
    .action(async (query: string | undefined, options: SearchOptions) => {
      const k = parsePositiveInteger(options.k, '--k');
      const clearance = parseClearance(options.clearance ?? 'restricted');
      if (!options.jsonl && !query) throw new KgovError('usage', { detail: message('search.needQuery') });
      await withDatabase(options, async (database) => {
        await requireTenant(database, options.tenant);
        const principal = operatorAs(options.tenant, clearance);
        if (!options.jsonl) {
          const hits = await searchChunks(database, principal, { tenantId: options.tenant, query: query!, k });
          if (hits.length === 0) printLine(message('search.none'));
          for (const [rank, hit] of hits.entries()) {
            const where = hit.lines ? `${hit.lines[0]}-${hit.lines[1]}행` : hit.page ? `${hit.page}쪽` : '';
            printLine(`${rank + 1}. ${hit.document} ${where} (${hit.score.toFixed(2)})${hit.section ? ` — ${hit.section}` : ''}`);
            printLine(`   ${hit.text.replace(/\s+/g, ' ').slice(0, 160)}`);
          }
          return;
        }
        let failed = false;
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          if (!line.trim()) continue;
          let request: { id?: unknown; question?: unknown };
          try {
            request = JSON.parse(line) as typeof request;
          } catch {
            failed = true;
            printLine(JSON.stringify({ id: null, error: { code: 'invalid_request', message: message('search.badLine') } }));
            continue;
          }
          if (typeof request.question !== 'string' || !request.question.trim()) {
            failed = true;
            printLine(JSON.stringify({ id: request.id ?? null, error: { code: 'invalid_request', message: message('search.badLine') } }));
            continue;
          }
          const hits = await searchChunks(database, principal, { tenantId: options.tenant, query: request.question, k });
          printLine(JSON.stringify({ id: request.id ?? null, hits: hits.map(contractHit) }));
        }
        if (failed) process.exitCode = 1;
      });
    });
}
