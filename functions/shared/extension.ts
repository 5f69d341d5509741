import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { Deps } from './context.js';
import { messages } from './i18n.js';
import { dueDate, endOfDueDate, type ControllerCalendar } from './legal-clock.js';
import { logger } from './logger.js';
import { sendLetter } from './mail.js';
import type { Actor } from './store/audit.js';
import { CLOSED_STATUSES, type DsrRequest } from './store/requests.js';

/** The due dates one or two further months would give: counted from receipt, by the same rule (Art. 12(3)). */
export function extendedDueDates(request: DsrRequest, calendar: ControllerCalendar): { one: string; two: string } {
  return { one: dueDate(new Date(request.receivedAt), calendar, 2), two: dueDate(new Date(request.receivedAt), calendar, 3) };
}

/** Why a request cannot be extended now, if it cannot: closed, extended already, or its original due date is past. */
export type ExtensionRefusal = 'closed' | 'extended' | 'late';

export function extensionRefusal(request: DsrRequest, now: Date, timeZone: string): ExtensionRefusal | undefined {
  if (CLOSED_STATUSES.includes(request.status)) return 'closed';
  if (request.extension) return 'extended';
  if (now >= endOfDueDate(request.dueDate, timeZone)) return 'late';
  return undefined;
}

/**
 * Extends the deadline by one or two further months, once: the new due date, the audit
 * trail, a new watchdog for the new date in place of the old one, and the learner told
 * in their language. Answers the new due date, or undefined when another extension got
 * there first. The caller checks `extensionRefusal` first.
 */
export async function extendDeadline(request: DsrRequest, change: { months: 1 | 2; reason: string; actor: Actor; by?: string }, d: Deps): Promise<string | undefined> {
  const at = d.now().toISOString();
  const dues = extendedDueDates(request, d.config.calendar);
  const due = change.months === 1 ? dues.one : dues.two;
  if (!(await d.requests.extend(request.requestId, due, { months: change.months, reason: change.reason, at, originalDueDate: request.dueDate }))) return undefined;
  await d.audit.append({
    requestId: request.requestId,
    at,
    actor: change.actor,
    event: 'deadline_extended',
    detail: { months: change.months, dueDate: due, originalDueDate: request.dueDate, reason: change.reason, ...(change.by ? { by: change.by } : {}) },
  });
  // The reminders follow the new date: a new watch plans from it first; the old one is stopped
  // (and would anyway end silently at its next step, its date being gone).
  const machine = d.config.deadlineStateMachineArn!;
  await d.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: `${request.requestId}-deadline-extended`, input: JSON.stringify({ requestId: request.requestId }) }));
  await stopDeadlineWatch(request.requestId, 'the deadline was extended', d, ['deadline']);
  // The learner last: the new date is in force and watched before they are told of it.
  const t = messages[request.locale];
  await sendLetter(d.ses, d.config.mail.sender, request.email, {
    locale: request.locale,
    subject: t.extension.learnerSubject,
    paragraphs: [t.extension.learner(t.rights[request.type], t.date(due))],
    facts: [[t.extension.learnerReason, change.reason]],
  });
  return due;
}

/** The executions that watch a request's deadline: the first, and the one an extension starts. */
const WATCHES = ['deadline', 'deadline-extended'] as const;

/**
 * Stops a request's deadline watches, best effort: a watch whose request is closed or
 * whose date changed ends silently at its next step anyway.
 */
export async function stopDeadlineWatch(requestId: string, cause: string, d: Deps, which: ReadonlyArray<(typeof WATCHES)[number]> = WATCHES): Promise<void> {
  const executions = d.config.deadlineStateMachineArn!.replace(':stateMachine:', ':execution:');
  for (const suffix of which) {
    await d.sfn
      .send(new StopExecutionCommand({ executionArn: `${executions}:${requestId}-${suffix}`, cause }))
      .catch((error: Error) => error.name === 'ExecutionDoesNotExist' || logger.warn('a deadline watch was not stopped; it ends at its next step', { requestId, error: error.name }));
  }
}
