import { addDays, dateInZone, instantAt, parseDate } from '../shared/civil-date.js';
import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { messages } from '../shared/i18n.js';
import { endOfDueDate, nextWorkingDay } from '../shared/legal-clock.js';
import { sendLetter, type Letter } from '../shared/mail.js';
import { requestFacts } from '../shared/request-facts.js';
import { once } from '../shared/store/letters.js';
import { CLOSED_STATUSES, type DsrRequest } from '../shared/store/requests.js';
import { logged } from '../shared/logger.js';
import { linkUrl } from '../shared/tasks.js';

/** Reminders and escalations reach the DPO at this local hour. */
const HOUR = 9;
/**
 * Escalations stop after this many working days overdue (about six months): with the
 * reminders before, no watchdog comes near Step Functions' one-year limit. The last one
 * says so.
 */
export const MAX_ESCALATIONS = 120;

export type WatchInput =
  | { requestId: string; step: 'plan' }
  | { requestId: string; step: 'remind'; daysLeft: number; dueDate: string }
  | { requestId: string; step: 'escalate'; count: number; dueDate: string };

export interface Plan {
  /** The due date the watch plans for: a watch whose request's date changed (an extension) ends silently. */
  dueDate: string;
  /** Reminders still ahead, each at 09:00 local time `daysLeft` days before the due date. */
  reminders: Array<{ at: string; daysLeft: number }>;
  /** 09:00 on the first working day after the due date. */
  overdueAt: string;
}

const isOpen = (request: DsrRequest | undefined): request is DsrRequest => !!request && !CLOSED_STATUSES.includes(request.status);
/** Open, and still due on the date this watch planned for. */
const isWatched = (request: DsrRequest | undefined, dueDate: string): request is DsrRequest => isOpen(request) && request.dueDate === dueDate;

/** When the reminders fall and when the request becomes overdue. */
function plan(request: DsrRequest, d: Deps): Plan {
  const { timeZone } = d.config.calendar;
  const due = parseDate(request.dueDate);
  const now = d.now().getTime();
  const reminders = [...new Set(d.config.reminderDays)]
    .sort((a, b) => b - a)
    .map((daysLeft) => ({ at: instantAt(addDays(due, -daysLeft), HOUR, timeZone).toISOString(), daysLeft }))
    .filter((r) => Date.parse(r.at) > now);
  const overdueAt = instantAt(nextWorkingDay(addDays(due, 1), d.config.calendar.holidays), HOUR, timeZone).toISOString();
  return { dueDate: request.dueDate, reminders, overdueAt };
}

/** The audit entry of a letter, written once whichever attempt gets there (the one that sent it may have failed before). */
const recordOnce = (request: DsrRequest, key: string, entry: { event: string; detail: Record<string, number> }, d: Deps) =>
  once(d.requests, request.requestId, `${key}-recorded`, () => d.audit.append({ requestId: request.requestId, at: d.now().toISOString(), actor: 'system', ...entry }));

/**
 * Sends a letter to `to` once for `key`: claimed first, so a retried step sends nothing
 * new; the letter (and the links it carries) is composed only once the claim is ours, and
 * the claim is given back if the send fails.
 */
const sendOnce = async (request: DsrRequest, key: string, to: string, compose: () => Promise<Letter>, d: Deps<'ses'>) =>
  once(d.requests, request.requestId, key, async () => sendLetter(d.ses, d.config.mail, to, await compose(), { requestId: request.requestId, reader: to === d.config.mail.dpo ? 'dpo' : 'escalation' }));

/**
 * The DPO's letter about the deadline, with a fresh link to the gate waiting now, if one
 * is; and before the due date of a request not yet extended, a link to extend it.
 */
async function letter(request: DsrRequest, subject: string, paragraph: string, d: Deps): Promise<Letter> {
  const locale = d.config.languages[0];
  const t = messages[locale];
  const gate = request.currentGate && (await d.links.sibling(request.currentGate.tokenHash, d.now()));
  const endOfDue = endOfDueDate(request.dueDate, d.config.calendar.timeZone);
  const extension = !request.extension && endOfDue > d.now() ? await d.links.issue({ purpose: 'extension', requestId: request.requestId, issuedAt: d.now(), expiresAt: endOfDue }) : undefined;
  return {
    ...(extension ? { moreLinks: [{ intro: t.deadline.extend(t.date(request.dueDate)), url: linkUrl(d.config.publicBaseUrl, 'decisions', extension.token) }] } : {}),
    locale,
    subject,
    paragraphs: [paragraph, gate ? t.deadline.gateWaiting : t.deadline.inProgress(t.statuses[request.status] ?? request.status)],
    facts: requestFacts(request, locale, d.config.calendar.timeZone, d.config.purposes),
    ...(gate ? { link: { intro: t.deadline.act, url: linkUrl(d.config.publicBaseUrl, 'decisions', gate.token) } } : {}),
  };
}

/**
 * Workflow step of the deadline watchdog (statemachines/deadline.asl.json): plans the
 * reminders; sends one reminder; escalates once a working day while overdue. Every step
 * first checks the request: a closed request gets no email, and ends the watch.
 */
export async function watchDeadline(input: WatchInput, d: Deps<'ses'>): Promise<Plan | { sent: boolean; watched: boolean } | { open: boolean; count: number; nextAt?: string }> {
  const request = await d.requests.get(input.requestId);
  const t = messages[d.config.languages[0]];
  if (input.step === 'plan') return isOpen(request) ? plan(request, d) : { dueDate: '', reminders: [], overdueAt: d.now().toISOString() };
  if (input.step === 'remind') {
    // Closed, or its due date moved (an extension watches the new one): the watch ends here, its other reminders unsent.
    if (!isWatched(request, input.dueDate)) return { sent: false, watched: false };
    const due = t.date(request.dueDate);
    const compose = () => letter(request, t.deadline.reminderSubject(input.daysLeft, due), t.deadline.reminder(t.rights[request.type], input.daysLeft, due), d);
    // Keyed by the due date too: after an extension, the new date's reminders are new ones.
    const key = `reminder-${input.daysLeft}-${request.dueDate}`;
    const sent = await sendOnce(request, key, d.config.mail.dpo, compose, d);
    await recordOnce(request, key, { event: 'deadline_reminder_sent', detail: { daysLeft: input.daysLeft } }, d);
    return { sent, watched: true };
  }
  if (!isWatched(request, input.dueDate)) return { open: false, count: input.count };
  const count = input.count + 1;
  const last = count >= MAX_ESCALATIONS;
  const due = t.date(request.dueDate);
  const subject = t.deadline.overdueSubject(due);
  const paragraph = last ? t.deadline.lastEscalation(count, due) : t.deadline.overdue(t.rights[request.type], due, count);
  const key = `escalation-${count}-${request.dueDate}`;
  await sendOnce(request, `${key}-dpo`, d.config.mail.dpo, () => letter(request, subject, paragraph, d), d);
  // The escalation contact learns that a request is late, not who it is about, and gets no link to act with.
  const contact = d.config.escalationEmail;
  if (contact) await sendOnce(request, `${key}-contact`, contact, async () => ({ locale: d.config.languages[0], subject, paragraphs: [paragraph], facts: [[t.dpo.fields.requestId, request.requestId]] }), d);
  await recordOnce(request, key, { event: last ? 'deadline_escalation_stopped' : 'deadline_escalated', detail: { workingDaysLate: count } }, d);
  if (last) return { open: false, count };
  const today = dateInZone(d.now(), d.config.calendar.timeZone);
  const next = nextWorkingDay(addDays(today, 1), d.config.calendar.holidays);
  return { open: true, count, nextAt: instantAt(next, HOUR, d.config.calendar.timeZone).toISOString() };
}

export const handler = logged((input: WatchInput) => watchDeadline(input, deps({ ses: sesClient() })));

