/**
 * The archive as the deployed function builds it: bundled by esbuild with the bundles'
 * aliases (infra/bundling.ts), so with Node's CRC-32 in place of buffer-crc32. Every
 * entry's recorded CRC-32 must be its content's, or unzip tools refuse the file.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ArchiveSection } from '../../functions/assemble-archive/archive.js';
import { uploadHashed } from '../../functions/connectors/staging.js';
import { ALIASES, BUNDLING } from '../../infra/bundling.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/emulators.js';

const endpoint = inject('endpoints').s3;
const s3 = new S3Client({ endpoint, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const bucket = `archive-bundled-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(join(tmpdir(), 'dsr-bundled-'));
beforeAll(() => s3.send(new CreateBucketCommand({ Bucket: bucket })));
afterAll(() => {
  s3.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** Each entry's CRC-32 as the ZIP records it, and as its content sums. */
async function checksums(zip: Buffer): Promise<Array<{ name: string; recorded: number; actual: number }>> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (e, f) => (e ? reject(e) : resolve(f))));
  const sums: Array<{ name: string; recorded: number; actual: number }> = [];
  return new Promise((resolve, reject) => {
    file.on('error', reject).on('end', () => resolve(sums));
    file.on('entry', (entry: yauzl.Entry) =>
      file.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        let actual = 0;
        stream.on('data', (chunk: Buffer) => (actual = crc32(chunk, actual)));
        stream.on('end', () => {
          sums.push({ name: entry.fileName, recorded: entry.crc32, actual: actual >>> 0 });
          file.readEntry();
        });
      }),
    );
    file.readEntry();
  });
}

describe('the bundled archive builder', () => {
  it('records every entry\'s true CRC-32, deflated or stored, with Node\'s CRC-32 bundled in place of buffer-crc32', async () => {
    // Prepare: the builder bundled as a function is, and two staged files (one deflated, one stored as is).
    const outfile = join(dir, 'archive.mjs');
    await build({ entryPoints: [join(import.meta.dirname, '../support/bundled-archive.ts')], bundle: true, platform: 'node', format: 'esm', ...BUNDLING, alias: ALIASES, banner: { js: BUNDLING.banner }, outfile, logLevel: 'error' });
    expect(readFileSync(outfile, 'utf8')).not.toContain('1996959894'); // buffer-crc32's table
    const bundled = (await import(pathToFileURL(outfile).href)) as typeof import('../support/bundled-archive.js');
    const files = [];
    for (const [name, contentType, body] of [
      ['records.json', 'application/json', Buffer.from(JSON.stringify(Array.from({ length: 5_000 }, (_, i) => ({ id: i, course: `Course ${i % 9}` }))))],
      ['video.mp4', 'video/mp4', randomBytes(300_000)],
    ] as const) {
      const key = `staging/${randomUUID()}/${name}`;
      files.push({ key, name, contentType, ...(await uploadHashed(s3, bucket, key, Readable.from([body]), contentType)) });
    }
    const sections: ArchiveSection[] = [{ system: 'lms', title: 'Learning platform', status: 'done', files }];
    const key = `archives/${randomUUID()}.zip`;
    const now = new Date('2026-12-01T10:00:00Z');

    // Act
    const client = new bundled.S3Client({ endpoint, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await bundled.buildArchive({ s3: client, bucket, key, sections, pages: [], describe: { requestId: 'r', right: 'access', receivedAt: now.toISOString() }, now });
    client.destroy();

    // Assess
    const zip = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());
    const sums = await checksums(zip);
    expect(sums.map((s) => s.name).sort()).toEqual(['lms/records.json', 'lms/video.mp4', 'manifest.json']);
    for (const sum of sums) expect(sum.recorded, sum.name).toBe(sum.actual);
  }, 60_000);
});
