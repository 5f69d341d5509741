import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../functions/shared/aws.js';
import { eventually, fileRequest, linkIn, post, startTestTwin, statusReached, type TestTwin } from '../support/twin.js';

/**
 * Erasure, rectification and objection end to end on the demo platform: every system
 * (DynamoDB tables, an S3 prefix, the HTTP video platform, the billing system whose
 * invoices a retention rule keeps) is changed for real, and checked afterwards in the
 * local servers themselves.
 */
let twin: TestTwin;
let prefix: string;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en', 'fr'], recipients: [{ name: 'Regional training agency', email: 'agency@partner.example' }] }, { demo: true, ownMailbox: true });
  prefix = twin.tables.requests.split('-')[0];
});

const dpo = 'dpo@school.example';
const db = () => awsClients().dynamo;
const dpoMail = async (requestId: string, subject: RegExp, count = 1) =>
  eventually(async () => (await twin.mail.to(dpo)).filter((m) => m.text.includes(requestId) && subject.test(m.subject))[count - 1], 20_000, `DPO email ${subject}`);

async function approved(email: string, type: string, extra: Record<string, string> = {}, mailsBefore = 0) {
  const { requestId } = await fileRequest(twin, { email, type, locale: 'en', ...extra });
  expect((await post(linkIn(await twin.mail.waitFor(email, mailsBefore + 1), 'verify'), {})).status).toBe(200);
  const decision = await dpoMail(requestId, /to decide/);
  expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);
  return { requestId, decision };
}

describe('an erasure', () => {
  it('shows the DPO what goes and what is kept, erases every system, keeps the invoices, verifies, tells the recipient and receipts', async () => {
    const email = 'ada@example.org';
    const { requestId } = await approved(email, 'erasure');

    // The erasure gate: per system what goes, and what retention keeps, with its basis and until when.
    const gate = await dpoMail(requestId, /Erasure to confirm/);
    expect(gate.text).toContain('Forum posts: the learner\'s records are anonymised (authorId, authorName removed)');
    expect(gate.text).toContain('Assignment submissions: every file of the learner is deleted, with all its versions');
    expect(gate.text).toContain("Newsletter: the system erases the learner's data");
    expect(gate.text).toMatch(/Shop: invoices and payment: the learner's records are deleted, except what the law requires us to keep:\nkept: Invoices \(French Commercial Code, art\. L123-22 \(accounting records\)\) until Sunday, 2 March 2036/);
    const page = await (await fetch(linkIn(gate, 'decisions'))).text();
    expect(page).toContain('Erase the learner&#39;s data');
    await statusReached(twin, requestId, 'awaiting_erasure');
    expect((await post(linkIn(gate, 'decisions'), {})).status).toBe(200);

    // The receipt, in the learner's language (Ada reads English here: the request said so).
    const receipt = await twin.mail.waitFor(email, 2, 30_000);
    expect(receipt.subject).toBe('Your data protection request is done: Erasure of my data (Art. 17 GDPR)');
    expect(receipt.text).toContain('Learning platform: your account: erased (1 record or file)');
    expect(receipt.text).toContain('Forum posts: anonymised (3 records: what named you was removed)');
    expect(receipt.text).toContain('Private messages you received: anonymised (2 records: what named you was removed)');
    expect(receipt.text).toContain('Assignments you handed in: erased (3 records or files)');
    expect(receipt.text).toContain('Video platform: viewing history: erased (2 records or files)');
    expect(receipt.text).toContain('Newsletter: erased (1 record or file)');
    expect(receipt.text).toContain('Shop: invoices and payment: erased (1 record or file); kept: Invoices, as required by French Commercial Code, art. L123-22 (accounting records), until Sunday, 2 March 2036');
    expect(receipt.text).toContain('We told those to whom we had disclosed your data (Art. 19 GDPR): Regional training agency.');
    const told = await twin.mail.waitFor('agency@partner.example');
    expect(told.text).toContain(email);
    expect(told.text).toContain('Erasure of my data');

    // Nothing is left in any demo system but the invoices.
    const t = (name: string) => `${prefix}-${name}`;
    expect((await db().send(new GetCommand({ TableName: t('lms-users'), Key: { id: 'u-1001' } }))).Item).toBeUndefined();
    for (const table of ['lms-enrolments', 'lms-grades', 'lms-messages']) {
      const left = await db().send(new QueryCommand({ TableName: t(table), KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': 'u-1001' } }));
      expect(left.Items, table).toEqual([]);
    }
    const posts = (await db().send(new ScanCommand({ TableName: t('lms-forum-posts') }))).Items!;
    expect(posts.filter((p) => p.postId.startsWith('p-0'))).toHaveLength(3); // the threads stay whole
    // No trace of Ada anywhere but her invoices: every demo table and the file store, read whole.
    for (const table of ['lms-users', 'lms-enrolments', 'lms-grades', 'lms-forum-posts', 'lms-messages', 'newsletter']) {
      expect(JSON.stringify((await db().send(new ScanCommand({ TableName: t(table) }))).Items), table).not.toMatch(/u-1001|ada@example\.org|Lovelace/);
    }
    const billingItems = (await db().send(new ScanCommand({ TableName: t('billing') }))).Items!;
    expect(billingItems.filter((i) => /Lovelace|ada@/.test(JSON.stringify(i))).map((i) => i.kind)).toEqual(['invoice', 'invoice']);
    const files = await awsClients().s3.send(new ListObjectsV2Command({ Bucket: t('lms-files') }));
    expect((files.Contents ?? []).map((f) => f.Key).filter((k) => k!.includes('u-1001'))).toEqual([]);
    expect(twin.video!.history.has(email)).toBe(false);
    expect((await db().send(new GetCommand({ TableName: t('newsletter'), Key: { email } }))).Item).toBeUndefined();
    const billing = await db().send(new QueryCommand({ TableName: t('billing'), KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': email } }));
    expect(billing.Items!.map((i) => i.kind).sort()).toEqual(['invoice', 'invoice']);

    const request = (await twin.deps.requests.get(requestId))!;
    expect(request).toMatchObject({ status: 'answered', outcome: 'complete' });
    expect(request.systems!.billing).toMatchObject({ erase: 'retained', verify: 'done', erased: 1, retained: [{ category: 'Invoices', until: '2036-03-02', count: 2 }] });
    const events = (await twin.deps.audit.list(requestId)).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['dpo_asked_to_confirm_erasure', 'changes_started', 'systems_erased', 'erasure_verified', 'recipient_told', 'receipt_sent']));
    expect(events.filter((e) => e === 'systems_erased')).toHaveLength(2); // the account last
    const execution = twin.stepFunctions.list().find((e) => e.name === requestId)!;
    expect(execution.states.indexOf('StartErasingInIdentitySystems')).toBeGreaterThan(execution.states.indexOf('StartErasingInOtherSystems'));

    // A later access request finds the learner in the retained system only.
    const later = await approved(email, 'access', {}, 2);
    expect(later.decision.text).toMatch(/Systems that hold data about this person: Shop: invoices and payment\n/);
  }, 90_000);
});

describe('a rectification', () => {
  it('lets the DPO enter corrected values, sets them in every system that holds them, and receipts', async () => {
    const email = 'grace@example.org';
    const { requestId } = await approved(email, 'rectification', { details: 'My surname is Hopper-Murray since my marriage.' });
    const gate = await dpoMail(requestId, /Rectification: enter the corrected values/);
    const link = linkIn(gate, 'decisions');
    const page = await (await fetch(link)).text();
    expect(page).toContain('My surname is Hopper-Murray since my marriage.');
    expect(page).toContain('name="value.lastName"');
    expect(page).toContain('Changed in: Learning platform: account');

    const empty = await post(link, { choice: 'apply' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Enter at least one corrected value');
    expect(page).toContain('name="byHand" value="lms-grades"'); // holds Grace, corrects nothing itself
    const form = new URLSearchParams({ choice: 'apply', 'value.lastName': 'Hopper-Murray', 'value.authorName': 'Grace Hopper-Murray' });
    form.append('byHand', 'lms-grades');
    expect((await post(link, form.toString())).status).toBe(200);

    // The gradebook, ticked, is the DPO's to-do.
    const todo = await dpoMail(requestId, /To do by hand: 1 system/);
    expect((await post(linkIn(todo, 'decisions'), { 'note.lms-grades': 'Surname corrected on the transcript.' })).status).toBe(200);

    const receipt = await twin.mail.waitFor(email, 2, 30_000);
    expect(receipt.text).toContain('Learning platform: your grades: done by our staff');
    expect(receipt.text).toContain('Learning platform: your account: corrected (1 record)');
    expect(receipt.text).toContain('Forum posts: corrected (3 records)');
    const user = (await db().send(new GetCommand({ TableName: `${prefix}-lms-users`, Key: { id: 'u-1002' } }))).Item!;
    expect(user).toMatchObject({ firstName: 'Grace', lastName: 'Hopper-Murray' });
    const posts = await db().send(new QueryCommand({ TableName: `${prefix}-lms-forum-posts`, IndexName: 'byAuthor', KeyConditionExpression: 'authorId = :u', ExpressionAttributeValues: { ':u': 'u-1002' } }));
    expect(new Set(posts.Items!.map((p) => p.authorName))).toEqual(new Set(['Grace Hopper-Murray']));
    expect(await twin.mail.waitFor('agency@partner.example', 2)).toMatchObject({ text: expect.stringContaining('Hopper-Murray') });
    expect((await twin.deps.requests.get(requestId))!.status).toBe('answered');
  }, 60_000);
});

describe('an objection', () => {
  it('flags the purposes the learner named in every system that can, and receipts', async () => {
    const email = 'alan@example.org';
    const { requestId } = await fileRequest(twin, { email, type: 'objection', locale: 'fr', purposes: 'marketing' });
    expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
    expect((await post(linkIn(await dpoMail(requestId, /to decide/), 'decisions'), { decision: 'approve' })).status).toBe(200);

    const receipt = await twin.mail.waitFor(email, 2, 30_000);
    expect(receipt.subject).toBe('Votre demande relative à vos données est traitée\u00a0: Opposition au traitement (art. 21 RGPD)');
    // The learner reads each system's name in their language (art15.title).
    expect(receipt.text).toContain('Plateforme de cours\u00a0: votre compte\u00a0: n’est plus utilisé pour\u00a0: Prospection (lettres d’information, offres)');
    const user = (await db().send(new GetCommand({ TableName: `${prefix}-lms-users`, Key: { id: 'u-1003' } }))).Item!;
    expect(user.processingRestrictions).toEqual({ marketing: { [requestId]: { right: 'objection', since: expect.any(String) } } });
    // The platform's own connector suppresses the newsletter.
    const subscriber = (await db().send(new GetCommand({ TableName: `${prefix}-newsletter`, Key: { email } }))).Item!;
    expect(subscriber.suppressed).toEqual({ [requestId]: { right: 'objection', since: expect.any(String) } });
    expect(receipt.text).toContain('Lettre d’information\u00a0: n’est plus utilisé pour\u00a0: Prospection');
    // An objection is not passed on to recipients (Art. 19 covers rectification, erasure and restriction).
    expect((await twin.deps.audit.list(requestId)).map((e) => e.event)).not.toContain('recipient_told');
  }, 60_000);
});
