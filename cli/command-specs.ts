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
  'aware-at': { type: 'string' },
  'occurred-at': { type: 'string' },
  summary: { type: 'string' },
  risk: { type: 'string' },
  nature: { type: 'string' },
  'people-categories': { type: 'string' },
  'people-count': { type: 'string' },
  'record-categories': { type: 'string' },
  'record-count': { type: 'string' },
  consequences: { type: 'string' },
  measures: { type: 'string' },
  contact: { type: 'string' },
  phase: { type: 'string' },
  reference: { type: 'string' },
  at: { type: 'string' },
  'delay-reason': { type: 'string' },
  recipients: { type: 'string' },
  message: { type: 'string' },
  resume: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ['endpoint', 'help'];

export type CommandName =
  | 'requests list'
  | 'requests show'
  | 'requests extend'
  | 'requests retry'
  | 'requests cancel'
  | 'register export'
  | 'breaches open'
  | 'breaches list'
  | 'breaches show'
  | 'breaches notify'
  | 'breaches no-notification'
  | 'breaches form-link'
  | 'breaches draft'
  | 'breaches communicate'
  | 'breaches export';

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
  {
    name: 'breaches open',
    arguments: [],
    options: ['aware-at', 'summary', 'risk', 'occurred-at', 'nature', 'people-categories', 'people-count', 'record-categories', 'record-count', 'consequences', 'measures', 'contact', 'json'],
    usage: 'dsr breaches open --aware-at ISO --summary TEXT --risk none|risk|high [FACTS] [--json]',
    summary: 'Record a personal-data breach (Art. 33(5) GDPR); its 72 hours run from --aware-at. Prints its id, then the deadline.',
    optionHelp: [
      '--aware-at ISO            when you became aware, with a time zone (2026-10-01T08:00:00Z or +02:00)',
      '--summary T               what happened, at most 4000 characters',
      '--risk R                  none (no notification due), risk (notify the authority) or high (tell the people too, Art. 34)',
      '--occurred-at ISO         when it happened or began, if known, with a time zone',
      '--nature N,...            what it touched: confidentiality, integrity, availability (comma-separated)',
      '--people-categories T     categories of people concerned (e.g. learners, teachers)',
      '--people-count N          approximate number of people concerned',
      '--record-categories T     categories of records concerned (e.g. names, grades)',
      '--record-count N          approximate number of records concerned',
      '--consequences T          likely consequences for the people',
      '--measures T              measures taken or proposed',
      '--contact T               where the authority can learn more (the DPO by default)',
      '--json                    the API answer as is',
      'FACTS are the options after --risk; each of their texts at most 2000 characters.',
    ],
  },
  {
    name: 'breaches list',
    arguments: [],
    options: ['json'],
    usage: 'dsr breaches list [--json]',
    summary: 'List every breach, newest awareness first, with its deadline and the hours left while it is open.',
    optionHelp: ['--json       the breaches as a JSON array, nothing else'],
  },
  {
    name: 'breaches show',
    arguments: ['ID'],
    options: ['json'],
    usage: 'dsr breaches show ID [--json]',
    summary: 'Show one breach: its facts, the notifications to the authority, the communication to the people, and its timeline.',
    optionHelp: ['--json       the API answer ({breach, timeline}) as is'],
  },
  {
    name: 'breaches notify',
    arguments: ['ID'],
    options: ['phase', 'reference', 'at', 'delay-reason', 'json'],
    usage: 'dsr breaches notify ID --phase initial|follow-up --reference REF [--at ISO] [--delay-reason TEXT] [--json]',
    summary: 'Record a notification to the supervisory authority (Art. 33(1) and (4)): the initial one, then follow-ups.',
    optionHelp: [
      '--phase P          initial or follow-up',
      "--reference REF    the authority's reference for the notification",
      '--at ISO           when it was sent, with a time zone (default: now, as the service records it)',
      '--delay-reason T   why the initial notification comes after 72 hours (required then)',
      '--json             the API answer as is',
    ],
  },
  {
    name: 'breaches form-link',
    arguments: [],
    options: ['json'],
    usage: 'dsr breaches form-link [--json]',
    summary: 'Email the DPO a link (valid a day) to a page that records a breach, for a DPO who works from the mailbox.',
    optionHelp: ['--json       the API answer as is'],
  },
  {
    name: 'breaches no-notification',
    arguments: ['ID'],
    options: ['reason', 'json'],
    usage: 'dsr breaches no-notification ID --reason TEXT [--json]',
    summary: 'Record the decision that no notification is due (the breach is unlikely to result in a risk), with why.',
    optionHelp: ['--reason T   why; kept in the register, at most 2000 characters', '--json       the API answer as is'],
  },
  {
    name: 'breaches draft',
    arguments: ['ID'],
    options: ['json'],
    usage: 'dsr breaches draft ID [--json]',
    summary: "Print the draft of the notification to the authority, from the breach's facts, to copy into its form.",
    optionHelp: ['--json       the API answer (text and its items) as is'],
  },
  {
    name: 'breaches communicate',
    arguments: ['ID'],
    options: ['recipients', 'message', 'resume', 'json'],
    usage: 'dsr breaches communicate ID (--recipients FILE.csv --message FILE.json | --resume) [--json]',
    summary: 'Communicate a breach to the people concerned (Art. 34 GDPR): upload their addresses and the message; the DPO approves it by email before anything is sent. --resume restarts an interrupted sending.',
    optionHelp: [
      '--recipients FILE  the people, CSV: one address per line, email or email,language, optional header email,language; or one user id per line under the header userId,language, found by the systems declared as directories; at most 20 MiB, uploaded as is',
      '--message FILE     the message, JSON: {"fr": {"subject": "…", "body": "…"}, "en": {…}}, one entry per language the service offers',
      '--resume           restart a sending that was interrupted: only the addresses still pending are written to; alone, without the files',
      '--json             the API answer as is',
      'The service counts the addresses and the lines it refuses when it reads them: see "dsr breaches show ID".',
    ],
  },
  {
    name: 'breaches export',
    arguments: [],
    options: ['format', 'output'],
    usage: 'dsr breaches export [--format csv|json] [--output FILE]',
    summary: 'Export the register of breaches (Art. 33(5) GDPR), oldest awareness first.',
    optionHelp: [
      '--format F        csv (default; RFC 4180, safe to open in a spreadsheet) or json',
      '--output FILE     write to FILE (created readable by you only) instead of stdout',
    ],
  },
];

/** The command words the CLI knows, for messages. */
export const GROUPS: Record<string, readonly string[]> = {
  requests: ['list', 'show', 'extend', 'retry', 'cancel'],
  register: ['export'],
  breaches: ['open', 'form-link', 'list', 'show', 'notify', 'no-notification', 'draft', 'communicate', 'export'],
};
