import { GetObjectCommand } from '@aws-sdk/client-s3';
import { awsClients } from '../shared/aws.js';
import type { Breach } from '../shared/breach.js';
import { MAX_RECIPIENTS_BYTES, parseRecipients, recipientsKey, type Communication } from '../shared/communication.js';
import { deps, type Deps } from '../shared/context.js';
import { TransientError } from '../connectors/kit.js';
import { NotFoundError } from '../shared/errors.js';
import { messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import { RecipientStore, type RecipientCursor } from '../shared/store/recipients.js';
import { linkExpiry, linkUrl, type WaitingStepInput } from '../shared/tasks.js';

export type CommunicationInput =
  | { breachId: string; step: 'prepare' }
  | ({ breachId: string; step: 'ask' } & WaitingStepInput)
  | { breachId: string; step: 'send'; execution: string; after?: RecipientCursor | null }
  | { breachId: string; step: 'report' }
  | { breachId: string; step: 'expire' };

/** SES errors after which the email may go later (the claim is given back), rather than never. */
const TRY_LATER = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException', 'SendingPausedException', 'ServiceUnavailable', 'InternalFailure', 'TimeoutError', 'ECONNRESET', 'ECONNREFUSED']);
/** One step sends at most this long, well inside a Lambda's 15 minutes; the workflow loops. */
const BATCH_MS = 60_000;
const PAGE = 100;

async function breachOf(d: Deps, breachId: string): Promise<Breach & { communication: Communication }> {
  const breach = await d.breaches.get(breachId);
  if (!breach) throw new NotFoundError(`breach ${breachId} not found`);
  // The workflow starts just before its communication is written: a moment later it is there.
  if (!breach.communication) throw new TransientError(`breach ${breachId} has no communication yet`);
  return breach as Breach & { communication: Communication };
}

/** Changes the communication's state over the breach as read, reading again if another change got there first. */
async function changeCommunication(d: Deps, breachId: string, change: (c: Communication) => Partial<Communication>, event: string, detail: Record<string, string | number>): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const breach = await breachOf(d, breachId);
    const at = d.now().toISOString();
    if (await d.breaches.change(breach, { communication: { ...breach.communication, ...change(breach.communication) } }, d.audit, { requestId: breachId, at, actor: 'system', event, detail })) return;
  }
  throw new Error(`breach ${breachId} kept changing`);
}

/** Reads the uploaded CSV and writes the list of addresses, once (a retry after the list is written does nothing). */
async function prepare(breachId: string, d: Deps, clients = awsClients()) {
  const breach = await breachOf(d, breachId);
  if (breach.communication.state !== 'preparing') return { recipients: breach.communication.recipients ?? 0 };
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: d.config.archiveBucket, Key: recipientsKey(breachId) }));
  if ((object.ContentLength ?? 0) > MAX_RECIPIENTS_BYTES) throw new RangeError(`the recipients' CSV is over ${MAX_RECIPIENTS_BYTES} bytes`);
  const { recipients, refusedLines } = parseRecipients(await object.Body!.transformToString('utf8'), d.config.languages);
  await new RecipientStore(clients.dynamo, d.config.tables.breaches).putAll(breachId, recipients, d.now());
  await changeCommunication(d, breachId, () => ({ state: recipients.length ? 'awaiting_approval' : 'sent', recipients: recipients.length, refusedLines }), 'communication_prepared', { recipients: recipients.length, refusedLines });
  return { recipients: recipients.length };
}

/** Asks the DPO to approve the message: a link to a page that shows it and the count (GET), and sends it (POST). */
async function ask(input: Extract<CommunicationInput, { step: 'ask' }>, d: Deps): Promise<void> {
  const breach = await breachOf(d, input.breachId);
  const link = await d.links.issue({ purpose: 'communication', requestId: input.breachId, taskToken: input.taskToken, issuedAt: d.now(), expiresAt: linkExpiry(input) });
  const locale = d.config.languages[0];
  const t = messages[locale];
  await sendLetter(d.ses, d.config.mail.sender, d.config.mail.dpo, {
    locale,
    subject: t.communication.approveSubject(input.breachId.slice(0, 8), breach.communication.recipients ?? 0),
    paragraphs: [t.communication.approve(breach.communication.recipients ?? 0, breach.communication.refusedLines ?? 0)],
    facts: [[t.breach.facts.summary, breach.summary]],
    link: { intro: t.communication.approveLink, url: linkUrl(d.config.publicBaseUrl, 'communications', link.token), note: t.dpo.linkExpiry(t.dateTime(link.expiresAt, d.config.calendar.timeZone)) },
  });
}

/**
 * Sends to the addresses still pending after `after`, paced at `dsr:communicationRate`
 * emails a second, for at most a minute; each address is claimed before its email goes,
 * so none is written to twice whatever the retries, and two sendings at once (a resume
 * beside a stopped one's last step) share the work. Answers where the next batch starts.
 */
async function send(input: Extract<CommunicationInput, { step: 'send' }>, d: Deps, clients = awsClients()) {
  const breach = await breachOf(d, input.breachId);
  const store = new RecipientStore(clients.dynamo, d.config.tables.breaches);
  const gap = 1000 / d.config.communicationRate;
  const until = Date.now() + BATCH_MS;
  let after = input.after ?? undefined;
  let sent = 0;
  while (Date.now() < until) {
    // A resume takes over from a sending that was stopped: the stopped one's last step ends at the next page.
    const current = (await d.breaches.get(input.breachId))?.communication;
    if (current?.execution !== input.execution || current.state !== 'sending') return { done: true, superseded: true, after: after ?? null, sent, pause: false };
    const page = await store.page(input.breachId, PAGE, after);
    for (const item of page.items) {
      if (item.status !== 'pending' || !(await store.claim(input.breachId, item.sk, d.now()))) continue;
      const text = breach.communication.texts[item.locale] ?? breach.communication.texts[d.config.languages[0]]!;
      const started = Date.now();
      try {
        const messageId = await sendLetter(d.ses, d.config.mail.sender, item.email, { locale: item.locale, subject: text.subject, paragraphs: text.body.split(/\n\s*\n/) }, d.config.communicationConfigurationSet);
        await store.sent(input.breachId, item.sk, messageId ?? 'unknown', d.now());
        sent++;
      } catch (error) {
        const name = (error as Error).name;
        if (!TRY_LATER.has(name)) {
          await store.failed(input.breachId, item.sk, name, d.now());
          continue;
        }
        // SES cannot take it now: give it back, and start the next batch at this page again.
        await store.release(input.breachId, item.sk);
        return { done: false, after: after ?? null, sent, pause: true };
      }
      const left = gap - (Date.now() - started);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    }
    if (!page.next) return { done: true, after: null, sent, pause: false };
    after = page.next;
  }
  return { done: false, after: after ?? null, sent, pause: false };
}

/** Tells the DPO how the sending went, and closes the communication. */
async function report(breachId: string, d: Deps, clients = awsClients()): Promise<void> {
  const counts = await new RecipientStore(clients.dynamo, d.config.tables.breaches).tally(breachId);
  await changeCommunication(d, breachId, () => ({ state: 'sent', finishedAt: d.now().toISOString() }), 'communication_sent', { sent: counts.sent, failed: counts.failed, uncertain: counts.sending, bounced: counts.bounced });
  const locale = d.config.languages[0];
  const t = messages[locale];
  await sendLetter(d.ses, d.config.mail.sender, d.config.mail.dpo, {
    locale,
    subject: t.communication.doneSubject(breachId.slice(0, 8)),
    paragraphs: [t.communication.done(counts.sent, counts.failed, counts.sending)],
  });
}

/** The DPO did not approve the message in time: the communication ends, unsent, and the DPO is told. */
async function expire(breachId: string, d: Deps): Promise<void> {
  await changeCommunication(d, breachId, () => ({ state: 'expired', finishedAt: d.now().toISOString() }), 'communication_expired', {});
  const locale = d.config.languages[0];
  const t = messages[locale];
  await sendLetter(d.ses, d.config.mail.sender, d.config.mail.dpo, { locale, subject: t.communication.expiredSubject(breachId.slice(0, 8)), paragraphs: [t.communication.expired(breachId)] });
}

/**
 * Step of a breach's communication (statemachines/communication.asl.json): reads the
 * addresses, asks the DPO to approve the message, sends it batch after batch, and reports.
 */
export async function communicate(input: CommunicationInput, d: Deps): Promise<unknown> {
  switch (input.step) {
    case 'prepare':
      return prepare(input.breachId, d);
    case 'ask':
      return ask(input, d);
    case 'send':
      return send(input, d);
    case 'report':
      return report(input.breachId, d);
    case 'expire':
      return expire(input.breachId, d);
  }
}

export const handler = (input: CommunicationInput) => communicate(input, deps());
