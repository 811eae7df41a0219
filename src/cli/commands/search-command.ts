import { Command } from 'commander';
import { parseClearance } from '../../auth/index.js';
import { KgovError } from '../../core/index.js';
import { recordAudit } from '../../audit/index.js';
import { configuredEmbedder, searchAudit, searchChunks, searchModes, type SearchHit, type SearchMode } from '../../search/index.js';
import type { KgovConfig } from '../../core/index.js';
import { jsonLines } from '../input-lines.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { printLine } from '../output.js';
import { operatorAs, withDatabase, withMemoryIndex } from '../runtime.js';
import { requireTenant } from '../../auth/index.js';

type SearchOptions = { tenant: string; clearance?: string; groups?: string; k: string; jsonl?: boolean; mode?: string; data?: string; config?: string };

/** `--mode` as given, or the configured default; with the embedder the mode needs. */
export function searchSettings(mode: string | undefined, config: KgovConfig): { mode: SearchMode; embedder: ReturnType<typeof configuredEmbedder> } {
  const chosen = mode ?? config.search.mode;
  if (!(searchModes as readonly string[]).includes(chosen)) throw new KgovError('usage', { detail: message('search.badMode', { value: chosen }) });
  return { mode: chosen as SearchMode, embedder: configuredEmbedder(config) };
}

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
    .option('--groups <groups>', message('search.groups'))
    .option('--k <n>', message('search.k'), '10')
    .option('--jsonl', message('search.jsonl'))
    .option('--mode <mode>', message('search.mode'))
    .action(async (query: string | undefined, options: SearchOptions) => {
      const k = parsePositiveInteger(options.k, '--k');
      const clearance = parseClearance(options.clearance ?? 'restricted');
      if (!options.jsonl && !query) throw new KgovError('usage', { detail: message('search.needQuery') });
      // --jsonl reads its questions from stdin; a query beside it would be silently ignored.
      if (options.jsonl && query) throw new KgovError('usage', { detail: message('search.queryWithJsonl') });
      await withDatabase(options, async (database, config) => {
        await requireTenant(database, options.tenant);
        const principal = operatorAs(options.tenant, clearance, options.groups);
        const settings = searchSettings(options.mode, config);
        if (!options.jsonl) {
          const hits = await searchChunks(database, principal, { tenantId: options.tenant, query: query!, k, ...settings });
          // The command line's reads are recorded as the API's are (the operator reads every grade).
          await recordAudit(database, searchAudit(principal, options.tenant, hits, query!.length));
          if (hits.length === 0) printLine(message('search.none'));
          for (const [rank, hit] of hits.entries()) {
            const where = hit.lines ? `${hit.lines[0]}-${hit.lines[1]}행` : hit.page ? `${hit.page}쪽` : '';
            printLine(`${rank + 1}. ${hit.document} ${where} (${hit.score.toFixed(2)})${hit.section ? ` — ${hit.section}` : ''}`);
            printLine(`   ${hit.text.replace(/\s+/g, ' ').slice(0, 160)}`);
          }
          return;
        }
        let failed = false;
        await withMemoryIndex(database, config, options.tenant, { warm: false }, async () => {
          for await (const line of jsonLines()) {
            let request: { id?: unknown; question?: unknown };
            try {
              const parsed: unknown = JSON.parse(line);
              // `null`, a number or an array is JSON but no request: answered like a broken line, the batch goes on.
              if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
              request = parsed as typeof request;
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
            const hits = await searchChunks(database, principal, { tenantId: options.tenant, query: request.question, k, ...settings });
            await recordAudit(database, searchAudit(principal, options.tenant, hits, request.question.length));
            printLine(JSON.stringify({ id: request.id ?? null, hits: hits.map(contractHit) }));
          }
        });
        if (failed) process.exitCode = 1;
      });
    });
}
