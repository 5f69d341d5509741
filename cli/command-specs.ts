/** Every option the CLI knows, in node:util parseArgs' terms; each command accepts a subset. */
export const OPTIONS = {
  endpoint: { type: 'string' },
  status: { type: 'string' },
  overdue: { type: 'boolean' },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
  months: { type: 'string' },
  reason: { type: 'string' },
  format: { type: 'string' },
  'with-addresses': { type: 'boolean' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ['endpoint', 'help'];

export type CommandName = 'requests list' | 'requests show' | 'requests extend' | 'requests retry' | 'requests cancel' | 'register export';

export interface CommandSpec {
  name: CommandName;
  /** Positional arguments after the command's words, in order. */
  arguments: readonly string[];
  options: readonly OptionName[];
  usage: string;
  summary: string;
  /** One line per option, for `dsr COMMAND --help`. */
  optionHelp: readonly string[];
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'requests list',
    arguments: [],
    options: ['status', 'overdue', 'all', 'json'],
    usage: 'dsr requests list [--status S] [--overdue] [--all] [--json]',
    summary: 'List the open requests, soonest due first (or other requests, with the options).',
    optionHelp: [
      '--status S   only requests in status S, open or closed (e.g. awaiting_decision, answered)',
      '--overdue    only requests past their due date',
      '--all        every request, open and closed, newest received after the open ones',
      '--json       the requests as a JSON array, nothing else',
    ],
  },
  {
    name: 'requests show',
    arguments: ['ID'],
    options: ['json'],
    usage: 'dsr requests show ID [--json]',
    summary: 'Show one request: its facts, what each system did, and its audit trail.',
    optionHelp: ['--json       the API answer ({request, audit}) as is'],
  },
  {
    name: 'requests extend',
    arguments: ['ID'],
    options: ['months', 'reason', 'json'],
    usage: 'dsr requests extend ID --months 1|2 --reason TEXT [--json]',
    summary: 'Extend the deadline by one or two months (Art. 12(3) GDPR), once, before the original due date.',
    optionHelp: [
      '--months N   1 or 2',
      '--reason T   why (the request is complex or one of many); kept in the audit trail, at most 2000 characters',
      '--json       the API answer as is',
    ],
  },
  {
    name: 'requests retry',
    arguments: ['ID'],
    options: ['json'],
    usage: 'dsr requests retry ID [--json]',
    summary: 'Retry the systems that failed for this request.',
    optionHelp: ['--json       the API answer as is'],
  },
  {
    name: 'requests cancel',
    arguments: ['ID'],
    options: ['reason', 'json'],
    usage: 'dsr requests cancel ID --reason TEXT [--json]',
    summary: 'Cancel an open request; the learner is told when the address was confirmed.',
    optionHelp: ['--reason T   why; kept in the audit trail, at most 2000 characters', '--json       the API answer as is'],
  },
  {
    name: 'register export',
    arguments: [],
    options: ['format', 'with-addresses', 'output'],
    usage: 'dsr register export [--format csv|json] [--with-addresses] [--output FILE]',
    summary: 'Export the register of every request, oldest received first.',
    optionHelp: [
      '--format F        csv (default; RFC 4180, safe to open in a spreadsheet) or json',
      "--with-addresses  add the learners' email addresses (personal data: keep the file safe)",
      '--output FILE     write to FILE (created readable by you only) instead of stdout',
    ],
  },
];

/** The command words the CLI knows, for messages. */
export const GROUPS: Record<string, readonly string[]> = {
  requests: ['list', 'show', 'extend', 'retry', 'cancel'],
  register: ['export'],
};
