import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildArchive, type ArchiveSection } from '../../functions/assemble-archive/archive.js';
import { uploadHashed } from '../../functions/connectors/staging.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/emulators.js';

/**
 * An archive whose staged file changed since its export fails, on the local S3 server,
 * and writes no archive object. (That the failed build also aborts its multipart upload,
 * archive.ts's catch, the local server cannot show: it lists no uploads.)
 */
const s3 = new S3Client({ endpoint: inject('endpoints').s3, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const bucket = 'archive-failure';
beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

describe('an archive with a staged file that changed', () => {
  it('fails, with no archive written', async () => {
    // Prepare: the staged file as its export listed it, then changed.
    const stagedKey = `staging/${randomUUID()}/forum/records.json`;
    const { bytes, sha256 } = await uploadHashed(s3, bucket, stagedKey, Readable.from([Buffer.from('[{"post":"Hello"}]')]), 'application/json');
    await uploadHashed(s3, bucket, stagedKey, Readable.from([Buffer.from('[{"post":"Changed"}]')]), 'application/json');
    const sections: ArchiveSection[] = [{ system: 'forum', title: 'Forum', status: 'done', files: [{ key: stagedKey, name: 'records.json', contentType: 'application/json', bytes, sha256 }] }];
    const key = `archives/${randomUUID()}.zip`;
    const now = new Date('2026-12-01T10:00:00Z');

    // Act
    const built = buildArchive({ s3, bucket, key, sections, pages: [], describe: { requestId: 'r', right: 'access', receivedAt: now.toISOString() }, now });

    // Assess
    await expect(built).rejects.toThrow(/staged file changed/);
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch((e: Error) => e.name)).toBe('NotFound');
  }, 30_000);
});
