import { S3Client } from '@aws-sdk/client-s3';
import { traced } from './traced.js';

let client: S3Client | undefined;
let uploads: S3Client | undefined;

// S3-compatible servers (the twin's) want path-style addresses.
const forcePathStyle = () => process.env.S3_FORCE_PATH_STYLE === 'true';

/** The process's S3 client, made at the first call. */
export function s3Client(): S3Client {
  client ??= traced(new S3Client({ forcePathStyle: forcePathStyle() }));
  return client;
}

/**
 * The S3 client that presigns uploads: with no checksum of its own, since there is no body
 * yet to sum (the default would sign the CRC32 of an empty body into the address, and S3
 * would refuse the file).
 */
export function s3UploadsClient(): S3Client {
  uploads ??= traced(new S3Client({ forcePathStyle: forcePathStyle(), requestChecksumCalculation: 'WHEN_REQUIRED' }));
  return uploads;
}
