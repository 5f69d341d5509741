import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { Readable } from 'node:stream';
import { answerFile, directoryPrefix, readStaged, USER_IDS_FILE, type ListedUserId } from '../connectors/directory.js';
import { TransientError, type DirectoryEntry } from '../connectors/kit.js';
import { uploadHashed } from '../connectors/staging.js';
import { deleteUnder } from '../shared/request-files.js';
import type { AwsClients } from '../shared/aws.js';
import { dynamoClient } from '../shared/clients/dynamo.js';
import { s3Client } from '../shared/clients/s3.js';
import { sesClient } from '../shared/clients/ses.js';
import type { Breach } from '../shared/breach.js';
import { addressesOf, MAX_RECIPIENTS_BYTES, MAX_USER_IDS, parseAffected, type Communication, type Recipient } from '../shared/communication.js';
import { deps, type Deps } from '../shared/context.js';
import { NotFoundError } from '../shared/errors.js';
import { messages } from '../shared/i18n.js';
import { sendLetter } from '../shared/mail.js';
import type { Actor } from '../shared/store/audit.js';
import { once } from '../shared/store/letters.js';
import { RecipientStore, type RecipientCursor, type RecipientList } from '../shared/store/recipients.js';
import { logged } from '../shared/logger.js';
import { linkExpiry, linkUrl, type WaitingStepInput } from '../shared/tasks.js';

/** Every step names the execution it belongs to: a step of an execution the communication no longer names does nothing. */
type Step<S extends string, T = object> = { breachId: string; execution: string; step: S } & T;

export type CommunicationInput =
  | Step<'prepare'>
  | Step<'gather'>
  | Step<'ask', WaitingStepInput>
  | Step<'start'>
  | Step<'send', { after?: RecipientCursor | null; pauseSeconds?: number; pausedSince?: string | null }>
  | Step<'report'>
  | Step<'expire'>
  | Step<'fail', { error?: { Error?: string } }>;

/** SES refused this one address: it is not tried again. */
const REFUSED = new Set(['MessageRejected', 'BadRequestException']);
/** SES took nothing now (throttled, sending paused): the claim is given back and the sending waits. */
const THROTTLED = new Set(['TooManyRequestsException', 'LimitExceededException', 'SendingPausedException']);
/** SES refused for a reason of the account or the setup, sending nothing: the claim is given back and the step fails (fix, then resume). */
const NOT_SENT = new Set(['AccessDeniedException', 'NotFoundException', 'AccountSuspendedException', 'MailFromDomainNotVerifiedException']);
/** One step sends at most this long, well inside a Lambda's 15 minutes; the workflow loops. */
const BATCH_MS = 60_000;
const PAGE = 100;
const MAX_PAUSE_SECONDS = 3600;
/** How long a sending may wait on SES before it fails for a person to look (a daily quota passes within a day). */
const MAX_PAUSED_MS = 3 * 86_400_000;

/** A sending SES has refused for too long (its name is the execution's error, which the alarm reports). */
export class SendingPausedTooLong extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendingPausedTooLong';
  }
}

/** No retries of its own: a retried SendEmail whose first attempt went through would write twice. */
let ses: SESv2Client | undefined;
const sesOnce = () => (ses ??= new SESv2Client({ maxAttempts: 1 })); // not traced, as shared/clients/ses.ts says why

/** The clients the steps use beside the stores: the recipients' list and the staged files. */
type StepClients = Pick<AwsClients, 'dynamo' | 's3'>;
const stepClients = (): StepClients => ({ dynamo: dynamoClient(), s3: s3Client() });

type WithCommunication = Breach & { communication: Communication };

/** The breach, with the communication `execution` works on; a TransientError while the asking write has not landed yet. */
async function breachOf(d: Deps, input: { breachId: string; execution: string }): Promise<WithCommunication> {
  const breach = await d.breaches.get(input.breachId);
  if (!breach) throw new NotFoundError(`breach ${input.breachId} not found`);
  // The workflow starts just before its communication is written: a moment later it is there.
  if (breach.communication?.execution !== input.execution) throw new TransientError(`breach ${input.breachId}'s communication is not ${input.execution}'s (yet)`);
  return breach as WithCommunication;
}

const listOf = (breach: WithCommunication): RecipientList => ({ breachId: breach.breachId, list: breach.communication.list });

/** Changes the communication over the breach as read (reading again if another change got there first); nothing when `change` answers nothing (done already). */
async function changeCommunication(d: Deps, input: { breachId: string; execution: string }, change: (c: Communication) => Partial<Communication> | undefined, entry: { event: string; actor?: Actor; detail?: Record<string, string | number> }): Promise<WithCommunication> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const breach = await breachOf(d, input);
    const changes = change(breach.communication);
    if (!changes) return breach; // done already: a retried step
    const communication = { ...breach.communication, ...changes };
    if (await d.breaches.change(breach, { communication }, d.audit, { requestId: breach.breachId, at: d.now().toISOString(), actor: entry.actor ?? 'system', event: entry.event, detail: entry.detail ?? {} })) return { ...breach, communication };
  }
  throw new TransientError(`breach ${input.breachId} kept changing`);
}

/** A list of user ids where no system is declared as a directory to resolve them. */
export class NoDirectory extends Error {
  constructor() {
    super('no data system is declared as a directory (connectors: "directory") to find people by user id');
    this.name = 'NoDirectory';
  }
}

/** What the workflow learns of the list: how many addresses, or how many user ids for which directories (name and function). */
type Prepared = { recipients: number; userIds: number; directories: Array<{ name: string; functionName: string }>; list: string };

/** The addresses are known: they become the communication's list (once; the DPO approves next, or nothing can be sent). */
async function writeList(d: Deps, input: Step<'prepare'> | Step<'gather'>, breach: WithCommunication, recipients: Recipient[], counts: Record<string, number>, clients: StepClients) {
  await new RecipientStore(clients.dynamo, d.config.tables.breaches).putAll(listOf(breach), recipients, d.now());
  // No address to write to: the workflow ends it unsent (NoAddressToWriteTo), and it can be asked again.
  const state = recipients.length ? 'awaiting_approval' : 'preparing';
  await changeCommunication(d, input, (c) => (c.state === 'preparing' && c.recipients === undefined ? { state, recipients: recipients.length, ...counts } : undefined), { event: 'communication_prepared', detail: { recipients: recipients.length, ...counts } });
}

/**
 * Reads the uploaded CSV, once; then the CSV goes. A list of addresses is written at once;
 * a list of user ids is staged for the directories to resolve (then `gather`).
 */
async function prepare(input: Step<'prepare'>, d: Deps, clients = stepClients()): Promise<Prepared> {
  const breach = await breachOf(d, input);
  const key = breach.communication.source;
  const deleteSource = () => clients.s3.send(new DeleteObjectCommand({ Bucket: d.config.archiveBucket, Key: key }));
  const directories = d.config.systems.filter((s) => s.directory).map(({ name, functionName }) => ({ name, functionName }));
  const c = breach.communication;
  if (c.state !== 'preparing' || c.recipients !== undefined || c.userIds !== undefined) {
    await deleteSource(); // a retry after the list was read: the CSV may still be there
    return { recipients: c.recipients ?? 0, userIds: c.recipients === undefined ? (c.userIds ?? 0) : 0, directories, list: c.list };
  }
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: d.config.archiveBucket, Key: key }));
  if ((object.ContentLength ?? 0) > MAX_RECIPIENTS_BYTES) throw new RangeError(`the recipients' CSV is over ${MAX_RECIPIENTS_BYTES} bytes`);
  const list = parseAffected(await object.Body!.transformToString('utf8'), d.config.languages);
  if (list.kind === 'emails') {
    await writeList(d, input, breach, list.recipients, { refusedLines: list.refusedLines }, clients);
    await deleteSource();
    return { recipients: list.recipients.length, userIds: 0, directories, list: breach.communication.list };
  }
  if (list.userIds.length && !directories.length) throw new NoDirectory();
  if (list.userIds.length > MAX_USER_IDS) throw new RangeError(`the list holds ${list.userIds.length} user ids, over the ${MAX_USER_IDS} one communication resolves: split it`);
  if (!list.userIds.length) {
    await writeList(d, input, breach, [], { refusedLines: list.refusedLines }, clients); // nothing to resolve: it ends unsent
    await deleteSource();
    return { recipients: 0, userIds: 0, directories, list: breach.communication.list };
  }
  const prefix = directoryPrefix(breach.breachId, breach.communication.list);
  await uploadHashed(clients.s3, d.config.archiveBucket, `${prefix}${USER_IDS_FILE}`, Readable.from([Buffer.from(JSON.stringify(list.userIds))]), 'application/json');
  const counts = { userIds: list.userIds.length, refusedLines: list.refusedLines };
  await changeCommunication(d, input, (c) => (c.state === 'preparing' && c.userIds === undefined ? counts : undefined), { event: 'communication_listed', detail: counts });
  await deleteSource();
  return { recipients: 0, userIds: list.userIds.length, directories, list: breach.communication.list };
}

/** The directories have answered: the addresses of the listed user ids become the list; the staged files go. */
async function gather(input: Step<'gather'>, d: Deps, clients = stepClients()): Promise<{ recipients: number }> {
  const breach = await breachOf(d, input);
  const prefix = directoryPrefix(breach.breachId, breach.communication.list);
  if (breach.communication.state === 'preparing' && breach.communication.recipients === undefined) {
    const read = <T>(name: string) => readStaged<T>(clients.s3, d.config.archiveBucket, `${prefix}${name}`);
    const listed = await read<ListedUserId[]>(USER_IDS_FILE);
    const answers: DirectoryEntry[][] = [];
    for (const system of d.config.systems.filter((s) => s.directory)) answers.push(await read<DirectoryEntry[]>(answerFile(system.name)));
    const { recipients, unresolved } = addressesOf(listed, answers, d.config.languages);
    await writeList(d, input, breach, recipients, { unresolved }, clients);
  }
  await deleteUnder(clients.s3, d.config.archiveBucket, prefix);
  return { recipients: (await breachOf(d, input)).communication.recipients ?? 0 };
}

/** Asks the DPO to approve the message: a link to a page that shows it and the count (GET), and sends it (POST). */
async function ask(input: Step<'ask', WaitingStepInput>, d: Deps<'ses'>): Promise<void> {
  const breach = await breachOf(d, input);
  const link = await d.links.issue({ purpose: 'communication', requestId: input.breachId, taskToken: input.taskToken, issuedAt: d.now(), expiresAt: linkExpiry(input) });
  const locale = d.config.languages[0];
  const t = messages[locale];
  await sendLetter(d.ses, d.config.mail, d.config.mail.dpo, {
    locale,
    subject: t.communication.approveSubject(input.breachId.slice(0, 8), breach.communication.recipients ?? 0),
    paragraphs: [t.communication.approve(breach.communication.recipients ?? 0, breach.communication.refusedLines ?? 0, breach.communication.unresolved ?? 0)],
    facts: [[t.breach.facts.summary, breach.summary]],
    link: { intro: t.communication.approveLink, url: linkUrl(d.config.publicBaseUrl, 'communications', link.token), note: t.dpo.linkWorksUntil(t.dateTime(link.expiresAt, d.config.calendar.timeZone)) },
  });
}

/**
 * Sends to the addresses still pending after `after`, paced at `dsr:communicationRate`
 * emails a second, for at most a minute. Each address is claimed before its email goes and
 * marked sent after; an email whose fate is unknown (the connection broke, the step died)
 * leaves its address claimed, reported as uncertain and never sent again. Two sendings at
 * once (a resume beside a stopped one's last step) share the work. Answers where the next
 * batch starts, and how long to wait first when SES asked to slow down.
 */
export async function send(input: Step<'send', { after?: RecipientCursor | null; pauseSeconds?: number; pausedSince?: string | null }>, d: Deps, clients = stepClients(), mail: SESv2Client = sesOnce()) {
  const store = new RecipientStore(clients.dynamo, d.config.tables.breaches);
  const gap = 1000 / d.config.communicationRate;
  const until = Date.now() + BATCH_MS;
  let after = input.after ?? undefined;
  let sent = 0;
  const answer = (fields: { done: boolean; superseded?: boolean; pauseSeconds?: number; pausedSince?: string }) => ({ after: after ?? null, sent, pause: !!fields.pauseSeconds, pauseSeconds: fields.pauseSeconds ?? 0, pausedSince: null, ...fields });
  while (Date.now() < until) {
    // A resume takes over from a sending that was stopped: the stopped one's last step ends at the next page.
    const breach = await d.breaches.get(input.breachId);
    if (breach?.communication?.execution !== input.execution || breach.communication.state !== 'sending') return answer({ done: true, superseded: true });
    const list = listOf(breach as WithCommunication);
    const page = await store.page(list, PAGE, after);
    for (const item of page.items) {
      if (item.status !== 'pending' || !item.email || !(await store.claim(list, item.sk, d.now()))) continue;
      const text = breach.communication.texts[item.locale] ?? breach.communication.texts[d.config.languages[0]]!;
      const started = Date.now();
      let messageId: string | undefined;
      try {
        messageId = await sendLetter(mail, { ...d.config.mail, configurationSet: d.config.communicationConfigurationSet }, item.email, { locale: item.locale, subject: text.subject, paragraphs: text.body.split(/\n\s*\n/) });
      } catch (error) {
        const name = (error as Error).name;
        if (REFUSED.has(name)) {
          await store.failed(list, item.sk, name, d.now());
          continue;
        }
        if (THROTTLED.has(name)) {
          await store.release(list, item.sk);
          // No wait is endless: paused this long, the execution fails (the alarm fires) and an operator resumes it.
          const pausedSince = sent ? d.now().toISOString() : (input.pausedSince ?? d.now().toISOString());
          if (d.now().getTime() - Date.parse(pausedSince) > MAX_PAUSED_MS) throw new SendingPausedTooLong(`SES has refused to send since ${pausedSince}`);
          return answer({ done: false, pauseSeconds: Math.min(MAX_PAUSE_SECONDS, Math.max(15, (input.pauseSeconds ?? 0) * 2)), pausedSince });
        }
        if (NOT_SENT.has(name)) await store.release(list, item.sk);
        throw error; // unknown fate: the address stays claimed (uncertain); the step fails and is retried
      }
      await store.sent(list, item.sk, messageId ?? 'unknown', d.now());
      sent++;
      const left = gap - (Date.now() - started);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    }
    if (!page.next) return answer({ done: true });
    after = page.next;
  }
  return answer({ done: false });
}

/** Tells the DPO how the sending went, and closes the communication. */
async function report(input: Step<'report'>, d: Deps<'ses'>, clients = stepClients()): Promise<void> {
  const breach = await breachOf(d, input);
  const counts = await new RecipientStore(clients.dynamo, d.config.tables.breaches).tally(listOf(breach));
  await changeCommunication(d, input, (c) => (c.state === 'sent' ? undefined : { state: 'sent', finishedAt: d.now().toISOString() }), { event: 'communication_sent', detail: { sent: counts.sent, failed: counts.failed, uncertain: counts.sending, bounced: counts.bounced } });
  const locale = d.config.languages[0];
  const t = messages[locale];
  await once(d.breaches, breach.breachId, `communication-report-${breach.communication.list}`, () =>
    sendLetter(d.ses, d.config.mail, d.config.mail.dpo, { locale, subject: t.communication.doneSubject(input.breachId.slice(0, 8)), paragraphs: [t.communication.done(counts.sent, counts.failed, counts.sending)] }),
  );
}

/** The communication ends unsent (not approved in time, or the addresses could not be read), and the DPO is told; it can be asked again. */
async function end(input: Step<'expire'> | Step<'fail', { error?: { Error?: string } }>, d: Deps<'ses'>, clients = stepClients()): Promise<void> {
  const state = input.step === 'expire' ? 'expired' : 'failed';
  const breach = await changeCommunication(d, input, (c) => (c.state === state ? undefined : { state, finishedAt: d.now().toISOString() }), { event: `communication_${state}`, detail: input.step === 'fail' ? { error: String(input.error?.Error ?? 'Error').slice(0, 100) } : {} });
  // A list of user ids left staged by a failure (a directory, the gathering) goes with it.
  await deleteUnder(clients.s3, d.config.archiveBucket, directoryPrefix(breach.breachId, breach.communication.list));
  const locale = d.config.languages[0];
  const t = messages[locale];
  const id = input.breachId.slice(0, 8);
  await once(d.breaches, breach.breachId, `communication-end-${breach.communication.list}`, () =>
    sendLetter(d.ses, d.config.mail, d.config.mail.dpo, { locale, subject: t.communication.expiredSubject(id), paragraphs: [state === 'expired' ? t.communication.expired(input.breachId) : t.communication.failed(input.breachId)] }),
  );
}

/**
 * Step of a breach's communication (statemachines/communication.asl.json): reads the
 * addresses, asks the DPO to approve the message, records the approval, sends batch after
 * batch, and reports; or ends it unsent.
 */
export async function communicate(input: CommunicationInput, d: Deps<'ses'>): Promise<unknown> {
  switch (input.step) {
    case 'prepare':
      return prepare(input, d);
    case 'gather':
      return gather(input, d);
    case 'ask':
      return ask(input, d);
    case 'start':
      // The DPO approved from the link: the sending begins (a retried step finds it begun).
      await changeCommunication(d, input, (c) => (c.state === 'awaiting_approval' ? { state: 'sending', approvedAt: d.now().toISOString() } : undefined), { event: 'communication_approved', actor: 'dpo' });
      return;
    case 'send':
      return send(input, d);
    case 'report':
      return report(input, d);
    case 'expire':
    case 'fail':
      return end(input, d);
  }
}

export const handler = logged((input: CommunicationInput) => communicate(input, deps({ ses: sesClient() })));
