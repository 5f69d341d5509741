import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { StagedFile } from '../connectors/kit.js';
import { measuring } from '../connectors/staging.js';

/**
 * A staged file's content, streamed from S3 and checked on the way: the stream fails at
 * its end if the bytes are not the ones staged (size and SHA-256), so the archive cannot
 * carry a file that changed since its export. (A page that reads only the beginning of a
 * file, a text's preview, sees no end to check; the file beside it is checked.)
 */
export function readStaged(s3: S3Client, bucket: string, file: StagedFile): Readable {
  const checked = measuring(({ bytes, sha256 }) => (bytes === file.bytes && sha256 === file.sha256 ? undefined : new Error(`staged file changed: ${file.name}`)));
  s3.send(new GetObjectCommand({ Bucket: bucket, Key: file.key })).then(
    (object) => pipeline(object.Body as Readable, checked).catch((error: Error) => checked.destroy(error)),
    (error: Error) => checked.destroy(error),
  );
  // A page opens the next file while it reads one: an error before its reader listens must not end the process. The reader still gets it.
  checked.on('error', () => undefined);
  return checked;
}
