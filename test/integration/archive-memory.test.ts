/**
 * The archive's pages keep memory flat however many records a system has: a system page
 * of 100,000 records is built into a real archive on the local S3 server, and the heap
 * that stays reachable while the page is written (measured after a full collection every
 * 8 MB read) is compared with the same for 1,000 records; so is the process's
 * resident memory, which also counts what the heap does not see (Intl formatters' native
 * memory, buffers).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildArchive, type ArchiveSection } from '../../functions/assemble-archive/archive.js';
import { archivePages } from '../../functions/assemble-archive/pages.js';
import { readStaged } from '../../functions/assemble-archive/staged-file.js';
import type { StagedFile } from '../../functions/connectors/kit.js';
import { uploadHashed } from '../../functions/connectors/staging.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/emulators.js';
import { ART15 } from '../support/art15.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const s3 = new S3Client({ endpoint: inject('endpoints').s3, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const bucket = `archive-memory-${randomUUID().slice(0, 8)}`;
beforeAll(() => s3.send(new CreateBucketCommand({ Bucket: bucket })));
afterAll(() => s3.destroy());

/** A records.json of `count` posts of about 300 bytes each, staged as a connector stages it. */
async function stagedRecords(count: number): Promise<StagedFile> {
  const posts = function* () {
    yield '[';
    for (let i = 0; i < count; i++) yield `${i ? ',\n' : ''}${JSON.stringify({ postId: `p-${i}`, forum: `Course ${i % 40}`, postedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), likes: i % 17, body: `Post ${i}: ${'a reply about the lecture '.repeat(10)}` })}`;
    yield ']';
  };
  const key = `staging/${randomUUID()}/forum/records.json`;
  const { bytes, sha256 } = await uploadHashed(s3, bucket, key, Readable.from(posts()), 'application/json');
  return { key, name: 'records.json', contentType: 'application/json', bytes, sha256 };
}

/** Builds an archive whose forum page shows `file`'s records; returns the most heap held, and resident memory used, beyond the start while its page was written. */
async function memoryWhileWriting(file: StagedFile): Promise<{ heap: number; resident: number }> {
  const sections: ArchiveSection[] = [{ system: 'forum', title: 'Forum', status: 'done', files: [file] }];
  const now = new Date('2026-12-01T10:00:00Z');
  gc();
  const start = process.memoryUsage();
  const held = { heap: 0, resident: 0 };
  // Resident memory is read before collecting: what the heap does not see is freed only when its objects are collected.
  const measure = () => {
    held.resident = Math.max(held.resident, process.memoryUsage().rss - start.rss);
    gc();
    held.heap = Math.max(held.heap, process.memoryUsage().heapUsed - start.heapUsed);
  };
  async function* measured(stream: Readable): AsyncGenerator<Buffer> {
    let read = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield chunk;
      read += chunk.length;
      if (read >= 8 * 1024 * 1024) {
        read = 0;
        measure();
      }
    }
    measure();
  }
  const pages = archivePages({ sections, declarations: { forum: ART15 }, right: 'access', receivedAt: now.toISOString(), createdAt: now.toISOString(), locale: 'fr', timeZone: 'Europe/Paris', formUrl: 'https://privacy.example.org/', open: (f) => measured(readStaged(s3, bucket, f)) });
  const built = await buildArchive({ s3, bucket, key: `archives/${randomUUID()}.zip`, sections, pages, describe: { requestId: 'r', right: 'access', receivedAt: now.toISOString() }, now });
  expect(built.manifest.pages.find((p) => p.path === 'forum.html')!.bytes).toBeGreaterThan(0.8 * file.bytes); // every record was written
  return held;
}

describe('a system page of 100,000 records', () => {
  it('holds no more memory than one of 1,000 records, give or take a few megabytes', async () => {
    // Arrange
    const small = await stagedRecords(1_000);
    const large = await stagedRecords(100_000);
    // Act
    const forSmall = await memoryWhileWriting(small);
    const forLarge = await memoryWhileWriting(large);
    // Assess: the large page is about 40 MB; written whole, it would be held whole.
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    const figures = `for 1,000 records then 100,000 (an export of ${mb(large.bytes)}): heap ${mb(forSmall.heap)}, ${mb(forLarge.heap)}; resident ${mb(forSmall.resident)}, ${mb(forLarge.resident)}`;
    expect(large.bytes).toBeGreaterThan(30e6);
    expect(forLarge.heap - forSmall.heap, figures).toBeLessThan(8e6);
    expect(forLarge.resident - forSmall.resident, figures).toBeLessThan(100e6);
  }, 120_000);
});
