import { beforeAll, describe, expect, it } from 'vitest';
import { adminCall, eventually, linkIn, post, startTestTwin, useSimulatedClock, type TestTwin } from '../support/twin.js';

/**
 * The 72-hour clock of a breach (statemachines/breach.asl.json) on the simulated clock,
 * ten hours a second: reminders at 24, 48 and 66 hours after awareness, escalation at 72
 * and daily after, stopped by the notification or by the decision that none is due.
 */
useSimulatedClock(36_000);
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], escalationEmail: 'ciso@school.example' }, { ownMailbox: true });
});

const HOUR = 3_600_000;
const dpo = 'dpo@school.example';

const admin = (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) => adminCall(twin, method, path, body, token);

/** Opens a breach the controller became aware of `hoursAgo` hours ago (simulated). */
async function openBreach(hoursAgo = 0, risk = 'risk') {
  const awareAt = new Date(twin.deps.now().getTime() - hoursAgo * HOUR).toISOString();
  const { status, json } = await admin('POST', '/admin/breaches', { awareAt, summary: 'A teacher\'s laptop with a grades export was stolen.', risk, peopleCount: 240, recordCategories: 'names, grades' });
  expect(status).toBe(201);
  return json.breach as { breachId: string; awareAt: string; deadline: string };
}

/** The clock's entries in the breach's timeline, with their hours after awareness. */
async function clockEntries(breach: { breachId: string; awareAt: string }) {
  const { json } = await admin('GET', `/admin/breaches/${breach.breachId}`);
  return (json.timeline as Array<{ at: string; event: string; detail?: Record<string, unknown> }>)
    .filter((e) => e.event.startsWith('breach_reminder') || e.event.startsWith('breach_escalat'))
    .map((e) => ({ event: e.event, hours: (Date.parse(e.at) - Date.parse(breach.awareAt)) / HOUR, detail: e.detail }));
}

const mailsAbout = async (breachId: string, to = dpo) => (await twin.mail.to(to)).filter((m) => m.subject.includes(breachId.slice(0, 8)));
const clockOf = (breachId: string) => twin.stepFunctions.list().find((e) => e.name.startsWith(`${breachId}-`))!;

describe('a breach\'s clock', () => {
  it('reminds the DPO at 24, 48 and 66 hours, escalates at 72 to the DPO and the escalation contact, and stops when the late notification is recorded with its reasons', async () => {
    const breach = await openBreach();
    const entries = await eventually(async () => ((await clockEntries(breach)).length >= 5 ? clockEntries(breach) : undefined), 30_000, 'three reminders and two escalations');
    expect(entries.slice(0, 5).map((e) => e.event)).toEqual(['breach_reminder_sent', 'breach_reminder_sent', 'breach_reminder_sent', 'breach_escalated', 'breach_escalated']);
    // ...and again a day later.
    expect(entries[4].hours).toBeGreaterThanOrEqual(96);
    expect(entries[4].hours).toBeLessThan(96 + 6);
    expect(entries.slice(0, 3).map((e) => e.detail?.hoursAfterAwareness)).toEqual([24, 48, 66]);
    // Never early; late by at most the simulated lag of a loaded machine.
    entries.slice(0, 4).forEach((e, i) => {
      expect(e.hours).toBeGreaterThanOrEqual([24, 48, 66, 72][i]);
      expect(e.hours).toBeLessThan([24, 48, 66, 72][i] + 6);
    });
    const mails = await mailsAbout(breach.breachId);
    expect(mails[0].subject).toMatch(/: 48 hours left to notify the supervisory authority$/);
    expect(mails[0].text).toContain(`npx dsr breaches draft ${breach.breachId}`);
    expect((await mailsAbout(breach.breachId, 'ciso@school.example'))[0].subject).toMatch(/^LATE: personal data breach/);

    // After 72 hours the reasons for the delay are required.
    const noReason = await admin('POST', `/admin/breaches/${breach.breachId}/notify`, { phase: 'initial', reference: 'CNIL-2026-0042' });
    expect(noReason).toMatchObject({ status: 400, json: { field: 'delayReason' } });
    const notified = await admin('POST', `/admin/breaches/${breach.breachId}/notify`, { phase: 'initial', reference: 'CNIL-2026-0042', delayReason: 'The theft was reported by the teacher only on the third day.' });
    expect(notified.status).toBe(200);
    expect(notified.json.breach).toMatchObject({ state: 'notified', notifications: [{ phase: 'initial', reference: 'CNIL-2026-0042', delayReason: expect.any(String) }] });
    expect(notified.json.breach).not.toHaveProperty('hoursLeft');
    expect(clockOf(breach.breachId).status).not.toBe('RUNNING');
    const sent = (await mailsAbout(breach.breachId)).length;
    await new Promise((r) => setTimeout(r, 3_000)); // 30 simulated hours
    expect((await mailsAbout(breach.breachId)).length).toBe(sent);
  }, 60_000);

  it('starts at the right point for a breach recorded late: only the reminders still ahead', async () => {
    const breach = await openBreach(50);
    const entries = await eventually(async () => ((await clockEntries(breach)).length >= 2 ? clockEntries(breach) : undefined), 30_000, 'a reminder and an escalation');
    expect(entries.slice(0, 2).map((e) => [e.event, e.detail?.hoursAfterAwareness])).toEqual([
      ['breach_reminder_sent', 66],
      ['breach_escalated', undefined],
    ]);
    await admin('POST', `/admin/breaches/${breach.breachId}/no-notification`, { reason: 'Test over.' });
  }, 60_000);

  it('escalates at once for a breach recorded after 72 hours', async () => {
    const breach = await openBreach(100);
    const [first] = await eventually(async () => ((await clockEntries(breach)).length >= 1 ? clockEntries(breach) : undefined), 10_000, 'an escalation');
    expect(first.event).toBe('breach_escalated');
    expect(first.hours).toBeLessThan(100 + 24); // at once, not at the next daily escalation
    expect(first.detail?.hoursLate).toBeGreaterThanOrEqual(27);
    await admin('POST', `/admin/breaches/${breach.breachId}/no-notification`, { reason: 'Test over.' });
  }, 30_000);

  it('stops when the DPO records that no notification is due, with the reason; nothing can be notified after', async () => {
    const breach = await openBreach(0, 'none');
    const decided = await admin('POST', `/admin/breaches/${breach.breachId}/no-notification`, { reason: 'The lost USB key was encrypted (AES-256) and its key was not lost.' });
    expect(decided.json.breach).toMatchObject({ state: 'not_notified', noNotification: { reason: expect.stringContaining('encrypted') } });
    await eventually(async () => (clockOf(breach.breachId).status !== 'RUNNING' ? true : undefined), 5_000, 'the clock to stop');
    await new Promise((r) => setTimeout(r, 3_000)); // past 24 simulated hours
    expect(await mailsAbout(breach.breachId)).toEqual([]);
    expect(await admin('POST', `/admin/breaches/${breach.breachId}/notify`, { phase: 'initial', reference: 'X' })).toMatchObject({ status: 409 });
  }, 30_000);

  it('takes follow-ups after the initial notification only, and the initial once', async () => {
    const breach = await openBreach(1);
    expect(await admin('POST', `/admin/breaches/${breach.breachId}/notify`, { phase: 'follow-up', reference: 'CNIL-1' })).toMatchObject({ status: 409 });
    expect((await admin('POST', `/admin/breaches/${breach.breachId}/notify`, { phase: 'initial', reference: 'CNIL-1' })).status).toBe(200);
    expect(await admin('POST', `/admin/breaches/${breach.breachId}/notify`, { phase: 'initial', reference: 'CNIL-1' })).toMatchObject({ status: 409 });
    const followUp = await admin('POST', `/admin/breaches/${breach.breachId}/notify`, { phase: 'follow-up', reference: 'CNIL-1' });
    expect(followUp.json.breach.notifications.map((n: { phase: string }) => n.phase)).toEqual(['initial', 'follow-up']);
    const { json } = await admin('GET', `/admin/breaches/${breach.breachId}`);
    expect(json.timeline.map((e: { event: string }) => e.event)).toEqual(['breach_opened', 'authority_notified', 'authority_follow_up']);
    expect(await mailsAbout(breach.breachId)).toEqual([]); // notified within the first hours: no reminder was due yet
  }, 30_000);
});

describe('the DPO\'s breach form', () => {
  it('reached from an emailed link, records a breach in the controller\'s local time, once', async () => {
    expect((await admin('POST', '/admin/breaches/form-link')).status).toBe(200);
    const letter = await eventually(async () => (await twin.mail.to(dpo)).find((m) => m.subject === 'Record a personal data breach'), 10_000, 'the form link');
    const link = linkIn(letter, 'breaches');
    expect(await (await fetch(link)).text()).toContain('name="awareAt"');

    // Became aware 3 hours ago, in Paris time, as the DPO types it.
    const aware = new Date(Math.floor((twin.deps.now().getTime() - 3 * HOUR) / 60_000) * 60_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(aware).replace(' ', 'T');
    const refused = await post(link, { awareAt: local, risk: 'risk', summary: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('id="summary-error"');

    const recorded = await post(link, { awareAt: local, risk: 'high', summary: 'A USB key with learners\' files was lost.', nature: 'confidentiality', peopleCount: '12' });
    expect(recorded.status).toBe(201);
    const breachId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(await recorded.text())![0];
    const { json } = await admin('GET', `/admin/breaches/${breachId}`);
    expect(json.breach).toMatchObject({ awareAt: aware.toISOString(), risk: 'high', nature: ['confidentiality'], peopleCount: 12, state: 'open' });
    expect(json.timeline[0]).toMatchObject({ event: 'breach_opened', actor: 'dpo' });
    expect((await post(link, { awareAt: local, risk: 'high', summary: 'Again' })).status).toBe(409);
    await admin('POST', `/admin/breaches/${breachId}/no-notification`, { reason: 'Test over.' });
  }, 30_000);
});
