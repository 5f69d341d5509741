import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { answerFile, directoryPrefix, resolveUserIds, USER_IDS_FILE } from '../../functions/connectors/directory.js';
import { communicate, NoDirectory, send } from '../../functions/communicate/handler.js';
import type { CommunicationState } from '../../functions/shared/communication.js';
import { awsClients } from '../../functions/shared/aws.js';
import type { Breach } from '../../functions/shared/breach.js';
import { recipientKey, RecipientStore, type RecipientStatus } from '../../functions/shared/store/recipients.js';
import { startTestTwin, type TestTwin } from '../support/twin.js';

/**
 * How a breach communication's sending treats each answer of SES, against DynamoDB Local.
 * The local SES server accepts everything, so SES's refusals come from a stand-in client
 * that throws them by name, as the SDK does.
 */
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], communicationRate: 500 });
});

const error = (name: string) => Object.assign(new Error(name), { name });

/** A client that answers each SendEmail in turn: a message id, or the error named. */
function sesAnswering(answers: Array<string | Error>): SESv2Client & { sentTo: string[] } {
  const sentTo: string[] = [];
  return {
    sentTo,
    send: async (command: { input: { Destination: { ToAddresses: string[] } } }) => {
      const answer = answers.shift() ?? 'ok';
      if (answer instanceof Error) throw answer;
      sentTo.push(command.input.Destination.ToAddresses[0]);
      return { MessageId: `m-${sentTo.length}` };
    },
  } as unknown as SESv2Client & { sentTo: string[] };
}

/** A breach whose communication is sending to `addresses`. */
async function sending(addresses: string[]) {
  const { breachId, execution } = await breachCommunicating('sending');
  const store = new RecipientStore(awsClients().dynamo, twin.tables.breaches);
  const list = { breachId, list: execution };
  await store.putAll(list, addresses.map((email) => ({ email, locale: 'en' as const })), new Date());
  const statusOf = async (email: string): Promise<RecipientStatus | undefined> => (await store.page(list, 100)).items.find((i) => i.sk === recipientKey(email))?.status;
  const step = (mail: SESv2Client, pauseSeconds = 0, pausedSince: string | null = null) => send({ breachId, execution, step: 'send', after: null, pauseSeconds, pausedSince }, twin.deps, awsClients(), mail);
  return { store, list, statusOf, step };
}

/** A breach whose communication is at `state`, its list uploaded as `source`. */
async function breachCommunicating(state: CommunicationState, source = 'k') {
  const breachId = crypto.randomUUID();
  const execution = `${breachId}-c0`;
  const now = new Date().toISOString();
  const breach: Breach = {
    breachId,
    openedAt: now,
    awareAt: now,
    summary: 'Test',
    risk: 'high',
    state: 'open',
    notifications: [],
    revision: 0,
    communication: { state, texts: { en: { subject: 'About your data', body: 'Hello.' } }, requestedAt: now, source, execution, list: execution },
  };
  await twin.deps.breaches.open(breach, twin.deps.audit, { requestId: breachId, at: now, actor: 'operator', event: 'breach_opened' });
  return { breachId, execution };
}

describe('sending a breach communication', () => {
  it('sends each pending address once, and a second step finds nothing left to send', async () => {
    const { statusOf, step } = await sending(['a@x.example', 'b@x.example']);
    const ses = sesAnswering([]);
    expect(await step(ses)).toMatchObject({ done: true, sent: 2 });
    expect(await statusOf('a@x.example')).toBe('sent');
    expect(await step(ses)).toMatchObject({ done: true, sent: 0 });
    expect(ses.sentTo.sort()).toEqual(['a@x.example', 'b@x.example']);
  });

  it('gives the address back and asks for a longer pause when SES throttles', async () => {
    const { statusOf, step } = await sending(['a@x.example']);
    expect(await step(sesAnswering([error('TooManyRequestsException')]), 60)).toMatchObject({ done: false, pause: true, pauseSeconds: 120 });
    expect(await statusOf('a@x.example')).toBe('pending');
    expect(await step(sesAnswering([]))).toMatchObject({ done: true, sent: 1 });
  });

  it('keeps when the pauses began, and fails the step once SES has refused for days, so that no wait is endless', async () => {
    const { statusOf, step } = await sending(['a@x.example']);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect(await step(sesAnswering([error('SendingPausedException')]), 3600, hourAgo)).toMatchObject({ pause: true, pauseSeconds: 3600, pausedSince: hourAgo });
    const daysAgo = new Date(Date.now() - 4 * 86_400_000).toISOString();
    await expect(step(sesAnswering([error('SendingPausedException')]), 3600, daysAgo)).rejects.toMatchObject({ name: 'SendingPausedTooLong' });
    expect(await statusOf('a@x.example')).toBe('pending'); // given back: a resume sends it
  });

  it('marks an address SES refused as failed and goes on with the others', async () => {
    const { statusOf, step } = await sending(['a@x.example', 'b@x.example']);
    const ses = sesAnswering([error('MessageRejected'), 'ok']);
    expect(await step(ses)).toMatchObject({ done: true, sent: 1 });
    const statuses = [await statusOf('a@x.example'), await statusOf('b@x.example')].sort();
    expect(statuses).toEqual(['failed', 'sent']);
  });

  it('leaves an email of unknown fate claimed (uncertain, never sent again) and fails the step', async () => {
    const { statusOf, step } = await sending(['a@x.example']);
    await expect(step(sesAnswering([error('TimeoutError')]))).rejects.toThrow('TimeoutError');
    expect(await statusOf('a@x.example')).toBe('sending');
    const retry = sesAnswering([]);
    expect(await step(retry)).toMatchObject({ done: true, sent: 0 });
    expect(retry.sentTo).toEqual([]);
  });

  it('gives the address back and fails the step when the setup is wrong, so that a resume sends it', async () => {
    const { statusOf, step } = await sending(['a@x.example']);
    await expect(step(sesAnswering([error('AccessDeniedException')]))).rejects.toThrow();
    expect(await statusOf('a@x.example')).toBe('pending');
  });
});

describe('reading the list of a breach communication', () => {
  it('refuses a list of user ids where no system is declared as a directory, and keeps the list for another try', async () => {
    const source = 'breaches/test/recipients-0123456789abcdef.csv';
    await awsClients().s3.send(new PutObjectCommand({ Bucket: twin.bucket, Key: source, Body: 'userId\nu-1001\n' }));
    const { breachId, execution } = await breachCommunicating('preparing', source);
    await expect(communicate({ breachId, execution, step: 'prepare' }, twin.deps)).rejects.toThrow(NoDirectory);
    expect((await twin.deps.breaches.get(breachId))!.communication).toMatchObject({ state: 'preparing' });
    expect((await twin.deps.breaches.get(breachId))!.communication).not.toHaveProperty('userIds');
  });

  it('keeps one answer per id a directory was asked about, a hundred ids a call, whatever the directory says', async () => {
    const breachId = crypto.randomUUID();
    const list = `${breachId}-c0`;
    const prefix = directoryPrefix(breachId, list);
    const s3 = awsClients().s3;
    const ids = Array.from({ length: 150 }, (_, i) => ({ userId: `u-${i}` }));
    await s3.send(new PutObjectCommand({ Bucket: twin.bucket, Key: `${prefix}${USER_IDS_FILE}`, Body: JSON.stringify(ids) }));
    const calls: number[] = [];
    const outcome = await resolveUserIds(
      'hostile',
      async (userIds) => {
        calls.push(userIds.length);
        return [
          ...userIds.map((userId) => ({ userId, email: `${userId}@x.example` })),
          ...userIds.map((userId) => ({ userId, email: 'again@x.example' })), // the same ids again
          { userId: 'never-asked', email: 'stranger@x.example' },
          { userId: userIds[0], email: `${'a'.repeat(400)}@x.example` },
          null as never,
        ];
      },
      { operation: 'resolve', breachId, list },
      s3,
      twin.bucket,
    );
    expect(calls).toEqual([100, 50]);
    expect(outcome).toEqual({ connector: 'hostile', operation: 'resolve', found: 150 });
    const stored = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: twin.bucket, Key: `${prefix}${answerFile('hostile')}` }))).Body!.transformToString());
    expect(stored).toHaveLength(150);
    expect(stored.every((e: { userId: string; email: string }) => e.email === `${e.userId}@x.example`)).toBe(true);
  });
});
