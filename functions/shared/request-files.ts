import { DeleteObjectCommand, DeleteObjectsCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

/*
 * What a request leaves in the bucket, and its deletion: apart from the staging area's
 * writing (functions/connectors/staging.ts), so that the functions that only delete do not
 * bundle the uploads.
 */

/** Where a request's archive lies. */
export const archiveKey = (requestId: string) => `archives/${requestId}.zip`;

/** Deletes every object under `prefix`, a thousand at a time. */
export async function deleteUnder(s3: S3Client, bucket: string, prefix: string): Promise<void> {
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
  }
}

/** Deletes a request's whole staging area (`staging/<requestId>/`). */
export const deleteStagingArea = (s3: S3Client, bucket: string, requestId: string) => deleteUnder(s3, bucket, `staging/${requestId}/`);

/**
 * Deletes what a request put in the bucket: its staged exports and its archive. Harmless
 * when repeated (a retried step, a cancellation after a failure), and when there is none.
 */
export async function deleteRequestFiles(s3: S3Client, bucket: string, requestId: string): Promise<void> {
  await deleteStagingArea(s3, bucket, requestId);
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: archiveKey(requestId) }));
}
