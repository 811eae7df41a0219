import { CommanderError } from 'commander';
import { z } from 'zod';
import { KgovError } from '../core/index.js';
import { newCommand } from './command-factory.js';
import { askCommand } from './commands/ask-command.js';
import { auditCommand } from './commands/audit-command.js';
import { evalCommand } from './commands/eval-command.js';
import { guardCommand } from './commands/guard-command.js';
import { documentsCommand } from './commands/documents-command.js';
import { ingestCommand } from './commands/ingest-command.js';
import { provenanceCommand } from './commands/provenance-command.js';
import { searchCommand } from './commands/search-command.js';
import { keysCommand } from './commands/keys-command.js';
import { modelsCommand } from './commands/models-command.js';
import { parseCommand } from './commands/parse-command.js';
import { piiCommand } from './commands/pii-command.js';
import { reindexCommand } from './commands/reindex-command.js';
import { serveCommand } from './commands/serve-command.js';
import { synonymsCommand } from './commands/synonyms-command.js';
import { taskCommand } from './commands/task-command.js';
import { tenantsCommand } from './commands/tenants-command.js';
import { usersCommand } from './commands/users-command.js';
import { usageCommand } from './commands/usage-command.js';
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
const optionValueCodes: ReadonlySet<string> = new Set(['usage', 'invalid_role', 'invalid_clearance', 'invalid_group', 'invalid_expiry', 'expiry_in_past', 'public_role_clearance']);

export async function main(argv: string[]): Promise<number> {
  const program = newCommand('kgov')
    .description(message('program.description'))
    .version(packageVersion(), '-V, --version', message('option.version'))
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .addCommand(serveCommand())
    .addCommand(tenantsCommand())
    .addCommand(usersCommand())
    .addCommand(keysCommand())
    .addCommand(ingestCommand())
    .addCommand(documentsCommand())
    .addCommand(synonymsCommand())
    .addCommand(reindexCommand())
    .addCommand(provenanceCommand())
    .addCommand(searchCommand())
    .addCommand(askCommand())
    .addCommand(evalCommand())
    .addCommand(auditCommand())
    .addCommand(parseCommand())
    .addCommand(piiCommand())
    .addCommand(guardCommand())
    .addCommand(modelsCommand())
    .addCommand(taskCommand())
    .addCommand(usageCommand());
  for (const command of [program, ...program.commands, ...program.commands.flatMap((child) => child.commands)]) {
    command.exitOverride().configureOutput({ outputError: () => undefined });
  }
  try {
    await program.parseAsync(hoistGlobalOptions(argv));
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
