import { DeleteObjectsCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { simulatedClockFromEnv, simulatedNow } from '../../functions/shared/clock.js';
import type { ExpiryRule } from '../lifecycle.js';

const DAY_MS = 86_400_000;

/** When S3 expires an object written at `writtenAt` under a rule of `days`: that many days later, rounded up to the next midnight UTC. */
export function expiresAt(writtenAt: Date, days: number): Date {
  const due = writtenAt.getTime() + days * DAY_MS;
  return new Date(Math.ceil(due / DAY_MS) * DAY_MS);
}

/** An object's write time on the twin's clock: the S3 server stamps real time, the workflows read the simulated clock. */
function onTheClock(lastModified: Date): Date {
  const clock = simulatedClockFromEnv();
  return clock ? simulatedNow(clock, lastModified.getTime()) : lastModified;
}

/**
 * The bucket's expiry rules, applied by the twin as S3 applies those the stack writes on
 * the bucket (infra/lifecycle.ts): every object past its rule's days is deleted. Run
 * every simulated hour, so a test on the simulated clock sees what AWS would have expired.
 */
export async function expireObjects(s3: S3Client, bucket: string, rules: ExpiryRule[], at: Date): Promise<number> {
  let expired = 0;
  for (const rule of rules) {
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: rule.prefix })) {
      const keys = (page.Contents ?? []).filter((o) => o.LastModified && expiresAt(onTheClock(o.LastModified), rule.days) <= at).map((o) => ({ Key: o.Key! }));
      if (keys.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
      expired += keys.length;
    }
  }
  return expired;
}
