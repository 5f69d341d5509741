import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { Deps } from './context.js';
import { executionArn } from './executions.js';
import { messages } from './i18n.js';
import { dueDate, endOfDueDate, type ControllerCalendar } from './legal-clock.js';
import { logger } from './logger.js';
import { sendLetter } from './mail.js';
import type { Actor } from './store/audit.js';
import { once } from './store/letters.js';
import { CLOSED_STATUSES, type DsrRequest } from './store/requests.js';

/** The due dates one or two further months would give: counted from receipt, by the same rule (Art. 12(3)). */
export function extendedDueDates(request: DsrRequest, calendar: ControllerCalendar): { one: string; two: string } {
  return { one: dueDate(new Date(request.receivedAt), calendar, 2), two: dueDate(new Date(request.receivedAt), calendar, 3) };
}

export interface ExtensionChange {
  months: 1 | 2;
  reason: string;
  actor: Actor;
  /** Who, when known: the operator's IAM identity. */
  by?: string;
}

/** Why an open request cannot be extended now: the address is not confirmed yet, it was extended already, or its original due date is past. */
export type ExtensionRefusal = 'unconfirmed' | 'extended' | 'late';

/** The same extension, asked again after a failure part-way: it is finished, not refused. */
const isRetryOf = (request: DsrRequest, change: ExtensionChange) => request.extension?.months === change.months && request.extension.reason === change.reason;

export function extensionRefusal(request: DsrRequest, change: ExtensionChange, now: Date, timeZone: string): ExtensionRefusal | undefined {
  if (request.status === 'awaiting_verification') return 'unconfirmed';
  if (request.extension) return isRetryOf(request, change) ? undefined : 'extended';
  if (now >= endOfDueDate(request.dueDate, timeZone)) return 'late';
  return undefined;
}

/**
 * Extends the deadline by one or two further months, once: the new due date with its
 * audit entry (one write), a new watchdog for the new date in place of the old one, and
 * the learner told in their language (once, whatever the retries). The same extension
 * asked again finishes what a failure left undone. Answers the new due date and whether
 * the learner was told, or undefined when another extension got there first. The caller
 * checks `extensionRefusal` first.
 */
export async function extendDeadline(request: DsrRequest, change: ExtensionChange, d: Deps<'ses' | 'sfn'>): Promise<{ dueDate: string; learnerTold: boolean } | undefined> {
  let due = change.months === 1 ? extendedDueDates(request, d.config.calendar).one : extendedDueDates(request, d.config.calendar).two;
  if (!isRetryOf(request, change)) {
    const at = d.now().toISOString();
    const extension = { months: change.months, reason: change.reason, at, originalDueDate: request.dueDate };
    const entry = { requestId: request.requestId, at, actor: change.actor, event: 'deadline_extended', detail: { months: change.months, dueDate: due, originalDueDate: request.dueDate, reason: change.reason, ...(change.by ? { by: change.by } : {}) } };
    if (!(await d.requests.extend(request.requestId, due, extension, d.audit, entry))) {
      const now = await d.requests.get(request.requestId);
      if (!now || !isRetryOf(now, change)) return undefined;
      due = now.dueDate; // the same extension, written by a concurrent call: finish it alike
    }
  } else due = request.dueDate;
  // The reminders follow the new date: a new watch plans from it first (a second start of the
  // same watch is no new one); the old one is stopped, and would anyway end silently at its
  // next step, its date being gone.
  await d.sfn
    .send(new StartExecutionCommand({ stateMachineArn: d.config.deadlineStateMachineArn!, name: `${request.requestId}-deadline-extended`, input: JSON.stringify({ requestId: request.requestId }) }))
    .catch((error: Error) => {
      if (error.name !== 'ExecutionAlreadyExists') throw error; // it ran and ended: nothing left to watch
    });
  await stopDeadlineWatch(request.requestId, 'the deadline was extended', d, ['deadline']);
  return { dueDate: due, learnerTold: await tellLearnerOnce(request, due, change.reason, d) };
}

/** The learner's letter about the extension, claimed first so that a retry sends no second one. */
async function tellLearnerOnce(request: DsrRequest, due: string, reason: string, d: Deps<'ses'>): Promise<boolean> {
  // Closed meanwhile (cancelled, say): the learner has had the closing letter; no extension comes after it.
  if (CLOSED_STATUSES.includes((await d.requests.get(request.requestId))?.status ?? 'cancelled')) return false;
  const t = messages[request.locale];
  try {
    // False when an earlier attempt sent it: told all the same.
    await once(d.requests, request.requestId, `extension-letter-${due}`, () =>
      sendLetter(d.ses, d.config.mail, request.email, {
        locale: request.locale,
        subject: t.extension.learnerSubject,
        paragraphs: [t.extension.learner(t.rights[request.type], t.date(due))],
        facts: [[t.extension.learnerReason, reason]],
      }, { requestId: request.requestId, reader: 'learner' }),
    );
    return true;
  } catch (error) {
    logger.warn('the learner was not told of the extension', { requestId: request.requestId, error: (error as Error).name });
    return false;
  }
}

/** The executions that watch a request's deadline: the first, and the one an extension starts. */
const WATCHES = ['deadline', 'deadline-extended'] as const;

/**
 * Stops a request's deadline watches, best effort: a watch whose request is closed or
 * whose date changed ends silently at its next step anyway.
 */
export async function stopDeadlineWatch(requestId: string, cause: string, d: Deps<'sfn'>, which: ReadonlyArray<(typeof WATCHES)[number]> = WATCHES): Promise<void> {
  for (const suffix of which) {
    await d.sfn
      .send(new StopExecutionCommand({ executionArn: executionArn(d.config.deadlineStateMachineArn!, `${requestId}-${suffix}`), cause }))
      .catch((error: Error) => error.name === 'ExecutionDoesNotExist' || logger.warn('a deadline watch was not stopped; it ends at its next step', { requestId, error: error.name }));
  }
}
