import { AdminClient } from './admin-client.js';
import { parseInvocation } from './args.js';
import { authorizerFor } from './auth.js';
import type { CommandName } from './command-specs.js';
import { communicateBreach } from './commands/breach-communication.js';
import { exportBreaches } from './commands/breach-register.js';
import { decideNoNotification, emailFormLink, draftNotification, listBreaches, notifyBreach, openBreach, showBreach } from './commands/breaches.js';
import { exportRegister } from './commands/register.js';
import { cancelRequest, extendRequest, listRequests, retryRequest, showRequest } from './commands/requests.js';
import type { CliIo, CommandContext } from './context.js';
import { DEFAULT_ENDPOINT, parseEndpoint } from './endpoint.js';
import { CliError } from './errors.js';
import { printable } from './format/printable.js';
import { commandHelp, generalHelp, groupHelp } from './help.js';

const HANDLERS: Record<CommandName, (context: CommandContext) => Promise<void>> = {
  'requests list': listRequests,
  'requests show': showRequest,
  'requests extend': extendRequest,
  'requests retry': retryRequest,
  'requests cancel': cancelRequest,
  'register export': exportRegister,
  'breaches open': openBreach,
  'breaches list': listBreaches,
  'breaches show': showBreach,
  'breaches notify': notifyBreach,
  'breaches no-notification': decideNoNotification,
  'breaches form-link': emailFormLink,
  'breaches draft': draftNotification,
  'breaches communicate': communicateBreach,
  'breaches export': exportBreaches,
};

/**
 * The whole CLI for one argv: output on `io.stdout`, at most one error line on `io.stderr`.
 * Resolves to the exit code (0 done, 1 the service refused or failed, 2 bad usage); never throws.
 *
 * @example process.exitCode = await run(['requests', 'list'], { env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const invocation = parseInvocation(argv);
    if (invocation.kind === 'help') {
      io.stdout.write(invocation.command ? commandHelp(invocation.command) : invocation.group ? groupHelp(invocation.group) : generalHelp());
      return 0;
    }
    const { command, args, options } = invocation;
    const endpoint = parseEndpoint(typeof options.endpoint === 'string' ? options.endpoint : io.env.DSR_ENDPOINT || DEFAULT_ENDPOINT);
    let client: AdminClient | undefined;
    const connect = async () => (client ??= new AdminClient({ endpoint, authorize: await authorizerFor(endpoint, io.env) }));
    await HANDLERS[command.name]({ ...io, args, options, connect });
    return 0;
  } catch (error) {
    // One line, never a stack: the operator's scripts read the exit code, people read the line.
    const message = error instanceof CliError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr.write(`dsr: ${printable(message)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
