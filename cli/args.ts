import { parseArgs } from 'node:util';
import { COMMANDS, GLOBAL_OPTIONS, GROUPS, OPTIONS, type CommandSpec, type OptionName } from './command-specs.js';
import { UsageError } from './errors.js';

export type OptionValues = Partial<Record<OptionName, string | boolean>>;

/** What the command line asks for: a command to run, or help (about one command, a group, or all). */
export type Invocation =
  | { kind: 'run'; command: CommandSpec; args: string[]; options: OptionValues }
  | { kind: 'help'; command?: CommandSpec; group?: string };

/**
 * Reads argv (without `node` and the script): the command words, its arguments, and options
 * anywhere. Anything the command does not take is a `UsageError`; values are checked later,
 * by the command, before it calls the service.
 */
export function parseInvocation(argv: readonly string[]): Invocation {
  const { positionals, options } = parse(argv);
  if (positionals[0] === 'help') return helpFor(positionals.slice(1));
  if (options.help) return helpFor(positionals);
  if (positionals.length === 0) throw new UsageError('no command given; run "dsr --help" to see the commands');

  const command = findCommand(positionals);
  const args = positionals.slice(2);
  if (args.length < command.arguments.length) {
    throw new UsageError(`missing ${command.arguments[args.length]}; usage: ${command.usage}`);
  }
  if (args.length > command.arguments.length) throw new UsageError(`unexpected argument "${args[command.arguments.length]}"; usage: ${command.usage}`);
  for (const name of Object.keys(options) as OptionName[]) {
    if (!GLOBAL_OPTIONS.includes(name) && !command.options.includes(name)) throw new UsageError(`--${name} does not apply to "dsr ${command.name}"; usage: ${command.usage}`);
  }
  return { kind: 'run', command, args, options };
}

function parse(argv: readonly string[]): { positionals: string[]; options: OptionValues } {
  try {
    const { positionals, values, tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
    // parseArgs keeps the last of a repeated option silently; a second --months is a mistake.
    const seen = new Set<string>();
    for (const token of tokens) {
      if (token.kind !== 'option') continue;
      if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice`);
      seen.add(token.name);
    }
    return { positionals, options: values as OptionValues };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Help wins over a mistake elsewhere on the line: `dsr requests extend --help` must help.
    if (argv.includes('--help') || argv.includes('-h')) {
      const { positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false });
      return { positionals, options: { help: true } };
    }
    throw new UsageError(parseArgsMessage(error), { cause: error });
  }
}

/** parseArgs' messages, shortened to their first sentence. */
function parseArgsMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message ?? '')?.[1] ?? '';
    return `unknown option ${option}; run "dsr --help" to see the options`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(--?[\w-]+)/.exec(message ?? '')?.[1] ?? 'an option';
    return message?.includes('argument missing') ? `${option} needs a value` : `${option} needs a value; to pass one starting with "-", write ${option}=VALUE`;
  }
  return (message ?? String(error)).split('. ')[0];
}

function findCommand(positionals: readonly string[]): CommandSpec {
  const [group, word] = positionals;
  const words = GROUPS[group];
  if (!words) throw new UsageError(`unknown command "${group}"; the commands are ${Object.keys(GROUPS).join(', ')} (see "dsr --help")`);
  if (word === undefined) throw new UsageError(`"dsr ${group}" needs a command: ${words.join(', ')}`);
  const command = COMMANDS.find((spec) => spec.name === `${group} ${word}`);
  if (!command) throw new UsageError(`unknown command "dsr ${group} ${word}"; "dsr ${group}" takes ${words.join(', ')}`);
  return command;
}

function helpFor(words: readonly string[]): Invocation {
  const [group, word] = words;
  if (group === undefined || !GROUPS[group]) return { kind: 'help' };
  const command = COMMANDS.find((spec) => spec.name === `${group} ${word}`);
  return command ? { kind: 'help', command } : { kind: 'help', group };
}
