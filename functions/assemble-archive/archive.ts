import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { ZipFile } from 'yazl';
import { measuring, uploadHashed } from '../connectors/staging.js';
import type { StagedFile } from '../connectors/kit.js';
import type { SafeHtml } from '../shared/web/html.js';
import { filePath } from './paths.js';
import { readStaged } from './staged-file.js';

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
  /** The archive's own pages (index.html, one per system), made from the files above. */
  pages: ManifestFile[];
}

export interface BuiltArchive {
  bytes: number;
  sha256: string;
  manifest: Manifest;
}

/** A page of the archive, rendered as it is written into the ZIP. */
export interface ArchivePage {
  path: string;
  render: () => AsyncIterable<SafeHtml>;
}

/** Content that deflate shrinks; the rest (media, PDFs, archives) is stored as is, which keeps assembly at copy speed. */
const compressible = (contentType: string) => /^(text\/|application\/(json|xml|csv|javascript))/.test(contentType);

/** Markup is gathered into chunks of about this size before it goes to the ZIP. */
const PAGE_CHUNK = 64 * 1024;

/**
 * Streams staged files from S3 into one ZIP uploaded to S3 in parts, then the pages, then
 * manifest.json: one file or page is read at a time, each is hashed on the way (a staged
 * file that changed fails the build), and the manifest, which needs every hash, closes the
 * archive. Memory holds the upload's part buffers and what a page keeps of the record it
 * is writing, whatever the archive's size; ZIP64 is used where sizes need it.
 */
export async function buildArchive(options: {
  s3: S3Client;
  bucket: string;
  key: string;
  sections: ArchiveSection[];
  pages: ArchivePage[];
  describe: Omit<Manifest, 'systems' | 'pages' | 'createdAt'>;
  now: Date;
}): Promise<BuiltArchive> {
  const { s3, bucket, sections } = options;
  const zip = new ZipFile();
  const uploaded = uploadHashed(s3, bucket, options.key, zip.outputStream, 'application/zip');
  try {
    const mtime = options.now;
    const written: Array<Promise<void>> = [];
    const add = (path: string, settings: { compress: boolean; size?: number }, open: () => Readable) => {
      written.push(
        new Promise<void>((resolve, reject) => {
          zip.addReadStreamLazy(path, { mtime, ...settings }, (callback) => {
            const stream = open();
            finished(stream).then(resolve, reject);
            callback(null, stream);
          });
        }),
      );
    };

    const systems: Manifest['systems'] = sections.map(({ files, ...section }) => ({
      ...section,
      files: files.map((file) => {
        const path = filePath(section.system, file.name);
        add(path, { compress: compressible(file.contentType), size: file.bytes }, () => readStaged(s3, bucket, file));
        return { path, contentType: file.contentType, bytes: file.bytes, sha256: file.sha256 };
      }),
    }));
    const pages = options.pages.map((page) => {
      const entry: ManifestFile = { path: page.path, contentType: 'text/html; charset=utf-8', bytes: 0, sha256: '' };
      add(page.path, { compress: true }, () => {
        const meter = measuring((m) => void Object.assign(entry, m));
        pipeline(Readable.from(inChunks(page.render())), meter).catch(() => undefined); // a failure reaches the ZIP through the meter
        return meter;
      });
      return entry;
    });

    // The manifest needs every file's and page's hash: it goes in once the last has streamed through.
    await Promise.race([
      Promise.all(written),
      uploaded.then(() => {
        throw new Error('the archive upload ended before its files');
      }),
    ]);
    const manifest: Manifest = { ...options.describe, createdAt: options.now.toISOString(), systems, pages };
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'manifest.json', { mtime });
    zip.end();
    const { bytes, sha256 } = await uploaded;
    return { bytes, sha256, manifest };
  } catch (error) {
    // A file or page that failed ends the upload with it: lib-storage then aborts the multipart upload, so no part is left waiting.
    (zip.outputStream as unknown as Readable).destroy(error as Error);
    await uploaded.catch(() => undefined);
    throw error;
  }
}

/** Markup as Buffers of about PAGE_CHUNK bytes: fewer, larger writes than one per row. */
async function* inChunks(markup: AsyncIterable<SafeHtml>): AsyncGenerator<Buffer> {
  let pending = '';
  for await (const piece of markup) {
    pending += piece.value;
    if (pending.length >= PAGE_CHUNK) {
      yield Buffer.from(pending);
      pending = '';
    }
  }
  if (pending) yield Buffer.from(pending);
}
