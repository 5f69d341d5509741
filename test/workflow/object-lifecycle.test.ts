import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../functions/shared/aws.js';
import { inlineExport, TestHttpSystem, type SystemCall } from '../support/http-system.js';
import { adminCall, approvedAccess as approvedAccessOn, dpoMail as dpoMailOf, eventually, linkIn, post, startTestTwin, type TestTwin, useSimulatedClock } from '../support/twin.js';
import { readZip } from '../support/zip.js';

/**
 * Every object lives as long as its request needs it, on the long paths too: the workflow
 * deletes what it staged and built when it is done with it, and the bucket's expiry rules,
 * which the twin applies as S3 does, are only a safety net beyond the longest request. A
 * DPO who takes weeks at a gate neither loses the staged exports nor shortens the learner's
 * download window.
 */
useSimulatedClock(4 * 86_400); // four simulated days a real second
const DAY_MS = 1_000 / 4;
const wait = (days: number) => new Promise((resolve) => setTimeout(resolve, days * DAY_MS));

const answers = (call: SystemCall, exported: string) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 200, body: inlineExport('notes.txt', exported) });
const notes = new TestHttpSystem('secret-of-the-notes-system', (call) => answers(call, 'Week 3: recursion'));
const grades = new TestHttpSystem('secret-of-the-grades-system', (call) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 400, body: { error: 'export disabled' } }));

let twin: TestTwin;
beforeAll(async () => {
  await Promise.all([notes.listen(), grades.listen()]);
  twin = await startTestTwin(
    // Abandoned at the release gate's first renewal (day 60), the first gate asked after the due date and 20 days: the
    // requests of the other tests have until then (about 13 real seconds) to reach their gates, however slow the machine.
    { languages: ['en'], verificationLinkHours: 720, decisionLinkDays: 60, downloadLinkDays: 7, abandonAfterDays: 20 },
    {
      connectors: [
        { name: 'notes', title: 'Notes', type: 'http', url: notes.url, secretName: 'dsr/notes' },
        { name: 'grades', title: 'Grades', type: 'http', url: grades.url, secretName: 'dsr/grades' },
      ],
      secrets: { 'dsr/notes': notes.secret, 'dsr/grades': grades.secret },
    },
  );
});
afterAll(() => Promise.all([notes.close(), grades.close()]));

const dpoMail = (requestId: string, subject: RegExp, count = 1) => dpoMailOf(twin, requestId, subject, count);

const approvedAccess = () => approvedAccessOn(twin);

const keysOf = async (requestId: string) => {
  const { s3 } = awsClients();
  const staged = (await s3.send(new ListObjectsV2Command({ Bucket: twin.bucket, Prefix: `staging/${requestId}/` }))).Contents ?? [];
  const archive = await s3.send(new HeadObjectCommand({ Bucket: twin.bucket, Key: `archives/${requestId}.zip` })).then(
    () => [`archives/${requestId}.zip`],
    () => [],
  );
  return [...staged.map((o) => o.Key!), ...archive];
};

describe('an access request that waits weeks on the DPO', () => {
  it('keeps its staged exports through the attention gate and its archive until the link given at release expires', async () => {
    const { email, requestId } = await approvedAccess();

    // The grades system fails: the DPO is asked, and takes three weeks to answer. The notes wait staged.
    const attention = await dpoMail(requestId, /Needs attention/);
    expect(await keysOf(requestId)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^staging/${requestId}/notes/`))]));
    await wait(21);
    expect((await post(linkIn(attention, 'decisions'), { choice: 'proceed', reason: 'The grades service is being replaced.' })).status).toBe(200);

    // The archive is built from what was staged, and the staging area goes; the DPO releases it three weeks later.
    const ready = await dpoMail(requestId, /Archive ready/);
    expect(await keysOf(requestId)).toEqual([`archives/${requestId}.zip`]);
    await wait(21);
    expect((await post(linkIn(ready, 'decisions'), {})).status).toBe(200);

    // The learner's link works, with the whole archive behind it, for the days it promises.
    const letter = await twin.mail.waitFor(email, 2, 20_000);
    await wait(3);
    const go = await post(linkIn(letter, 'downloads'), {});
    expect(go.status).toBe(303);
    const entries = await readZip(Buffer.from(await (await fetch(go.headers.get('location')!)).arrayBuffer()));
    expect(entries.get('notes/notes.txt')!.toString()).toBe('Week 3: recursion');

    // Then the workflow deletes it.
    const done = await twin.stepFunctions.list().find((e) => e.name === requestId)!.done;
    expect(done.states.slice(-3)).toEqual(['WaitUntilTheDownloadLinkExpires', 'DeleteTheArchive', 'RequestAnswered']);
    expect(await keysOf(requestId)).toEqual([]);
  }, 90_000);
});

describe('a request that ends without an answer', () => {
  it('takes its archive and staged exports with it when abandoned', async () => {
    grades.answer = (call) => answers(call, 'unused');
    const { requestId } = await approvedAccess();
    await dpoMail(requestId, /Archive ready/);
    expect(await keysOf(requestId)).toEqual([`archives/${requestId}.zip`]);

    // Never released: long after the due date, the gate's next renewal abandons the request.
    const done = await twin.stepFunctions.list().find((e) => e.name === requestId)!.done;
    expect(done).toMatchObject({ status: 'FAILED', error: 'RequestAbandoned' });
    expect(done.states.slice(-2)).toEqual(['DeleteWhatTheAbandonedRequestLeft', 'RequestAbandoned']);
    expect(await keysOf(requestId)).toEqual([]);
    expect((await twin.deps.audit.list(requestId)).map((e) => e.event)).toContain('archive_deleted');
  }, 90_000);

  it('cannot be cancelled while the systems export: their files would land after the deletion', async () => {
    const before = notes.calls.filter((c) => c.operation === 'export').length;
    notes.answer = (call) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 202 }); // answers later, by callback
    const { requestId } = await approvedAccess();
    await eventually(async () => notes.calls.filter((c) => c.operation === 'export')[before], 20_000, 'the export call');
    const refused = await adminCall(twin, 'POST', `/admin/requests/${requestId}/cancel`, { reason: 'The learner withdrew the request by phone.' });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/being exported/);
    expect((await twin.deps.requests.get(requestId))!.status).not.toBe('cancelled');
    notes.answer = (call) => answers(call, 'Week 3: recursion');
  }, 60_000);

  it('takes them with it when an operator cancels it', async () => {
    const { requestId } = await approvedAccess();
    await dpoMail(requestId, /Archive ready/);
    expect(await keysOf(requestId)).toEqual([`archives/${requestId}.zip`]);
    // The gate is recorded just after its email is sent: cancel once the request waits on it.
    await eventually(async () => ((await twin.deps.requests.get(requestId))?.currentGate?.gate === 'release' ? true : undefined), 10_000, 'the release gate');
    const cancelled = await adminCall(twin, 'POST', `/admin/requests/${requestId}/cancel`, { reason: 'The learner withdrew the request by phone.' });
    expect(cancelled.status).toBe(200);
    expect(await keysOf(requestId)).toEqual([]);
  }, 60_000);
});
