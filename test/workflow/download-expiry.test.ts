import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../functions/shared/aws.js';
import { eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, useSimulatedClock, type TestTwin } from '../support/twin.js';

// A simulated day lasts a real second: the one-day download link expires quickly.
useSimulatedClock(86_400);

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], autoRelease: ['access'], downloadLinkDays: 1, verificationLinkHours: 720, decisionLinkDays: 30 });
});

describe('a download link that expires', () => {
  it('stops working, its page says so, and the archive is deleted', async () => {
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
    expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
    const decision = await eventually(async () => (await twin.mail.to('dpo@school.example')).find((m) => m.text.includes(requestId)));
    expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);
    const letter = await twin.mail.waitFor(email, 2);
    const link = linkIn(letter, 'downloads');
    const { archive } = (await twin.deps.requests.get(requestId))!;
    expect(archive).toBeDefined();

    const execution = twin.stepFunctions.list().find((e) => e.name === requestId)!;
    const done = await execution.done;
    expect(done.states.slice(-3)).toEqual(['WaitUntilTheDownloadLinkExpires', 'DeleteTheArchive', 'RequestAnswered']);

    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('the archive has been deleted');
    expect((await post(link, {})).status).toBe(410);
    await expect(awsClients().s3.send(new HeadObjectCommand({ Bucket: twin.bucket, Key: archive!.key }))).rejects.toMatchObject({ name: 'NotFound' });
    expect((await twin.deps.audit.list(requestId)).at(-1)).toMatchObject({ event: 'archive_deleted' });
  }, 60_000);
});
