import { s3Client } from '../shared/clients/s3.js';
import { deps, type Deps } from '../shared/context.js';
import { deleteRequestFiles } from '../shared/request-files.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { logged } from '../shared/logger.js';
import { requestFor } from '../shared/tasks.js';

/**
 * Workflow step: deletes what the request left in the bucket, its archive and any staged
 * exports, once the download link has expired or when the request failed or was
 * abandoned. The bucket's expiry rules are only the safety net (infra/lifecycle.ts).
 */
export async function deleteArchive(input: { requestId: string } & StepInput, d: Deps, s3 = s3Client()): Promise<void> {
  const request = await requestFor(d, input.requestId);
  await deleteRequestFiles(s3, d.config.archiveBucket, request.requestId);
  if (request.archive) await d.audit.append({ requestId: request.requestId, at: d.now().toISOString(), actor: 'system', event: 'archive_deleted', step: stepKey(input) });
}

export const handler = logged((input: { requestId: string } & StepInput) => deleteArchive(input, deps()));
