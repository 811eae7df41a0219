import { setFlagsFromString } from 'node:v8';
import { CommanderError, type Command } from 'commander';
import { z } from 'zod';
import { KgovError } from '../core/index.js';
import { newCommand } from './command-factory.js';
import { language, message, type MessageKey } from './messages.js';
import { printError } from './output.js';
import { packageVersion } from './version.js';

// Validation messages (config files, request bodies) in the user's language.
z.config(language === 'ko' ? z.locales.ko() : z.locales.en());

const usageCodes: Record<string, MessageKey> = {
  'commander.unknownOption': 'usage.unknownOption',
  'commander.unknownCommand': 'usage.unknownCommand',
  'commander.missingArgument': 'usage.missingArgument',
  'commander.optionMissingArgument': 'usage.optionMissingArgument',
  'commander.missingMandatoryOptionValue': 'usage.missingMandatoryOptionValue',
  'commander.excessArguments': 'usage.excessArguments',
  'commander.invalidArgument': 'usage.invalidArgument',
};

/** Commander's English error, in our words: the quoted name it reports is kept. */
function usageLine(error: CommanderError): string {
  const key = usageCodes[error.code];
  if (!key) return error.message.replace(/^error: /, '');
  // An option with a fixed set of values names them (--outcome blocked → success, failure, denied).
  const choice = /option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/.exec(error.message);
  if (choice) return message('usage.invalidChoice', { option: choice[1]!.split(' ')[0]!, value: choice[2]!, allowed: choice[3]! });
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  return message(key, { value: quoted });
}

const globalOptions = new Set(['--data', '--config']);

/**
 * `kgov --data DIR tenants create …` as well as `kgov tenants create … --data DIR`: operators write the shared options
 * first, as with git or kubectl. They belong to each (leaf) command, so options given before the first command word
 * are moved to the end of the line, where the command that takes them reads them.
 */
export function hoistGlobalOptions(argv: readonly string[]): string[] {
  const [node = 'node', script = 'kgov', ...words] = argv;
  const hoisted: string[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index]!;
    const name = word.split('=', 1)[0]!;
    if (!globalOptions.has(name)) break;
    if (word.includes('=')) {
      hoisted.push(word);
      index += 1;
    } else {
      hoisted.push(...words.slice(index, index + 2));
      index += 2;
    }
  }
  return [node, script, ...words.slice(index), ...hoisted];
}

/**
 * Exit code 2 is for a command line that cannot be run as written: commander's own errors, `usage`, and an option
 * value that is not one of the allowed ones (`--role boss`, `--expires 2020-01-01`, `--role public --clearance
 * internal`). These keep their own stable codes on stderr; only the exit code says "fix the command, not the system".
 * A missing or unreadable file named on the command line is exit 1 (`path_not_found`) in every command.
 */
const optionValueCodes: ReadonlySet<string> = new Set(['usage', 'invalid_role', 'invalid_clearance', 'invalid_group', 'invalid_expiry', 'expiry_in_past', 'public_role_clearance',
  // A task's options come from the command line (--lines 0, --to 영어): a bad one is a usage error, as any option value.
  'task_options_invalid']);

/**
 * The commands in the order `kgov --help` lists them. Each is imported when it is needed: a run loads only the
 * command it names (its parsers, HTTP server or model clients are not loaded for `kgov tenants list`, which saved
 * about half a second of every call), and help or a mistyped command loads them all.
 */
const commands: ReadonlyArray<readonly [string, () => Promise<Command>]> = [
  ['serve', async () => (await import('./commands/serve-command.js')).serveCommand()],
  ['tenants', async () => (await import('./commands/tenants-command.js')).tenantsCommand()],
  ['users', async () => (await import('./commands/users-command.js')).usersCommand()],
  ['keys', async () => (await import('./commands/keys-command.js')).keysCommand()],
  ['ingest', async () => (await import('./commands/ingest-command.js')).ingestCommand()],
  ['documents', async () => (await import('./commands/documents-command.js')).documentsCommand()],
  ['synonyms', async () => (await import('./commands/synonyms-command.js')).synonymsCommand()],
  ['reindex', async () => (await import('./commands/reindex-command.js')).reindexCommand()],
  ['provenance', async () => (await import('./commands/provenance-command.js')).provenanceCommand()],
  ['search', async () => (await import('./commands/search-command.js')).searchCommand()],
  ['ask', async () => (await import('./commands/ask-command.js')).askCommand()],
  ['eval', async () => (await import('./commands/eval-command.js')).evalCommand()],
  ['audit', async () => (await import('./commands/audit-command.js')).auditCommand()],
  ['parse', async () => (await import('./commands/parse-command.js')).parseCommand()],
  ['pii', async () => (await import('./commands/pii-command.js')).piiCommand()],
  ['guard', async () => (await import('./commands/guard-command.js')).guardCommand()],
  ['models', async () => (await import('./commands/models-command.js')).modelsCommand()],
  ['task', async () => (await import('./commands/task-command.js')).taskCommand()],
  ['usage', async () => (await import('./commands/usage-command.js')).usageCommand()],
];

/**
 * The command a command line names (its first word, once shared options are moved to the end), all when it names none,
 * none for `--version` alone.
 */
async function loadCommands(args: readonly string[]): Promise<Command[]> {
  // `kgov --version` alone needs no command (it loaded all of them: ~1 s of a call that prints one line).
  if (args.length === 3 && (args[2] === '--version' || args[2] === '-V')) return [];
  const named = commands.find(([name]) => name === args[2]);
  return Promise.all((named ? [named] : commands).map(([, load]) => load()));
}

/**
 * A command other than `serve` compiles the embedded database (PGlite, ~8 MB of WebAssembly) with V8's baseline
 * compiler only. By default V8 also recompiles hot functions with its optimising compiler on background threads, which
 * a command that runs for seconds pays for and does not live to use. Measured on the 2-core VM (BENCHMARKS.md, session
 * 31): `kgov tenants list` 2.3 → 1.9 s of wall time and 2.0 → 1.4 s of CPU; `kgov ingest` of the NIA report 13.6 →
 * 12.4 s; `kgov eval retrieval` on nia-qa-dev 5.4 → 3.7 s; 300,000 rows inserted and queried in PGlite were no slower.
 * `kgov serve` runs for days and keeps V8's default. Set before any command module is loaded, so before PGlite compiles.
 */
function compileForShortRuns(command: string | undefined): void {
  if (command !== 'serve') setFlagsFromString('--liftoff-only');
}

export async function main(argv: string[]): Promise<number> {
  const args = hoistGlobalOptions(argv);
  compileForShortRuns(args[2]);
  const program = newCommand('kgov')
    .description(message('program.description'))
    .version(packageVersion(), '-V, --version', message('option.version'))
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  for (const command of await loadCommands(args)) program.addCommand(command);
  for (const command of [program, ...program.commands, ...program.commands.flatMap((child) => child.commands)]) {
    command.exitOverride().configureOutput({ outputError: () => undefined });
  }
  try {
    await program.parseAsync(args);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version'].includes(error.code)) return error.exitCode;
      // A command group without its subcommand (`kgov tenants`): the help is shown, and it is a usage error.
      if (error.code === 'commander.help') return 2;
      process.stderr.write(`kgov: ${message('error.prefix')} [usage] ${usageLine(error)} ${message('usage.seeHelp')}\n`);
      return 2;
    }
    printError(error);
    return error instanceof KgovError && optionValueCodes.has(error.code) ? 2 : 1;
  }
}

// `kgov … | head` closes the pipe early: that is the reader's choice, not an error. A command that reads stops there;
// one that writes (`ingest`, `reindex`) goes on to the end with its output dropped, since stopping would leave a batch
// half done while saying it succeeded (its exit code still says how the batch went).
const writingCommands = new Set(['ingest', 'reindex']);
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  if (!process.argv.slice(2).some((argument) => writingCommands.has(argument))) process.exit(0);
  process.stdout.write = (() => true) as typeof process.stdout.write;
});

const exitCode = await main(process.argv);
// `serve` keeps running: it exits from its signal handlers. Everything else ends here.
if (exitCode !== 0 || !process.argv.slice(2).includes('serve')) {
  process.exitCode = exitCode;
}
