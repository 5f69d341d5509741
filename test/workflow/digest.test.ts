import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../functions/shared/aws.js';
import { sendDigest, type DeadlineCounts } from '../../functions/send-digest/handler.js';
import { eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, type TestTwin } from '../support/twin.js';

/**
 * The DPO's daily digest: every open request with its right, status, due date and working
 * days left, the soonest due first, coloured, each linking to what it waits for; once a day
 * at the configured hour, and nothing on a day with nothing open.
 */
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], digestHour: 8 });
});

const dpo = 'dpo@school.example';
const at = (iso: string) => ({ ...twin.deps, now: () => new Date(iso) });
const setDue = (requestId: string, dueDate: string) =>
  awsClients().dynamo.send(new UpdateCommand({ TableName: twin.tables.requests, Key: { pk: `request#${requestId}` }, UpdateExpression: 'SET dueDate = :d', ExpressionAttributeValues: { ':d': dueDate } }));
const digests = async () => (await twin.mail.to(dpo)).filter((m) => m.subject.startsWith('Open data subject requests'));

describe('the daily digest', () => {
  it('lists the open requests most urgent first, coloured, with links; once a day, and not when nothing is open', async () => {
    // Four requests, due on either side of Tuesday 1 December 2026.
    const dues = ['2026-12-22', '2026-11-27', '2026-12-10', '2026-12-03'];
    const filed: Array<{ requestId: string; due: string }> = [];
    for (const due of dues) {
      const { requestId } = await fileRequest(twin, { email: uniqueAddress(), type: 'access', locale: 'en' });
      await setDue(requestId, due);
      filed.push({ requestId, due });
    }
    // The one due on the 3rd waits for the DPO's decision: its row links to it.
    const waiting = filed[3];
    const learner = (await twin.deps.requests.get(waiting.requestId))!.email;
    expect((await post(linkIn(await twin.mail.waitFor(learner), 'verify'), {})).status).toBe(200);
    await eventually(async () => (await twin.deps.requests.get(waiting.requestId))?.currentGate);

    const counts: DeadlineCounts[] = [];
    expect(await sendDigest(at('2026-12-01T06:30:00Z'), (c) => counts.push(c))).toEqual({ sent: false }); // 07:30 in Paris: not yet
    expect(await sendDigest(at('2026-12-01T07:30:00Z'), (c) => counts.push(c))).toEqual({ sent: true, open: 4 });
    // Every hour, the counts the alarms watch: open, due within five working days, overdue.
    expect(counts).toEqual([{ open: 4, dueWithin5Days: 1, overdue: 1 }, { open: 4, dueWithin5Days: 1, overdue: 1 }]);
    const [digest] = await digests();
    expect(digest.subject).toBe('Open data subject requests: 4, 1 overdue');
    const order = ['2026-11-27', '2026-12-03', '2026-12-10', '2026-12-22'].map((due) => filed.find((f) => f.due === due)!.requestId.slice(0, 8));
    const positions = order.map((id) => digest.text.indexOf(id));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
    expect(digest.text).toMatch(/OVERDUE by 2 working days[\s\S]*2 working days[\s\S]*7 working days[\s\S]*15 working days/);
    const tones = [...digest.html.matchAll(/<tr style="(background:#[0-9a-f]+)/g)].map((m) => m[1]);
    expect(tones).toEqual(['background:#b00020', 'background:#fdecea', 'background:#fff4e5', 'background:#e6f4ea']);
    const link = linkIn(digest, 'decisions');
    expect(await (await fetch(link)).text()).toContain(waiting.requestId);

    // Once a day, whatever the retries.
    expect(await sendDigest(at('2026-12-01T07:45:00Z'))).toEqual({ sent: false, open: 4 });
    expect(await digests()).toHaveLength(1);

    // With nothing open, nothing is sent.
    for (const { requestId } of filed) {
      const request = (await twin.deps.requests.get(requestId))!;
      await twin.deps.requests.transition(request, 'rejected', twin.deps.audit, { requestId, at: new Date().toISOString(), actor: 'dpo', event: 'request_rejected' });
    }
    expect(await sendDigest(at('2026-12-02T07:30:00Z'))).toEqual({ sent: false, open: 0 });
    expect(await digests()).toHaveLength(1);
  }, 60_000);

  it('lists the breaches whose notification is not recorded yet, with the hours left, first', async () => {
    const opened = async (awareAt: string) => {
      const breach = { breachId: crypto.randomUUID(), openedAt: awareAt, awareAt, summary: 'Grades sent to the wrong class.', risk: 'risk' as const, state: 'open' as const, notifications: [], revision: 0 };
      await twin.deps.breaches.open(breach, twin.deps.audit, { requestId: breach.breachId, at: awareAt, actor: 'operator', event: 'breach_opened' });
      return breach;
    };
    const late = await opened('2026-12-05T08:00:00Z'); // 72 hours end on the 8th, 08:00 UTC
    const recent = await opened('2026-12-08T01:00:00Z');
    const notified = await opened('2026-12-08T02:00:00Z');
    await twin.deps.breaches.change(notified, { state: 'notified' }, twin.deps.audit, { requestId: notified.breachId, at: '2026-12-08T03:00:00Z', actor: 'operator', event: 'authority_notified' });

    expect(await sendDigest(at('2026-12-09T07:30:00Z'))).toMatchObject({ sent: true });
    const [digest] = (await twin.mail.to(dpo)).filter((m) => m.subject.startsWith('Breaches to notify'));
    expect(digest.subject).toBe('Breaches to notify: 2');
    expect(digest.text).toMatch(new RegExp(`${late.breachId.slice(0, 8)}.*LATE by 24 hours[\\s\\S]*${recent.breachId.slice(0, 8)}.*· 41 hours`));
    expect(digest.text).not.toContain(notified.breachId.slice(0, 8));
  });
});
