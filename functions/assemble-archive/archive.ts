import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ZipFile } from 'yazl';
import { uploadHashed } from '../connectors/staging.js';
import type { StagedFile } from '../connectors/kit.js';

/** One system's part of the archive: its staged files and how its export went. */
export interface ArchiveSection {
  system: string;
  title: string;
  status: string;
  note?: string;
  skippedReason?: string;
  files: StagedFile[];
}

export interface ManifestFile {
  path: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  requestId: string;
  right: string;
  receivedAt: string;
  createdAt: string;
  systems: Array<Omit<ArchiveSection, 'files'> & { files: ManifestFile[] }>;
}

export interface BuiltArchive {
  bytes: number;
  sha256: string;
  manifest: Manifest;
}

/** Content that deflate shrinks; the rest (media, PDFs, archives) is stored as is, which keeps assembly at copy speed. */
const compressible = (contentType: string) => /^(text\/|application\/(json|xml|csv|javascript))/.test(contentType);

/**
 * Streams staged files from S3 into one ZIP uploaded to S3 in parts: one file is read at a
 * time, each is hashed on the way, and manifest.json and index.html (which need those
 * hashes) close the archive. Memory holds only the upload's part buffers, whatever the
 * archive's size; ZIP64 is used where sizes need it.
 */
export async function buildArchive(options: {
  s3: S3Client;
  bucket: string;
  key: string;
  sections: ArchiveSection[];
  describe: Omit<Manifest, 'systems' | 'createdAt'>;
  now: Date;
  renderIndex: (manifest: Manifest) => string;
}): Promise<BuiltArchive> {
  const { s3, bucket, sections } = options;
  const zip = new ZipFile();
  const uploaded = uploadHashed(s3, bucket, options.key, zip.outputStream, 'application/zip');
  const mtime = options.now;

  const systems: Manifest['systems'] = [];
  const streamed: Array<Promise<void>> = [];
  for (const section of sections) {
    const files: ManifestFile[] = [];
    systems.push({ system: section.system, title: section.title, status: section.status, note: section.note, skippedReason: section.skippedReason, files });
    for (const file of section.files) {
      const path = `${section.system}/${file.name}`;
      const entry: ManifestFile = { path, contentType: file.contentType, bytes: 0, sha256: '' };
      files.push(entry);
      let done!: () => void;
      let failed!: (e: unknown) => void;
      streamed.push(new Promise<void>((resolve, reject) => ((done = resolve), (failed = reject))));
      zip.addReadStreamLazy(path, { mtime, compress: compressible(file.contentType), size: file.bytes }, (callback) => {
        s3.send(new GetObjectCommand({ Bucket: bucket, Key: file.key })).then(
          (object) => {
            const hash = createHash('sha256');
            const meter = new Transform({
              transform(chunk: Buffer, _e, next) {
                hash.update(chunk);
                entry.bytes += chunk.length;
                next(null, chunk);
              },
            });
            (object.Body as Readable).pipe(meter);
            finished(meter).then(() => {
              entry.sha256 = hash.digest('hex');
              if (entry.sha256 !== file.sha256 || entry.bytes !== file.bytes) failed(new Error(`staged file changed: ${path}`));
              else done();
            }, failed);
            callback(null, meter);
          },
          (error) => {
            failed(error);
            callback(error, undefined as unknown as Readable);
          },
        );
      });
    }
  }
  // The manifest needs every file's hash: add it once the last file has streamed through.
  await Promise.race([
    Promise.all(streamed),
    uploaded.then(() => {
      throw new Error('the archive upload ended before its files');
    }),
  ]);
  const manifest: Manifest = { ...options.describe, createdAt: options.now.toISOString(), systems };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'manifest.json', { mtime });
  zip.addBuffer(Buffer.from(options.renderIndex(manifest)), 'index.html', { mtime });
  zip.end();
  const { bytes, sha256 } = await uploaded;
  return { bytes, sha256, manifest };
}
