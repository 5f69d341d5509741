import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../shared/clients/s3.js';
import { deps, type Deps } from '../shared/context.js';
import { requestFor } from '../shared/tasks.js';

/** Workflow step: deletes the archive once its download link has expired (the bucket's lifecycle is the backstop). */
export async function deleteArchive(input: { requestId: string }, d: Deps, s3 = s3Client()): Promise<void> {
  const request = await requestFor(d, input.requestId);
  if (request.archive) await s3.send(new DeleteObjectCommand({ Bucket: d.config.archiveBucket, Key: request.archive.key }));
  await d.audit.append({ requestId: request.requestId, at: d.now().toISOString(), actor: 'system', event: 'archive_deleted' });
}

export const handler = (input: { requestId: string }) => deleteArchive(input, deps());
