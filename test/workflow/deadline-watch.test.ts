import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateInZone, formatDate, instantAt, parseDate } from '../../functions/shared/civil-date.js';
import { nextWorkingDay } from '../../functions/shared/legal-clock.js';
import { watchDeadline } from '../../functions/watch-deadline/handler.js';
import { eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, useSimulatedClock, type TestTwin } from '../support/twin.js';

/**
 * The deadline watchdog (statemachines/deadline.asl.json) on the simulated clock, one
 * day a second: reminders to the DPO at 10, 5, 2 and 0 days before the due date, each at
 * 09:00 and linking to the gate waiting now, then an escalation to the DPO and the
 * escalation contact on the first working day overdue; nothing for a closed request, and
 * nothing twice.
 */
useSimulatedClock(86_400); // a simulated day a real second: a processing lag of a few tenths of a second stays within the day
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], verificationLinkHours: 720, decisionLinkDays: 60, escalationEmail: 'head@school.example' });
});

const dpo = 'dpo@school.example';
const about = async (address: string, requestId: string) => (await twin.mail.to(address)).filter((m) => m.text.includes(requestId));

describe('a request left before the DPO', () => {
  it('brings the reminders at their times, linking to the decision, then the escalation; a closed one brings nothing', async () => {
    const email = uniqueAddress();
    const { requestId, dueDate } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
    expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
    // Another request, rejected at once: closed, it must bring no reminder.
    const other = uniqueAddress();
    const closed = await fileRequest(twin, { email: other, type: 'access', locale: 'en' });
    expect((await post(linkIn(await twin.mail.waitFor(other), 'verify'), {})).status).toBe(200);
    const decision = await eventually(async () => (await about(dpo, closed.requestId))[0]);
    expect((await post(linkIn(decision, 'decisions'), { decision: 'reject', reason: 'Not a learner of ours.' })).status).toBe(200);

    // The first working day after the due date brings the escalation, to the DPO and the contact.
    const escalation = await eventually(async () => (await about('head@school.example', requestId))[0], 60_000, 'the escalation');
    expect(escalation.subject).toMatch(/^Overdue: a data subject request was due /);
    expect(escalation.text).toContain('1 working day late');

    const reminders = (await about(dpo, requestId)).filter((m) => /^(Reminder|Due today)/.test(m.subject));
    expect(reminders.map((m) => m.subject.replace(/ \(.*\)$/, ''))).toEqual([
      'Reminder: a data subject request is due in 10 days',
      'Reminder: a data subject request is due in 5 days',
      'Reminder: a data subject request is due in 2 days',
      'Due today: a data subject request',
    ]);
    // Each links to the decision waiting now, and the link works.
    for (const reminder of reminders) {
      const page = await fetch(linkIn(reminder, 'decisions'));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Decide on a data subject request');
    }

    // From 09:00 Paris time on the day, 10, 5, 2 and 0 days before the due date (a real
    // millisecond is minutes here, so the day and the hour are what is checked); the
    // escalation on the first working day after.
    const due = parseDate(dueDate);
    const dayOf = (at: number) => formatDate(dateInZone(new Date(at), 'Europe/Paris'));
    const trail = await twin.deps.audit.list(requestId);
    const sentAt = trail.filter((e) => e.event === 'deadline_reminder_sent').map((e) => Date.parse(e.at));
    const expected = [10, 5, 2, 0].map((n) => instantAt(addDays(due, -n), 9, 'Europe/Paris').getTime());
    expect(sentAt.map(dayOf)).toEqual(expected.map(dayOf));
    sentAt.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(expected[i]));
    const overdue = instantAt(nextWorkingDay(addDays(due, 1), twin.deps.config.calendar.holidays), 9, 'Europe/Paris').getTime();
    const escalatedAt = Date.parse(trail.find((e) => e.event === 'deadline_escalated')!.at);
    expect(dayOf(escalatedAt)).toBe(dayOf(overdue));
    expect(escalatedAt).toBeGreaterThanOrEqual(overdue);

    // Nothing about the closed request, and a retried step sends nothing new.
    expect((await about(dpo, closed.requestId)).filter((m) => /Reminder|Due today|Overdue/.test(m.subject))).toEqual([]);
    expect(await watchDeadline({ requestId, step: 'remind', daysLeft: 10, dueDate }, twin.deps)).toEqual({ sent: false, watched: true });
    expect((await about(dpo, requestId)).filter((m) => /due in 10 days/.test(m.subject))).toHaveLength(1);
    expect(twin.stepFunctions.list().find((e) => e.name === `${closed.requestId}-deadline`)!.status).not.toBe('FAILED');
  }, 90_000);
});
