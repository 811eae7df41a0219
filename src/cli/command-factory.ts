import { Command, Help } from 'commander';
import { hasMessage, language, message } from './messages.js';

/** Help in the user's language: commander's section titles go through our catalog. */
class LocalizedHelp extends Help {
  override styleTitle(title: string): string {
    const key = `title.${title}`;
    return hasMessage(key) ? message(key) : title;
  }

  // commander adds "(default: …)" and "(choices: …)" in English after a description.
  override optionDescription(option: Parameters<Help['optionDescription']>[0]): string {
    const text = super.optionDescription(option);
    return language === 'ko' ? text.replace('(default: ', '(기본값: ').replace('(choices: ', '(선택: ') : text;
  }

  override argumentDescription(argument: Parameters<Help['argumentDescription']>[0]): string {
    const text = super.argumentDescription(argument);
    return language === 'ko' ? text.replace('(default: ', '(기본값: ').replace('(choices: ', '(선택: ') : text;
  }
}

/** Every command is made here, so each has localized help and the shared --data/--config options. */
export function newCommand(name: string): Command {
  const command = new Command(name);
  command.createHelp = () => Object.assign(new LocalizedHelp(), command.configureHelp());
  command.helpOption('-h, --help', message('option.help'));
  command.helpCommand(false);
  return command;
}

export function withCommonOptions(command: Command): Command {
  return command.option('--data <dir>', message('option.data')).option('--config <file>', message('option.config'));
}
