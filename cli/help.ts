import { COMMANDS, type CommandSpec } from './command-specs.js';

const ENDPOINT_HELP = `Options for every command:
  --endpoint URL   the admin API (or env DSR_ENDPOINT; default http://127.0.0.1:3000, the local
                   twin). On AWS: https://ID.execute-api.REGION.amazonaws.com/STAGE
  -h, --help       this help`;

const AUTH_HELP = `Authentication:
  DSR_ADMIN_TOKEN is sent as a bearer token. Without it, a local endpoint (127.0.0.1,
  localhost) uses the twin's token from $DSR_TWIN_DIR/admin-token (default .twin/ in the
  repository). Otherwise requests are signed with AWS SigV4, credentials from the default
  chain (AWS_PROFILE, AWS_ACCESS_KEY_ID..., SSO, instance role); the region comes from the
  endpoint's host, else AWS_REGION or AWS_DEFAULT_REGION.`;

const EXIT_HELP = `Exit codes:
  0  success
  1  the service refused or failed: not found (404), refused (409), access denied (403),
     too many requests (429), server error (5xx); or the endpoint cannot be reached, or
     there are no credentials to sign with
  2  bad usage: a wrong command, option or value, or input the service rejected (400)`;

/** `dsr --help`: every command, the endpoint, authentication and the exit codes. */
export function generalHelp(): string {
  const commands = COMMANDS.map((command) => `  ${command.usage}\n      ${command.summary}`).join('\n');
  return `dsr: the operator's command line for the GDPR data-subject requests (dsr-workflow).

Commands:
${commands}
  dsr help [COMMAND]   or   dsr COMMAND --help

${ENDPOINT_HELP}

${AUTH_HELP}

Output goes to stdout, errors to stderr as one line starting with "dsr: ".

${EXIT_HELP}
`;
}

/** `dsr COMMAND --help`: its usage, what it does and its options. */
export function commandHelp(command: CommandSpec): string {
  return `Usage: ${command.usage}

${command.summary}

Options:
${command.optionHelp.map((line) => `  ${line}`).join('\n')}

${ENDPOINT_HELP}

${EXIT_HELP}
`;
}

/** `dsr requests --help`: the group's commands. */
export function groupHelp(group: string): string {
  const commands = COMMANDS.filter((command) => command.name.startsWith(`${group} `));
  return `Commands:\n${commands.map((command) => `  ${command.usage}\n      ${command.summary}`).join('\n')}\n\nRun "dsr ${group} COMMAND --help" for one command's options.\n`;
}
