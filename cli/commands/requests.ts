import type { RequestFilter } from '../api-types.js';
import { jsonText, type CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { printable } from '../format/printable.js';
import { requestPage } from '../format/request-page.js';
import { requestTable, sortForList } from '../format/request-list.js';
import * as valid from '../validate.js';

/** `dsr requests list`: open requests by default; `--status`, `--overdue`, `--all` widen or narrow. */
export async function listRequests({ options, stdout, connect }: CommandContext): Promise<void> {
  const status = valid.status(options.status);
  if (status && options.all) throw new UsageError('--status and --all do not go together: --status already covers open and closed requests');
  const filter: RequestFilter = { status, open: !status && !options.all, overdue: options.overdue === true };
  const requests = sortForList(await (await connect()).listRequests(filter));
  stdout.write(options.json ? jsonText(requests) : requestTable(requests));
}

/** `dsr requests show ID`. */
export async function showRequest({ args, options, stdout, connect }: CommandContext): Promise<void> {
  const id = valid.requestId(args[0]);
  const view = await (await connect()).getRequest(id);
  stdout.write(options.json ? jsonText(view) : requestPage(view));
}

/** `dsr requests extend ID --months 1|2 --reason TEXT`. */
export async function extendRequest({ args, options, stdout, connect }: CommandContext): Promise<void> {
  const id = valid.requestId(args[0]);
  const months = valid.months(options.months);
  const reason = valid.reason(options.reason);
  const answer = await (await connect()).extend(id, months, reason);
  stdout.write(
    options.json
      ? jsonText(answer)
      : `Request ${id} extended by ${months} month${months > 1 ? 's' : ''}: due ${printable(String(answer.dueDate))} (was ${printable(String(answer.originalDueDate))}).${answer.learnerTold === false ? ' The learner could not be told: write to them, or run the same command again.' : ''}\n`,
  );
}

/** `dsr requests retry ID`: the service retries the systems that failed. */
export async function retryRequest({ args, options, stdout, connect }: CommandContext): Promise<void> {
  const id = valid.requestId(args[0]);
  const answer = await (await connect()).retry(id);
  stdout.write(options.json ? jsonText(answer) : `Request ${id}: trying the failed systems again (gate: ${printable(String(answer.retried))}).\n`);
}

/** `dsr requests cancel ID --reason TEXT`. */
export async function cancelRequest({ args, options, stdout, connect }: CommandContext): Promise<void> {
  const id = valid.requestId(args[0]);
  const reason = valid.reason(options.reason);
  const answer = await (await connect()).cancel(id, reason);
  const told = answer.learnerTold ? 'The learner was told.' : 'The learner was not told (the address was never confirmed, or the email could not be sent).';
  stdout.write(options.json ? jsonText(answer) : `Request ${id} cancelled. ${told}\n`);
}
