import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { Deps } from './context.js';
import { LinkError } from './errors.js';
import { logger } from './logger.js';
import type { LinkPurpose, LinkRecord } from './store/link-tokens.js';
import { CLOSED_STATUSES } from './store/requests.js';

/** Errors by which Step Functions says the waiting step is gone (timed out or ended). */
const STEP_GONE = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Uses a link once: marks it used, keeps what the answer writes on the request, then
 * resumes the workflow step it stands for with `output`. When the step has already timed
 * out the link counts as expired; when Step Functions cannot be reached the link is given
 * back so that the person can try again.
 */
export async function resumeWithLink(
  deps: Deps<'sfn'>,
  token: string,
  purpose: LinkPurpose | LinkPurpose[],
  output: Record<string, unknown>,
  /** What the answer writes on the request: done once the link is ours, before the workflow goes on. */
  keep?: () => Promise<void>,
): Promise<LinkRecord> {
  return resumeStep(deps, await deps.links.consume(token, purpose, deps.now()), output, keep);
}

/** Resumes the step a link consumed by the caller stands for, as `resumeWithLink` does. */
export async function resumeStep(deps: Deps<'sfn'>, record: LinkRecord, output: Record<string, unknown>, keep?: () => Promise<void>): Promise<LinkRecord> {
  if (!record.taskToken) throw new LinkError('unknown', { requestId: record.requestId });
  try {
    await keep?.();
    await deps.sfn.send(new SendTaskSuccessCommand({ taskToken: record.taskToken, output: JSON.stringify(output) }));
  } catch (error) {
    const name = (error as Error).name;
    if (STEP_GONE.has(name) && !(await mayBeRetried(deps, record))) throw new LinkError('expired', { cause: error, requestId: record.requestId });
    if (!STEP_GONE.has(name)) logger.error('could not resume the workflow', { requestId: record.requestId, purpose: record.purpose, error: { name, message: (error as Error).message } });
    await deps.links.release(record);
    throw new LinkError('unavailable', { cause: error, requestId: record.requestId });
  }
  return record;
}

/**
 * Whether the step an emailed link stands for may be waiting again soon: its token is gone,
 * but the link has not expired and the request is open. That is a step failed after its
 * email and not yet retried; its retry points the link at its own token within seconds, so
 * the person is asked to try again rather than told the link expired. (A callback address
 * is not re-pointed: each attempt gives the system a new one.)
 */
async function mayBeRetried(deps: Deps, record: LinkRecord): Promise<boolean> {
  if (record.purpose === 'callback' || Date.parse(record.expiresAt) <= deps.now().getTime()) return false;
  const request = await deps.requests.get(record.requestId);
  return !!request && !CLOSED_STATUSES.includes(request.status);
}
