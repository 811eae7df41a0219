import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { KgovError } from '../../core/index.js';
import { defaultParseLimits, parseFile, parseNotices, toMarkdown, toText } from '../../data/parsers/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';

const formats = ['text', 'markdown', 'json'] as const;
type OutputFormat = (typeof formats)[number];

/** `kgov parse FILE`: the ingestion parsers on one file, printed to stdout. A failure is one line and exit 1. */
export function parseCommand(): Command {
  return withCommonOptions(newCommand('parse'))
    .description(message('parse.description'))
    .argument('<file>', message('parse.file'))
    .addOption(new Option('--format <format>', message('parse.format')).default('text'))
    .action(async (file: string, options: { format: string }) => {
      const format = outputFormat(options.format);
      const limits = defaultParseLimits;
      const fileName = basename(file);
      let bytes: Uint8Array;
      try {
        // Checked before reading, so a huge file is refused without loading it.
        const size = (await stat(file)).size;
        if (size > limits.maxBytes) throw new KgovError('file_too_large', { file, reason: `${size} > ${limits.maxBytes} bytes` });
        bytes = await readFile(file);
      } catch (error) {
        if (error instanceof KgovError) throw error;
        // The same codes as `kgov ingest` and `kgov eval` for the same trouble (exit 1: the file, not the command line).
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        if (code === 'ENOENT' || code === 'ENOTDIR') throw new KgovError('path_not_found', { file }, { cause: error });
        throw new KgovError('corrupt_file', { file, reason: code }, { cause: error });
      }
      const result = await parseFile(bytes, fileName, limits);
      if (!result.ok) throw new KgovError(result.code, { file, reason: result.reason });
      const output = format === 'json' ? `${JSON.stringify(result.document, null, 2)}\n` : format === 'markdown' ? toMarkdown(result.document) : toText(result.document);
      process.stdout.write(output);
      // In JSON they are among `warnings`; with plain output they would go unseen (a text file named .hwp, a blank HWP).
      if (format !== 'json') for (const notice of parseNotices(result.document, fileName)) process.stderr.write(`kgov: ${message('parse.notice', { file, notice })}\n`);
    });
}

function outputFormat(value: string): OutputFormat {
  if ((formats as readonly string[]).includes(value)) return value as OutputFormat;
  throw new KgovError('usage', { detail: message('parse.badFormat', { value }) });
}
