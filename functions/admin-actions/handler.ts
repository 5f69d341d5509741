import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { s3Client } from '../shared/clients/s3.js';
import { sesClient } from '../shared/clients/ses.js';
import { sfnClient } from '../shared/clients/sfn.js';
import { deps, type Deps } from '../shared/context.js';
import { LinkError } from '../shared/errors.js';
import { executionArn } from '../shared/executions.js';
import { extendDeadline, extensionRefusal, stopDeadlineWatch } from '../shared/extension.js';
import { messages } from '../shared/i18n.js';
import { logger } from '../shared/logger.js';
import { sendLetter } from '../shared/mail.js';
import { deleteRequestFiles } from '../shared/request-files.js';
import { resumeStep } from '../shared/resume.js';
import { CLOSED_STATUSES, type DsrRequest } from '../shared/store/requests.js';
import { validateExtension, validateReason } from '../shared/validation.js';
import { AdminError, adminErrors, callerOf, fieldError, jsonBody, ok, idOf } from '../shared/web/admin-api.js';
import type { ApiEvent, ApiResult } from '../shared/web/http.js';

async function openRequest(event: ApiEvent, d: Deps): Promise<DsrRequest> {
  const requestId = idOf(event, 'request');
  const request = await d.requests.get(requestId);
  if (!request) throw new AdminError(404, `No request has the id ${requestId}.`, 'id');
  if (CLOSED_STATUSES.includes(request.status)) throw new AdminError(409, `Request ${requestId} is closed (${request.status}): nothing was done.`);
  return request;
}

/** POST /admin/requests/{id}/extend `{ months: 1 | 2, reason }`: Art. 12(3), only before the original due date, once. */
export async function extend(event: ApiEvent, d: Deps<'ses' | 'sfn'>): Promise<ApiResult> {
  const checked = validateExtension(jsonBody(event));
  if (!checked.ok) throw fieldError(checked.problems, { months: '1 or 2' });
  const request = await openRequest(event, d);
  const change = { ...checked.value, actor: 'operator' as const, by: callerOf(event) };
  const refusal = extensionRefusal(request, change, d.now(), d.config.calendar.timeZone);
  if (refusal === 'unconfirmed') throw new AdminError(409, `Request ${request.requestId} waits for the learner to confirm the address: nothing to extend yet.`);
  if (refusal === 'extended') throw new AdminError(409, `Request ${request.requestId} was already extended, to ${request.dueDate}: a deadline is extended once.`);
  if (refusal === 'late') throw new AdminError(409, `Request ${request.requestId} was due on ${request.dueDate}: an extension must be decided before the original due date passes.`);
  const extended = await extendDeadline(request, change, d);
  if (!extended) throw new AdminError(409, `Request ${request.requestId} was extended or closed meanwhile: a deadline is extended once.`);
  return ok({ requestId: request.requestId, ...extended, originalDueDate: request.extension?.originalDueDate ?? request.dueDate });
}

/** The gates whose answer can be "try the failed systems again": systems that failed, data left after an erasure. */
const RETRYABLE = ['attention', 'leftover'] as const;

/**
 * POST /admin/requests/{id}/retry: answers the gate waiting on failed systems (or on data
 * left after an erasure) with "try again", as the DPO's link would. The link is used up.
 */
export async function retry(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  jsonBody(event); // nothing to read, but a malformed body is still refused
  const request = await openRequest(event, d);
  const gate = request.currentGate?.gate;
  const notWaiting = new AdminError(409, `Request ${request.requestId} is not waiting on failed systems (${request.status}): nothing to retry.`);
  if (!gate || !(RETRYABLE as readonly string[]).includes(gate)) throw notWaiting;
  const at = d.now().toISOString();
  try {
    const link = await d.links.consumeHash(request.currentGate!.tokenHash, [...RETRYABLE], d.now());
    await resumeStep(d, link, { choice: 'retry', decidedAt: at });
  } catch (error) {
    if (error instanceof LinkError && error.problem === 'unavailable') throw new AdminError(503, 'The workflow could not be reached; nothing was changed. Try again.');
    if (error instanceof LinkError) throw notWaiting; // answered meanwhile, or the step ended
    throw error;
  }
  await d.audit.append({ requestId: request.requestId, at, actor: 'operator', event: 'retry_requested', detail: { gate, by: callerOf(event) } });
  return ok({ requestId: request.requestId, retried: gate });
}

/**
 * POST /admin/requests/{id}/cancel `{ reason }`: stops the request's workflow and closes
 * it as cancelled, with the reason, in the audit trail. A learner whose address was
 * confirmed is told, with the reason (a form filled in under someone else's address gets
 * no second email). Its staged exports and archive are deleted.
 */
export async function cancel(event: ApiEvent, d: Deps<'ses' | 'sfn'>, s3 = s3Client()): Promise<ApiResult> {
  const checked = validateReason(jsonBody(event));
  if (!checked.ok) throw fieldError(checked.problems);
  const request = await openRequest(event, d);
  // Stopped half-way, a change would leave some systems changed and the learner without a receipt.
  if (request.status === 'in_progress') throw new AdminError(409, `Request ${request.requestId} is being carried out in the systems: let the round end (it waits on the DPO or closes), then cancel.`);
  // While the systems export, their connectors write staged files after any deletion: cancel once the workflow waits on the DPO.
  const exporting = (request.status === 'approved' || request.status === 'exporting') && !(request.currentGate && (await d.links.isWaiting(request.currentGate.tokenHash, d.now())));
  if (exporting) throw new AdminError(409, `Request ${request.requestId} is being exported from the systems: let the round end (it waits on the DPO or builds the archive), then cancel.`);
  const { reason } = checked.value;
  // The workflow first: once stopped, it starts no step; one already running cannot move the request on after the closing (transition).
  await d.sfn.send(new StopExecutionCommand({ executionArn: executionArn(d.config.stateMachineArn!, request.requestId), cause: 'cancelled by an operator' })).catch((error: Error) => {
    if (error.name !== 'ExecutionDoesNotExist') throw error;
  });
  const at = d.now().toISOString();
  const closed = await d.requests.cancel(request, d.audit, { requestId: request.requestId, at, actor: 'operator', event: 'request_cancelled', detail: { reason, by: callerOf(event) } });
  if (!closed) {
    const now = await d.requests.get(request.requestId);
    throw new AdminError(409, now?.status === 'cancelled' ? `Request ${request.requestId} was cancelled meanwhile.` : `Request ${request.requestId} moved on meanwhile (${now?.status}): it was not cancelled; try again.`);
  }
  await stopDeadlineWatch(request.requestId, 'the request was cancelled', d);
  const learnerTold = request.status !== 'awaiting_verification' && (await tellLearner(request, reason, d));
  // The stopped workflow will not delete what it staged or built: the cancellation does (the bucket's expiry rules if this fails).
  await deleteRequestFiles(s3, d.config.archiveBucket, request.requestId).catch((error: Error) => logger.warn('the cancelled request\'s files were not deleted', { requestId: request.requestId, error: error.name }));
  return ok({ requestId: request.requestId, status: 'cancelled', learnerTold });
}

async function tellLearner(request: DsrRequest, reason: string, d: Deps<'ses'>): Promise<boolean> {
  const t = messages[request.locale];
  try {
    await sendLetter(d.ses, d.config.mail, request.email, {
      locale: request.locale,
      subject: t.mail.cancelledSubject,
      paragraphs: [t.mail.cancelled(t.rights[request.type])],
      facts: [[t.mail.rejectedReason, reason]],
      closing: [t.mail.rejectedRemedy],
    }, { requestId: request.requestId, reader: 'learner' });
  } catch (error) {
    // The cancellation stands; the operator is told that the learner was not, and writes to them.
    logger.warn('the learner was not told of the cancellation', { requestId: request.requestId, error: (error as Error).name });
    return false;
  }
  await d.audit.append({ requestId: request.requestId, at: d.now().toISOString(), actor: 'system', event: 'learner_notified', detail: { notice: 'cancelled' } });
  return true;
}

const ACTIONS: Record<string, (event: ApiEvent, d: Deps<'ses' | 'sfn'>) => Promise<ApiResult>> = {
  '/admin/requests/{id}/extend': extend,
  '/admin/requests/{id}/retry': retry,
  '/admin/requests/{id}/cancel': cancel,
};

/** One function for the admin API's actions, routed by API Gateway's resource. */
export async function adminActions(event: ApiEvent, d: Deps<'ses' | 'sfn'>): Promise<ApiResult> {
  const action = ACTIONS[event.resource];
  if (!action) throw new AdminError(404, 'No such action.');
  return action(event, d);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(adminErrors())
  .handler((event) => adminActions(event, deps({ ses: sesClient(), sfn: sfnClient() })));
