import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { SNSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { recordBounces } from '../../functions/record-bounces/handler.js';
import { sendDigest } from '../../functions/send-digest/handler.js';
import { awsClients } from '../../functions/shared/aws.js';
import { adminCall, eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, type Email, type TestTwin } from '../support/twin.js';

/**
 * A learner whose address bounces is visible to the DPO: SES's bounce and complaint events
 * of an email about a request (through the configuration set and SNS) are recorded once on
 * that request, found by the tags the email was sent with, and shown by the admin API and
 * in the digest. The events here are built from what the SES server was sent and answered.
 */
let twin: TestTwin;
const DPO = 'dpo@school.example';
const SENDER_NAME = 'Université X — Protection des données';
// The digest goes out in the hour of this instant, Paris time: the test's own clock for it.
const digestAt = new Date();
const parisHour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', hour: 'numeric', hourCycle: 'h23' }).format(digestAt));

/** What the functions asked SES to send (its tags), and the message id SES answered. */
const sent: Array<{ input: SendEmailCommandInput; messageId: string }> = [];

beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], senderName: SENDER_NAME, digestHour: parisHour }, { ownMailbox: true });
  // The handlers of this process share these clients, as a Lambda's do.
  awsClients().ses.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const input = args.input as SendEmailCommandInput;
      if (input.Destination) sent.push({ input, messageId: (result.output as { MessageId?: string }).MessageId ?? '' });
      return result;
    },
    { step: 'initialize', name: 'keepWhatWasSent' },
  );
});

/** The event SES publishes to SNS for `email`, with the tags it was sent with. */
function sesEvent(kind: 'Bounce' | 'Complaint', email: Email): SNSEvent {
  const input = sent.find((s) => s.messageId === email.messageId)?.input;
  expect(input, `what was sent as ${email.messageId}`).toBeDefined();
  const tags = Object.fromEntries((input!.EmailTags ?? []).map((t) => [t.Name, [t.Value]]));
  const to = email.to[0];
  const timestamp = new Date().toISOString();
  const mail = { timestamp, messageId: email.messageId, source: email.from, destination: [to], tags: { 'ses:configuration-set': ['dsr-mail'], 'ses:from-domain': ['school.example'], ...tags } };
  const message =
    kind === 'Bounce'
      ? { eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: to, action: 'failed', status: '5.1.1', diagnosticCode: `smtp; 550 5.1.1 <${to}>: user unknown` }], timestamp, feedbackId: 'f-1' } }
      : { eventType: 'Complaint', mail, complaint: { complainedRecipients: [{ emailAddress: to }], complaintFeedbackType: 'abuse', timestamp, feedbackId: 'f-2' } };
  return { Records: [{ EventSource: 'aws:sns', Sns: { MessageId: `sns-${Math.random()}`, Message: JSON.stringify(message) } }] } as unknown as SNSEvent;
}

/** Records `event` as the subscribed function does, keeping what it logs. */
async function deliver(event: SNSEvent): Promise<{ recorded: number; logs: string }> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  try {
    return { ...(await recordBounces(event, twin.deps)), logs: lines.join('') };
  } finally {
    write.mockRestore();
  }
}

describe('an email about a request that bounces or is marked as spam', () => {
  it('is recorded once on the request, for the DPO to see in its audit trail, its page and the digest', async () => {
    // Prepare: a request, its acknowledgement to the learner and, once confirmed, the DPO's email.
    const learner = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email: learner, type: 'access', locale: 'en' });
    const acknowledgement = await twin.mail.waitFor(learner);
    expect((await post(linkIn(acknowledgement, 'verify'), {})).status).toBe(200);
    const toDpo = await eventually(async () => (await twin.mail.to(DPO)).find((m) => m.text.includes(requestId)), 20_000, 'the DPO\'s email');

    // Every email: from the named sender (encoded words, as SES asks), replies to the DPO, tagged with its request and reader.
    const [words] = acknowledgement.from.split(' <');
    expect(acknowledgement.from).toMatch(/^(=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= ?)+ <privacy@school\.example>$/);
    expect(words.split(' ').map((w) => Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).join('')).toBe(SENDER_NAME);
    expect(acknowledgement.replyTo).toEqual([DPO]);
    expect(toDpo.replyTo).toEqual([DPO]);
    const tagsOf = (email: Email) => sent.find((s) => s.messageId === email.messageId)?.input.EmailTags;
    expect(tagsOf(acknowledgement)).toEqual([{ Name: 'dsr-request', Value: requestId }, { Name: 'dsr-reader', Value: 'learner' }]);
    expect(tagsOf(toDpo)).toEqual([{ Name: 'dsr-request', Value: requestId }, { Name: 'dsr-reader', Value: 'dpo' }]);

    // Act: SES reports the learner's address bouncing, twice (SNS delivers at least once), and a complaint.
    const bounce = sesEvent('Bounce', acknowledgement);
    const first = await deliver(bounce);
    const again = await deliver(bounce);
    const complaint = sesEvent('Complaint', acknowledgement);
    const complained = await deliver(complaint);
    const complainedAgain = await deliver(complaint);
    const dpoBounce = await deliver(sesEvent('Bounce', toDpo));

    // Assess: each recorded once, and no address in a log line.
    expect([first.recorded, again.recorded, complained.recorded, complainedAgain.recorded, dpoBounce.recorded]).toEqual([1, 0, 1, 0, 1]);
    for (const { logs } of [first, again, complained, dpoBounce]) {
      expect(logs).toContain('an SES event was received');
      expect(logs).not.toContain(learner);
      expect(logs).not.toContain(DPO);
    }
    const { status, json } = await adminCall(twin, 'GET', `/admin/requests/${requestId}`);
    expect(status).toBe(200);
    const events = (json.audit as Array<{ at: string; event: string; detail?: Record<string, string> }>).filter((e) => e.event.startsWith('email_'));
    expect(events).toEqual([
      { at: expect.any(String), actor: 'system', event: 'email_bounced', detail: { reader: 'learner', bounceType: 'Permanent', bounceSubType: 'General', sentAt: expect.any(String) } },
      { at: expect.any(String), actor: 'system', event: 'email_complained', detail: { reader: 'learner', feedbackType: 'abuse', sentAt: expect.any(String) } },
      { at: expect.any(String), actor: 'system', event: 'email_bounced', detail: { reader: 'dpo', bounceType: 'Permanent', bounceSubType: 'General', sentAt: expect.any(String) } },
    ]);
    expect(JSON.stringify(json.audit)).not.toContain(learner);
    // The request is marked: the learner's address bounced (the DPO's bounce does not mark it).
    expect(json.request.emailBounced).toEqual({ at: events[0].at, bounceType: 'Permanent' });
    expect(json.request).not.toHaveProperty('mailEvents');

    // The DPO's digest says it beside the request's status.
    expect(await sendDigest({ ...twin.deps, now: () => digestAt }, () => undefined)).toMatchObject({ sent: true });
    const digest = await eventually(async () => (await twin.mail.to(DPO)).find((m) => m.subject.startsWith('Open data subject requests')), 10_000, 'the digest');
    expect(digest.text).toContain(`${requestId.slice(0, 8)} · Access to my data (Art. 15 GDPR) · `);
    expect(digest.text).toMatch(new RegExp(`${requestId.slice(0, 8)} · [^\\n]*\\(the learner's address bounced our email\\)`));
  }, 60_000);

  it('is not recorded when it names no request of ours, or is not a bounce or a complaint', async () => {
    const email = { to: ['x@example.org'], subject: '', text: '', html: '', messageId: 'not-sent-here', from: 'privacy@school.example', replyTo: [] };
    sent.push({ input: { Content: {}, EmailTags: [{ Name: 'dsr-request', Value: '00000000-0000-4000-8000-000000000000' }, { Name: 'dsr-reader', Value: 'learner' }] }, messageId: 'not-sent-here' });
    expect((await deliver(sesEvent('Bounce', email))).recorded).toBe(0); // no such request
    const delivery = sesEvent('Bounce', email);
    delivery.Records[0].Sns.Message = delivery.Records[0].Sns.Message.replace('"eventType":"Bounce"', '"eventType":"Delivery"');
    expect((await deliver(delivery)).recorded).toBe(0);
    delivery.Records[0].Sns.Message = 'not JSON';
    expect((await deliver(delivery)).recorded).toBe(0);
  });
});
