import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { UNREADABLE_ALL } from '../shared/bounds.js';
import { toCsv } from './csv.js';
import { ANSWER_FILE, ConnectorError, FILE_LIST, MAX_FILE_NAME_BYTES, type StagedFile, type Staging } from './kit.js';

/** Names the staging area keeps for itself, beside a system's files. */
const RESERVED = new Set([FILE_LIST, ANSWER_FILE]);

/** Characters a file name does not keep besides the unreadable ones: invisible ones, and those Windows refuses. */
const HIDDEN_OR_REFUSED = /[\u061c\u200b-\u200f\u2060-\u2064\ufeff\\:*?"<>|]/g;

/**
 * A name inside a system's folder: relative, no `..`, printable (no control, zero-width or
 * bidirectional character: `invoice\u202Efdp.exe` must not read as a PDF; no lone half of a
 * UTF-16 pair, which an S3 key cannot hold), not a reserved one, and short enough for an S3
 * key. A refused name is not quoted: it may be long, or name the person.
 */
export function safeName(name: string): string {
  const parts = name.length > MAX_FILE_NAME_BYTES ? [] : name.split('/').map((p) => p.replace(UNREADABLE_ALL, '_').normalize('NFC').replace(HIDDEN_OR_REFUSED, '_').trim()).filter((p) => p && p !== '.' && p !== '..');
  const clean = parts.join('/');
  if (!clean || RESERVED.has(clean) || Buffer.byteLength(clean) > MAX_FILE_NAME_BYTES) throw new ConnectorError(`not a usable file name: empty, reserved or longer than ${MAX_FILE_NAME_BYTES} bytes`);
  return clean;
}

export interface Measured {
  bytes: number;
  sha256: string;
}

/**
 * A pass-through that counts and hashes what flows through it, and hands the result to
 * `atEnd` once the last byte has passed; an error `atEnd` returns fails the stream there.
 */
export function measuring(atEnd: (measured: Measured) => Error | void): Transform {
  const hash = createHash('sha256');
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      done(atEnd({ bytes, sha256: hash.digest('hex') }) ?? null);
    },
  });
}

/**
 * Streams a body into S3 with a multipart upload, counting its bytes and hashing it on
 * the way: memory stays at the upload's part buffers whatever the size.
 */
export async function uploadHashed(s3: S3Client, bucket: string, key: string, body: NodeJS.ReadableStream, contentType: string): Promise<Measured> {
  let measured!: Measured;
  const meter = measuring((m) => void (measured = m));
  const out = new PassThrough();
  const upload = new Upload({ client: s3, params: { Bucket: bucket, Key: key, Body: out, ContentType: contentType }, partSize: 8 * 1024 * 1024, queueSize: 2 });
  await Promise.all([pipeline(body as Readable, meter, out), upload.done()]);
  return measured;
}

/**
 * A content type as a system gave it, if an S3 header can carry it (printable ASCII, at
 * most 255 characters), else the neutral one: a line break or a non-Latin character would
 * fail the upload with an error nobody could act on.
 */
const storableType = (contentType: string) => (/^[\x21-\x7e][\x20-\x7e]{0,254}$/.test(contentType) ? contentType : 'application/octet-stream');

/** The staging area of one system for one request: `staging/<requestId>/<system>/`. */
export class S3Staging implements Staging {
  readonly files: StagedFile[] = [];
  /** Names taken, in lower case: two names that clean alike (`a?b`, `a*b`) or differ in case only must not overwrite one another, in S3 or in an unzipped folder. */
  private readonly taken = new Set<string>();

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  async putStream(name: string, body: NodeJS.ReadableStream, contentType: string): Promise<StagedFile> {
    const clean = this.unique(safeName(name));
    const key = `${this.prefix}${clean}`;
    const type = storableType(contentType);
    const { bytes, sha256 } = await uploadHashed(this.s3, this.bucket, key, body, type);
    const file = { key, name: clean, contentType: type, bytes, sha256 };
    this.files.push(file);
    return file;
  }

  /** The name, or the name with ` (2)`, ` (3)`… before its extension when it is taken. */
  private unique(name: string): string {
    const dot = name.lastIndexOf('.') > name.lastIndexOf('/') + 1 ? name.lastIndexOf('.') : name.length;
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }

  putJson(name: string, value: unknown): Promise<StagedFile> {
    return this.putStream(name, Readable.from([Buffer.from(JSON.stringify(value, null, 2) + '\n')]), 'application/json');
  }

  putCsv(name: string, rows: Array<Record<string, unknown>>): Promise<StagedFile> {
    return this.putStream(name, Readable.from([Buffer.from(toCsv(rows))]), 'text/csv; charset=utf-8');
  }

  /** Writes the list of staged files beside them, for the archive to read. */
  async writeFileList(files: StagedFile[]): Promise<void> {
    await uploadHashed(this.s3, this.bucket, `${this.prefix}${FILE_LIST}`, Readable.from([Buffer.from(JSON.stringify(files))]), 'application/json');
  }
}
