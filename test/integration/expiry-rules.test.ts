/**
 * The bucket's expiry rules as the twin applies them (infra/local/lifecycle.ts), against
 * the S3 server: an object goes once its rule's days have passed, rounded up to midnight
 * UTC as S3 counts, and not before; other prefixes are left alone.
 */
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/emulators.js';
import { expireObjects, expiresAt } from '../../infra/local/lifecycle.js';

const s3 = new S3Client({ endpoint: inject('endpoints').s3, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
afterAll(() => s3.destroy());

const DAY = 86_400_000;

describe('expiry as S3 counts it', () => {
  it('falls at the first midnight UTC once the days have passed', () => {
    expect(expiresAt(new Date('2026-03-01T10:30:00Z'), 7).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(expiresAt(new Date('2026-03-01T00:00:00Z'), 7).toISOString()).toBe('2026-03-08T00:00:00.000Z');
  });
});

describe('the twin\'s expiry rules', () => {
  it('delete what is past its days under the rule\'s prefix only, and keep the rest', async () => {
    const Bucket = `expiry-${randomUUID().slice(0, 8)}`;
    await s3.send(new CreateBucketCommand({ Bucket }));
    for (const Key of ['staging/r1/lms/a.csv', 'staging/r1/lms/b.csv', 'archives/r1.zip', 'other/kept.txt']) await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }));
    const rules = [
      { id: 'staging', prefix: 'staging/', days: 30 },
      { id: 'archives', prefix: 'archives/', days: 60 },
    ];
    const keys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents ?? []).map((o) => o.Key).sort();

    expect(await expireObjects(s3, Bucket, rules, new Date(Date.now() + 29 * DAY))).toBe(0);
    expect(await keys()).toHaveLength(4);
    expect(await expireObjects(s3, Bucket, rules, new Date(Date.now() + 32 * DAY))).toBe(2);
    expect(await keys()).toEqual(['archives/r1.zip', 'other/kept.txt']);
    expect(await expireObjects(s3, Bucket, rules, new Date(Date.now() + 62 * DAY))).toBe(1);
    expect(await keys()).toEqual(['other/kept.txt']);
  });
});
