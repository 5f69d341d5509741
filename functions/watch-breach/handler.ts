import type { Breach } from '../shared/breach.js';
import { hoursLeft, NOTIFICATION_HOURS, notificationDeadline } from '../shared/breach.js';
import { sesClient } from '../shared/clients/ses.js';
import { deps, type Deps } from '../shared/context.js';
import { TransientError } from '../connectors/kit.js';
import { messages } from '../shared/i18n.js';
import { sendLetter, type Letter } from '../shared/mail.js';
import { logged } from '../shared/logger.js';
import { once } from '../shared/store/letters.js';

/**
 * Escalations come once a day after the 72 hours, and stop after this many (three
 * months): the register keeps the breach open, and no clock nears Step Functions'
 * one-year limit. The last one says so.
 */
export const MAX_BREACH_ESCALATIONS = 90;
const DAY_MS = 86_400_000;

export type BreachClockInput = { breachId: string; step: 'plan'; awareAt: string } | { breachId: string; step: 'remind'; hours: number } | { breachId: string; step: 'escalate'; count: number; at: string };

export interface BreachPlan {
  open: boolean;
  /** Reminders still ahead: `hours` after awareness. A breach opened late skips those already past. */
  reminders: Array<{ at: string; hours: number }>;
  /** The first escalation: at 72 hours, or at once for a breach opened after them. */
  escalateAt: string;
}

/** The reminders still ahead (a breach recorded late skips those past), and the first escalation: at 72 hours, or at once after them. */
function plan(awareAt: string, d: Deps): BreachPlan {
  const now = d.now().getTime();
  const reminders = d.config.breachReminderHours.map((hours) => ({ at: new Date(Date.parse(awareAt) + hours * 3_600_000).toISOString(), hours })).filter((r) => Date.parse(r.at) > now);
  return { open: true, reminders, escalateAt: new Date(Math.max(notificationDeadline(awareAt).getTime(), now)).toISOString() };
}

/** Sends a letter once for `key` (claimed first, given back if the send fails). */
const sendOnce = (breach: Breach, key: string, to: string, letter: Letter, d: Deps<'ses'>) => once(d.breaches, breach.breachId, key, () => sendLetter(d.ses, d.config.mail, to, letter));

/** The timeline's entry of a letter, written once whichever attempt gets there (the one that sent it may have failed before). */
const recordOnce = (breach: Breach, key: string, entry: { event: string; detail: Record<string, number> }, d: Deps) =>
  once(d.breaches, breach.breachId, `${key}-recorded`, () => d.audit.append({ requestId: breach.breachId, at: d.now().toISOString(), actor: 'system', ...entry }));

function letter(breach: Breach, subject: string, paragraphs: string[], d: Deps): Letter {
  const locale = d.config.languages[0];
  const t = messages[locale];
  const { timeZone } = d.config.calendar;
  return {
    locale,
    subject,
    paragraphs: [...paragraphs, t.breach.howTo(breach.breachId)],
    facts: [
      [t.breach.facts.summary, breach.summary],
      [t.breach.facts.risk, t.breach.risks[breach.risk]],
      [t.breach.facts.aware, t.dateTime(breach.awareAt, timeZone)],
      [t.breach.facts.deadline, t.dateTime(notificationDeadline(breach.awareAt).toISOString(), timeZone)],
    ],
  };
}

/**
 * Step of a breach's 72-hour clock (statemachines/breach.asl.json): plans the reminders
 * (`dsr:breachReminderHours` after awareness), sends one, and escalates once a day after
 * the 72 hours, to the DPO and the escalation contact. Every step reads the breach first:
 * once its notification, or the decision that none is due, is recorded, nothing is sent
 * and the clock ends.
 */
export async function watchBreach(input: BreachClockInput, d: Deps<'ses'>): Promise<BreachPlan | { sent: boolean } | { open: boolean; count: number; nextAt?: string }> {
  // The plan needs only the awareness, which the clock is started with: its breach is written a moment after it starts.
  if (input.step === 'plan') return plan(input.awareAt, d);
  const breach = await d.breaches.get(input.breachId);
  if (!breach) throw new TransientError(`breach ${input.breachId} not found yet`);
  const open = breach.state === 'open';
  const now = d.now();
  const t = messages[d.config.languages[0]];
  const { timeZone } = d.config.calendar;
  const aware = t.dateTime(breach.awareAt, timeZone);
  const deadline = notificationDeadline(breach.awareAt);
  if (input.step === 'remind') {
    if (!open) return { sent: false };
    // The hours left at the reminder's own hour: the step runs a moment after it.
    const left = NOTIFICATION_HOURS - input.hours;
    const sent = await sendOnce(breach, `reminder-${input.hours}`, d.config.mail.dpo, letter(breach, t.breach.reminderSubject(breach.breachId.slice(0, 8), left), [t.breach.reminder(aware, t.dateTime(deadline.toISOString(), timeZone), left)], d), d);
    await recordOnce(breach, `reminder-${input.hours}`, { event: 'breach_reminder_sent', detail: { hoursAfterAwareness: input.hours } }, d);
    return { sent };
  }
  if (!open) return { open: false, count: input.count };
  const count = input.count + 1;
  const last = count >= MAX_BREACH_ESCALATIONS;
  const late = Math.max(0, -hoursLeft(breach.awareAt, now) - 1);
  const subject = t.breach.overdueSubject(breach.breachId.slice(0, 8), late);
  const paragraphs = [t.breach.overdue(aware, t.dateTime(deadline.toISOString(), timeZone), late), ...(last ? [t.breach.lastEscalation] : [])];
  await sendOnce(breach, `escalation-${count}-dpo`, d.config.mail.dpo, letter(breach, subject, paragraphs, d), d);
  // The escalation contact learns that a notification is late and which breach, not its facts.
  const contact = d.config.escalationEmail;
  if (contact) await sendOnce(breach, `escalation-${count}-contact`, contact, { locale: d.config.languages[0], subject, paragraphs }, d);
  await recordOnce(breach, `escalation-${count}`, { event: last ? 'breach_escalation_stopped' : 'breach_escalated', detail: { hoursLate: late } }, d);
  if (last) return { open: false, count };
  // Once a day from the first escalation's time, whatever a retry's lateness.
  return { open: true, count, nextAt: new Date(Date.parse(input.at) + DAY_MS).toISOString() };
}

export const handler = logged((input: BreachClockInput) => watchBreach(input, deps({ ses: sesClient() })));
