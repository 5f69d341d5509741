import { randomUUID } from 'node:crypto';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../functions/shared/aws.js';
import { eventually, startTestTwin, useSimulatedClock, type TestTwin } from '../support/twin.js';

/**
 * The safety net itself: what a crash leaves in the bucket, the twin expires on its
 * simulated clock as S3 would, by the rules the stack writes (infra/lifecycle.ts). With
 * these settings the longest request lasts 113 days, so staging and archives go after 120;
 * a breach's staged ids after 7; what no rule covers stays.
 */
useSimulatedClock(20 * 86_400); // twenty simulated days a real second
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], decisionLinkDays: 1, abandonAfterDays: 1, downloadLinkDays: 1, minimiseAfterDays: 2 });
});

const put = (Key: string) => awsClients().s3.send(new PutObjectCommand({ Bucket: twin.bucket, Key, Body: 'left by a crash' }));
const keys = async () => ((await awsClients().s3.send(new ListObjectsV2Command({ Bucket: twin.bucket }))).Contents ?? []).map((o) => o.Key!).sort();

describe('objects a crash left behind', () => {
  it('expire by the bucket\'s rules on the simulated clock, the shorter rule first', async () => {
    const request = randomUUID();
    const left = [`archives/${request}.zip`, 'other/kept.txt', `staging/${request}/lms/grades.csv`, 'staging/breach-b1/l1/user-ids.json'];
    for (const key of left) await put(key);

    // About half a second: the breach's staged ids (7 days) are gone, the request's files (120 days) are not.
    await eventually(async () => ((await keys()).includes('staging/breach-b1/l1/user-ids.json') ? undefined : true), 5_000, 'the breach staging to expire');
    expect(await keys()).toEqual(expect.arrayContaining([`archives/${request}.zip`, `staging/${request}/lms/grades.csv`]));

    // About six seconds: the request's staging and archive go too; the object no rule covers stays.
    await eventually(async () => ((await keys()).some((k) => k.includes(request)) ? undefined : true), 20_000, 'the request\'s files to expire');
    expect(await keys()).toContain('other/kept.txt');
  }, 40_000);
});
