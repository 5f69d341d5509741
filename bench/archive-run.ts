/**
 * One measured run of bench/archive.ts, in a process of its own so that its peak memory is
 * its own: `archive` builds the ZIP from the staged files, with its pages (index.html and
 * the system's page, which shows every record as a table row); `copy` streams the same
 * files, one after another, into one plain object through the same server.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { buildArchive, type ArchiveSection } from '../functions/assemble-archive/archive.js';
import { archivePages } from '../functions/assemble-archive/pages.js';
import { readStaged } from '../functions/assemble-archive/staged-file.js';
import type { Art15Declaration } from '../functions/connectors/art15.js';
import type { StagedFile } from '../functions/connectors/kit.js';

const [mode, plan] = process.argv.slice(2) as ['archive' | 'copy', string];
const { endpoint, bucket, files } = JSON.parse(readFileSync(plan, 'utf8')) as { endpoint: string; bucket: string; files: StagedFile[] };
const s3 = new S3Client({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, forcePathStyle: true });

async function copy(): Promise<number> {
  const out = new PassThrough();
  const upload = new Upload({ client: s3, params: { Bucket: bucket, Key: 'bench/copy.bin', Body: out }, partSize: 8 * 1024 * 1024, queueSize: 2 });
  const done = upload.done();
  let bytes = 0;
  for (const file of files) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: file.key }));
    for await (const chunk of object.Body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
    }
  }
  out.end();
  await done;
  return bytes;
}

const declaration: Art15Declaration = {
  purposes: [{ purpose: { en: 'Benchmarking' }, legalBasis: 'contract' }],
  categories: [{ en: 'Generated records' }],
  recipients: [],
  retention: { en: 'The run' },
  labels: { id: { en: 'Id' }, course: { en: 'Course' }, grade: { en: 'Grade' }, gradedAt: { en: 'Marked on' } },
};

async function archive(): Promise<number> {
  const now = new Date();
  const sections: ArchiveSection[] = [{ system: 'bench', title: 'Bench', status: 'done', files }];
  const built = await buildArchive({
    s3,
    bucket,
    key: 'bench/archive.zip',
    sections,
    describe: { requestId: 'bench', right: 'access', receivedAt: now.toISOString() },
    now,
    pages: archivePages({
      sections,
      declarations: { bench: declaration },
      right: 'access',
      receivedAt: now.toISOString(),
      createdAt: now.toISOString(),
      locale: 'en',
      timeZone: 'Europe/Paris',
      formUrl: 'https://privacy.example.org/',
      open: (file) => readStaged(s3, bucket, file),
    }),
  });
  // Throughput counts the staged bytes carried, as the copy does: the ZIP's own size would count compression against it.
  return built.manifest.systems.flatMap((system) => system.files).reduce((sum, file) => sum + file.bytes, 0);
}

const started = process.hrtime.bigint();
const bytes = await (mode === 'archive' ? archive() : copy());
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ mode, bytes, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
