import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { SNSEvent } from 'aws-lambda';
import { recordBounces } from '../../functions/record-bounces/handler.js';
import { recipientKey, RecipientStore } from '../../functions/shared/store/recipients.js';
import { awsClients } from '../../functions/shared/aws.js';
import { TestHttpSystem } from '../support/http-system.js';
import { adminCall, eventually, linkIn, post, startTestTwin, type Email, type TestTwin } from '../support/twin.js';

/**
 * The communication of a breach to the people it concerns (Art. 34): the addresses
 * uploaded as a CSV, the DPO's approval from an emailed link, one email per address in
 * its language, and a sending stopped half-way then resumed that still writes to nobody
 * twice.
 */
let twin: TestTwin;
/** A second directory, over HTTP: it knows former learners, and one current learner by another address. */
const ALUMNI: Record<string, { email: string; language?: string }> = { 'x-77': { email: 'Old.Friend@alumni.example', language: 'en-GB' }, 'u-1003': { email: 'alan@elsewhere.example' } };
const alumni = new TestHttpSystem('shared-secret-of-the-alumni-directory', (call) => ({ status: 200, body: call.operation === 'resolve' ? { people: call.userIds!.filter((id) => id in ALUMNI).map((userId) => ({ userId, ...ALUMNI[userId] })) } : { found: false } }));
beforeAll(async () => {
  await alumni.listen();
  // The demo platform's account table is a directory (declared first); the alumni system another.
  twin = await startTestTwin(
    { languages: ['en', 'fr'], communicationRate: 50 },
    { ownMailbox: true, demo: true, connectors: [{ name: 'alumni', title: 'Alumni directory', type: 'http', url: alumni.url, secretName: 'dsr/alumni', directory: true }], secrets: { 'dsr/alumni': alumni.secret } },
  );
});
afterAll(() => alumni.close());

const dpo = 'dpo@school.example';

const admin = (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) => adminCall(twin, method, path, body, token);

const TEXTS = {
  en: { subject: 'About your grades at our school', body: 'A grades export was sent to the wrong class on 20 November.\n\nWrite to dpo@school.example with any question.' },
  fr: { subject: 'À propos de vos notes', body: 'Un export des notes a été envoyé à la mauvaise classe le 20 novembre.\n\nÉcrivez à dpo@school.example pour toute question.' },
};

/** Opens a high-risk breach, uploads `csv` as its addresses, and asks for the communication. */
async function askCommunication(csv: string) {
  const opened = await admin('POST', '/admin/breaches', { awareAt: new Date().toISOString(), summary: 'Grades sent to the wrong class.', risk: 'high' });
  const breachId: string = opened.json.breach.breachId;
  const upload = await admin('POST', `/admin/breaches/${breachId}/recipients`);
  expect(upload.status).toBe(200);
  const recipients = upload.json.key;
  // No checksum signed into the address: there was no body to sum when it was made (S3 would refuse the file).
  expect(upload.json.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);
  expect(await admin('POST', `/admin/breaches/${breachId}/communication`, { recipients, texts: TEXTS })).toMatchObject({ status: 409 }); // nothing uploaded yet
  expect(await admin('POST', `/admin/breaches/${breachId}/communication`, { recipients: `breaches/${breachId}/../other.csv`, texts: TEXTS })).toMatchObject({ status: 400, json: { field: 'recipients' } });
  expect((await fetch(upload.json.url, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv })).status).toBe(200);
  expect(await admin('POST', `/admin/breaches/${breachId}/communication`, { recipients, texts: { en: TEXTS.en } })).toMatchObject({ status: 400, json: { field: 'texts.fr.subject' } });
  expect((await admin('POST', `/admin/breaches/${breachId}/communication`, { recipients, texts: TEXTS })).status).toBe(202);
  return breachId;
}

const dpoMail = (breachId: string, subject: RegExp) =>
  eventually(async () => (await twin.mail.to(dpo)).find((m) => m.subject.includes(breachId.slice(0, 8)) && subject.test(m.subject)), 20_000, `DPO email ${subject}`);

/** The communication's execution, by the name the breach records (the breach's clock is named `<breachId>-<hex>`, which may begin with a c). */
async function communicationOf(breachId: string) {
  const { execution } = (await admin('GET', `/admin/breaches/${breachId}`)).json.breach.communication;
  return twin.stepFunctions.list().find((e) => e.name === execution)!;
}

/** Every email of the communication, by address. */
async function received(subjects = [TEXTS.en.subject, TEXTS.fr.subject]): Promise<Map<string, Email[]>> {
  const byAddress = new Map<string, Email[]>();
  for (const mail of (await twin.mail.all()).filter((m) => subjects.includes(m.subject))) for (const to of mail.to) byAddress.set(to, [...(byAddress.get(to) ?? []), mail]);
  return byAddress;
}

describe('a breach\'s communication', () => {
  it('reads the addresses, waits for the DPO\'s approval, and writes to each once, in its language', async () => {
    const csv = ['email,language', 'ada@one.example', 'GRACE@one.example,fr', 'grace@one.example', 'not an address', 'alan@one.example,de', 'alan@one.example,en', ''].join('\r\n');
    const breachId = await askCommunication(csv);

    const ask = await dpoMail(breachId, /approve the message to the 3 people concerned/);
    expect(ask.text).toContain('2 lines of the list refused');
    const link = linkIn(ask, 'communications');
    const page = await (await fetch(link)).text();
    expect(page).toContain(TEXTS.en.subject);
    expect(page).toContain(TEXTS.fr.subject);
    expect(await received()).toEqual(new Map()); // nothing before the approval
    expect((await post(link, {})).status).toBe(200);

    const report = await dpoMail(breachId, /the message to the people concerned was sent/);
    expect(report.text).toContain('Sent: 3.');
    const mails = await received();
    expect([...mails.keys()].sort()).toEqual(['ada@one.example', 'alan@one.example', 'grace@one.example']);
    expect([...mails.values()].every((m) => m.length === 1)).toBe(true);
    expect(mails.get('grace@one.example')![0].subject).toBe(TEXTS.fr.subject);
    expect(mails.get('ada@one.example')![0].text).toContain('sent to the wrong class');
    const { json } = await admin('GET', `/admin/breaches/${breachId}`);
    expect(json.breach.communication).toMatchObject({ state: 'sent', recipients: 3, refusedLines: 2 });
    expect(json.timeline.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['communication_asked', 'communication_prepared', 'communication_approved', 'communication_sent']));
    expect((await post(link, {})).status).toBe(409); // the link acts once

    // SES reports a permanent bounce (through its configuration set and SNS): recorded once, on the address and in the timeline.
    const store = new RecipientStore(awsClients().dynamo, twin.tables.breaches);
    const list = { breachId, list: json.breach.communication.list };
    const ada = (await store.page(list, 10)).items.find((i) => i.sk === recipientKey('ada@one.example'))!;
    expect(ada).not.toHaveProperty('email'); // once sent, the key and the outcome are the proof
    const bounce = (messageId: string, bounceType: string) => ({ Records: [{ Sns: { Message: JSON.stringify({ eventType: 'Bounce', mail: { messageId }, bounce: { bounceType, bounceSubType: 'NoEmail' } }) } }] }) as unknown as SNSEvent;
    expect(await recordBounces(bounce(ada.messageId!, 'Transient'), twin.deps, store)).toEqual({ recorded: 0 });
    expect(await recordBounces(bounce('not-ours', 'Permanent'), twin.deps, store)).toEqual({ recorded: 0 });
    expect(await recordBounces(bounce(ada.messageId!, 'Permanent'), twin.deps, store)).toEqual({ recorded: 1 });
    expect(await recordBounces(bounce(ada.messageId!, 'Permanent'), twin.deps, store)).toEqual({ recorded: 0 }); // delivered twice
    expect(await store.tally(list)).toMatchObject({ sent: 2, bounced: 1 });
    const after = await admin('GET', `/admin/breaches/${breachId}`);
    expect(after.json.timeline.filter((e: { event: string }) => e.event === 'communication_bounced')).toHaveLength(1);
  }, 60_000);

  it('finds the people of a list of user ids in the directory systems, the first declared first, and writes to each once', async () => {
    const csv = ['userId,language', 'u-1001', 'u-1002,fr', 'u-1003', 'x-77', 'u-404', 'not an id, with spaces', 'u-1001'].join('\n');
    const breachId = await askCommunication(csv);
    const ask = await dpoMail(breachId, /approve the message to the 4 people concerned/);
    expect(ask.text).toMatch(/1 line of the list refused/);
    expect(ask.text).toMatch(/1 user id of the list was found in no system/);
    // Both directories were asked about every id, and only ids travelled: no address in the workflow's state.
    expect(alumni.calls.filter((c) => c.operation === 'resolve').flatMap((c) => c.userIds)).toEqual(['u-1001', 'u-1002', 'u-1003', 'x-77', 'u-404']);
    // The staged ids and the directories' answers are gone once read.
    const staged = await awsClients().s3.send(new ListObjectsV2Command({ Bucket: twin.bucket, Prefix: `staging/breach-${breachId}/` }));
    expect(staged.KeyCount ?? 0).toBe(0);

    expect((await post(linkIn(ask, 'communications'), {})).status).toBe(200);
    await dpoMail(breachId, /was sent/);
    // Only ids and counts travelled through the workflow's state, never an address.
    const execution = await communicationOf(breachId);
    const { output } = await eventually(async () => (execution.status === 'RUNNING' ? undefined : execution), 20_000, 'the communication to end');
    expect(JSON.parse(output!).resolved).toEqual([{ connector: 'lms-account', operation: 'resolve', found: 3 }, { connector: 'alumni', operation: 'resolve', found: 2 }]);
    expect(output).not.toMatch(/@/);
    const mails = await received();
    // ada: the directory's language (fr); grace: the list's (fr) over the directory's (en); alan: the first directory's address; x-77: the alumni's, its language's region dropped.
    expect([...mails.keys()].filter((a) => /example\.org$|alumni|elsewhere/.test(a)).sort()).toEqual(['ada@example.org', 'alan@example.org', 'grace@example.org', 'old.friend@alumni.example']);
    expect(mails.get('ada@example.org')!.map((m) => m.subject)).toEqual([TEXTS.fr.subject]);
    expect(mails.get('grace@example.org')!.map((m) => m.subject)).toEqual([TEXTS.fr.subject]);
    expect(mails.get('alan@example.org')!.map((m) => m.subject)).toEqual([TEXTS.en.subject]);
    expect(mails.get('old.friend@alumni.example')!.map((m) => m.subject)).toEqual([TEXTS.en.subject]);
    const { json } = await admin('GET', `/admin/breaches/${breachId}`);
    expect(json.breach.communication).toMatchObject({ state: 'sent', userIds: 5, unresolved: 1, recipients: 4, refusedLines: 1 });
  }, 60_000);

  it('ends unsent when the list holds no address it can write to, and can be asked again', async () => {
    const breachId = await askCommunication('email,language\nnot an address\nalan@three.example,de\n');
    await dpoMail(breachId, /was not sent/);
    const { json } = await admin('GET', `/admin/breaches/${breachId}`);
    expect(json.breach.communication).toMatchObject({ state: 'failed', recipients: 0, refusedLines: 2 });
    const upload = await admin('POST', `/admin/breaches/${breachId}/recipients`);
    expect(upload.status).toBe(200); // asked again, with a list of its own
  }, 30_000);

  it('stopped half-way and resumed, still writes to every address exactly once', async () => {
    const addresses = Array.from({ length: 400 }, (_, i) => `learner${i}@two.example`);
    const breachId = await askCommunication(addresses.join('\n'));
    expect((await post(linkIn(await dpoMail(breachId, /approve the message/), 'communications'), {})).status).toBe(200);

    // Stop the sending once some are out, as a crash or a redeploy would.
    const store = new RecipientStore(awsClients().dynamo, twin.tables.breaches);
    const list = { breachId, list: (await admin('GET', `/admin/breaches/${breachId}`)).json.breach.communication.list };
    // At 50 a second the 400 take eight seconds: the stop lands well before the end, even on a slow machine.
    await eventually(async () => ((await store.tally(list)).sent >= 50 ? true : undefined), 20_000, 'a first part sent');
    const execution = await communicationOf(breachId);
    twin.stepFunctions.stopExecution({ executionArn: execution.executionArn });
    const resumed = await admin('POST', `/admin/breaches/${breachId}/communication/resume`);
    expect(resumed).toMatchObject({ status: 202 });
    expect(resumed.json.breach.communication.resumes).toBe(1);

    await dpoMail(breachId, /was sent/);
    const tally = await store.tally(list);
    expect(tally).toMatchObject({ pending: 0, failed: 0, bounced: 0 });
    expect(tally.sent + tally.sending).toBe(400);
    const mails = await received();
    const ours = addresses.filter((a) => mails.has(a));
    expect(ours.length).toBe(tally.sent);
    expect(ours.every((a) => mails.get(a)!.length === 1)).toBe(true);
  }, 90_000);
});
