import { randomBytes, randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { isRecipientsKey, recipientsKey, validateCommunicationTexts, type Communication } from '../shared/communication.js';
import { notificationDeadline, viewOf, type Breach } from '../shared/breach.js';
import { recordBreach } from '../shared/breach-recording.js';
import { validateBreachFacts, validateNotification } from '../shared/breach-validation.js';
import { s3Client, s3UploadsClient } from '../shared/clients/s3.js';
import { sesClient } from '../shared/clients/ses.js';
import { sfnClient } from '../shared/clients/sfn.js';
import { deps, type Deps } from '../shared/context.js';
import { executionArn } from '../shared/executions.js';
import { messages } from '../shared/i18n.js';
import { logger } from '../shared/logger.js';
import { sendLetter } from '../shared/mail.js';
import { linkUrl } from '../shared/tasks.js';
import { validateReason } from '../shared/validation.js';
import { AdminError, adminErrors, breachOf, callerOf, fieldError, jsonBody, ok } from '../shared/web/admin-api.js';
import { jsonResponse, type ApiEvent, type ApiResult } from '../shared/web/http.js';

/** POST /admin/breaches: records a breach in the register and starts its 72-hour clock (shared/breach-recording.ts). */
export async function openBreach(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  const now = d.now();
  const checked = validateBreachFacts(jsonBody(event), now);
  if (!checked.ok) throw fieldError(checked.problems, { awareAt: 'an ISO 8601 time with its zone, not in the future', occurredAt: 'an ISO 8601 time with its zone, before awareness', risk: 'none, risk or high', nature: 'a list of confidentiality, integrity, availability' });
  const breach = await recordBreach(randomUUID(), checked.value, { actor: 'operator', by: callerOf(event) }, d);
  return jsonResponse(201, { breach: viewOf(breach, now) });
}

/** Stops a breach's clock, best effort: a clock whose breach is no longer open ends silently at its next step anyway. */
async function stopClock(breach: Breach, cause: string, d: Deps<'sfn'>): Promise<void> {
  await d.sfn
    .send(new StopExecutionCommand({ executionArn: executionArn(d.config.breachStateMachineArn!, breach.clock ?? breach.breachId), cause }))
    .catch((error: Error) => error.name === 'ExecutionDoesNotExist' || logger.warn('a breach clock was not stopped; it ends at its next step', { breachId: breach.breachId, error: error.name }));
}

/** How long the upload address of the recipients' CSV works. */
const UPLOAD_SECONDS = 600;

const changedMeanwhile = (breach: Breach) => new AdminError(409, `Breach ${breach.breachId} changed meanwhile: nothing was recorded; look at it again and retry.`);

/**
 * POST /admin/breaches/{id}/notify `{ phase, reference, at?, delayReason? }`: records a
 * notification to the authority (Art. 33(4): the initial one stops the clock; follow-ups
 * after it). An initial notification after 72 hours needs the reasons for the delay.
 */
export async function recordNotification(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  const body = jsonBody(event);
  const breach = await breachOf(event, d);
  const now = d.now();
  // A follow-up comes after the initial notification.
  const initialAt = body.phase === 'follow-up' ? breach.notifications.find((n) => n.phase === 'initial')?.at : undefined;
  const checked = validateNotification(body, now, breach.awareAt, initialAt ?? breach.awareAt);
  if (!checked.ok) throw fieldError(checked.problems, { phase: 'initial or follow-up', at: 'an ISO 8601 time with its zone, after awareness (and the initial notification) and not in the future' });
  const { phase, reference, at, delayReason } = checked.value;
  if (breach.state === 'not_notified') throw new AdminError(409, `Breach ${breach.breachId} was recorded as needing no notification (${breach.noNotification?.reason}).`);
  const initial = breach.notifications.find((n) => n.phase === 'initial');
  if (phase === 'initial' && initial) throw new AdminError(409, `Breach ${breach.breachId} has its initial notification (${initial.reference}, ${initial.at}): record a follow-up.`);
  if (phase === 'follow-up' && !initial) throw new AdminError(409, `Breach ${breach.breachId} has no initial notification yet: record it first.`);
  const late = phase === 'initial' && at > notificationDeadline(breach.awareAt);
  if (late && !delayReason) throw new AdminError(400, 'delayReason is required: the authority was notified after 72 hours (Art. 33(1)).', 'delayReason');
  const notification = { phase, at: at.toISOString(), reference, ...(late && delayReason ? { delayReason } : {}), recordedAt: now.toISOString() };
  const changes = { notifications: [...breach.notifications, notification], state: 'notified' as const };
  const entry = { requestId: breach.breachId, at: now.toISOString(), actor: 'operator' as const, event: phase === 'initial' ? 'authority_notified' : 'authority_follow_up', detail: { reference, notifiedAt: notification.at, ...(notification.delayReason ? { delayReason: notification.delayReason } : {}), by: callerOf(event) } };
  if (!(await d.breaches.change(breach, changes, d.audit, entry))) throw changedMeanwhile(breach);
  if (phase === 'initial') await stopClock(breach, 'the authority was notified', d);
  return ok({ breach: viewOf({ ...breach, ...changes, revision: breach.revision + 1 }, now) });
}

/**
 * POST /admin/breaches/{id}/no-notification `{ reason }`: the DPO's decision that the
 * breach is unlikely to result in a risk to the people (Art. 33(1)), with the reason the
 * register keeps (Art. 33(5)). It stops the clock.
 */
export async function recordNoNotification(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  const checked = validateReason(jsonBody(event));
  if (!checked.ok) throw fieldError(checked.problems);
  const breach = await breachOf(event, d);
  if (breach.state !== 'open') throw new AdminError(409, `Breach ${breach.breachId} is ${breach.state === 'notified' ? 'notified already' : 'recorded as needing no notification already'}.`);
  const now = d.now();
  const changes = { state: 'not_notified' as const, noNotification: { reason: checked.value.reason, at: now.toISOString() } };
  const entry = { requestId: breach.breachId, at: now.toISOString(), actor: 'operator' as const, event: 'no_notification_due', detail: { reason: checked.value.reason, by: callerOf(event) } };
  if (!(await d.breaches.change(breach, changes, d.audit, entry))) throw changedMeanwhile(breach);
  await stopClock(breach, 'no notification is due', d);
  return ok({ breach: viewOf({ ...breach, ...changes, revision: breach.revision + 1 }, now) });
}

/** How long the DPO's link to the form that records a breach works. */
const FORM_LINK_SECONDS = 24 * 3600;

/**
 * POST /admin/breaches/form-link: emails the DPO a link to a page that records a breach
 * (functions/breach-form), for a DPO who works from the mailbox rather than the command line.
 */
export async function emailFormLink(event: ApiEvent, d: Deps<'ses'>): Promise<ApiResult> {
  jsonBody(event);
  const now = d.now();
  const link = await d.links.issue({ purpose: 'breach', requestId: randomUUID(), issuedAt: now, expiresAt: new Date(now.getTime() + FORM_LINK_SECONDS * 1000) });
  const locale = d.config.languages[0];
  const t = messages[locale];
  await sendLetter(d.ses, d.config.mail, d.config.mail.dpo, {
    locale,
    subject: t.breachForm.linkSubject,
    paragraphs: [t.breachForm.link],
    link: { intro: t.breachForm.linkIntro, url: linkUrl(d.config.publicBaseUrl, 'breaches', link.token), note: t.dpo.linkWorksUntil(t.dateTime(link.expiresAt, d.config.calendar.timeZone)) },
  });
  return ok({ sentTo: d.config.mail.dpo, expiresAt: link.expiresAt });
}

/** A communication can be asked for before any, or after one ended unsent (lapsed unapproved, or its addresses unreadable). */
const canAskCommunication = (breach: Breach) => !breach.communication || ['expired', 'failed'].includes(breach.communication.state);

/**
 * POST /admin/breaches/{id}/recipients: where to upload the CSV of the affected
 * addresses (`email` or `email,language` per line): a presigned PUT to the product's
 * bucket, valid ten minutes. Too large for the API itself (about 30 bytes an address).
 */
export async function recipientsUpload(event: ApiEvent, d: Deps, uploads = s3UploadsClient()): Promise<ApiResult> {
  jsonBody(event);
  const breach = await breachOf(event, d);
  if (!canAskCommunication(breach)) throw new AdminError(409, `Breach ${breach.breachId} has a communication under way (${breach.communication!.state}).`);
  const key = recipientsKey(breach.breachId, randomBytes(8).toString('hex'));
  const url = await getSignedUrl(uploads, new PutObjectCommand({ Bucket: d.config.archiveBucket, Key: key, ContentType: 'text/csv' }), { expiresIn: UPLOAD_SECONDS });
  return ok({ key, url, contentType: 'text/csv', expiresAt: new Date(d.now().getTime() + UPLOAD_SECONDS * 1000).toISOString() });
}

/**
 * POST /admin/breaches/{id}/communication `{ recipients: <key of the upload>, texts: { <language>: { subject, body } } }`:
 * the message to the people concerned (Art. 34), in every offered language, to the
 * addresses uploaded. Its workflow reads them and asks the DPO to approve the message.
 */
export async function askCommunication(event: ApiEvent, d: Deps<'sfn'>, s3 = s3Client()): Promise<ApiResult> {
  const body = jsonBody(event);
  const checked = validateCommunicationTexts(body, d.config.languages);
  if (!checked.ok) throw fieldError(checked.problems);
  const breach = await breachOf(event, d);
  if (!isRecipientsKey(breach.breachId, body.recipients)) throw new AdminError(400, 'recipients is not valid: the key the upload answered (POST …/recipients).', 'recipients');
  const source = body.recipients;
  if (!canAskCommunication(breach)) throw new AdminError(409, `Breach ${breach.breachId} has a communication under way (${breach.communication!.state}).`);
  try {
    await s3.send(new HeadObjectCommand({ Bucket: d.config.archiveBucket, Key: source }));
  } catch (error) {
    if ((error as Error).name === 'NotFound') throw new AdminError(409, `Breach ${breach.breachId} has no list of addresses yet: upload it first (POST …/recipients).`);
    throw error;
  }
  const now = d.now();
  // Named apart from any other ask (two at once each start their own; the loser stops only its own).
  const execution = `${breach.breachId}-c${breach.revision}-${randomBytes(3).toString('hex')}`;
  const communication: Communication = { state: 'preparing', texts: checked.value, requestedAt: now.toISOString(), source, execution, list: execution };
  // The workflow first (its first step waits for this write); if the write fails, it is stopped.
  const started = await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.config.communicationStateMachineArn!, name: execution, input: JSON.stringify({ breachId: breach.breachId, execution, approvalSeconds: d.config.linkLifetimes.decisionSeconds }) }));
  const written = await d.breaches.change(breach, { communication }, d.audit, { requestId: breach.breachId, at: now.toISOString(), actor: 'operator', event: 'communication_asked', detail: { languages: Object.keys(checked.value).join(','), by: callerOf(event) } }).catch(() => false);
  if (!written) {
    await d.sfn.send(new StopExecutionCommand({ executionArn: started.executionArn, cause: 'the communication could not be recorded' })).catch(() => undefined);
    throw changedMeanwhile(breach);
  }
  return jsonResponse(202, { breach: viewOf({ ...breach, communication, revision: breach.revision + 1 }, now) });
}

/**
 * POST /admin/breaches/{id}/communication/resume: a sending that was interrupted (its
 * workflow stopped, failed, or lost with the twin) starts again where it was: only the
 * addresses still pending are written to.
 */
export async function resumeCommunication(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  jsonBody(event);
  const breach = await breachOf(event, d);
  const communication = breach.communication;
  if (communication?.state !== 'sending') throw new AdminError(409, `Breach ${breach.breachId} has no sending to resume${communication ? ` (${communication.state})` : ''}.`);
  const running = await d.sfn
    .send(new DescribeExecutionCommand({ executionArn: executionArn(d.config.communicationStateMachineArn!, communication.execution) }))
    .then((e) => e.status === 'RUNNING')
    .catch((error: Error) => (error.name === 'ExecutionDoesNotExist' ? false : Promise.reject(error)));
  if (running) throw new AdminError(409, `Breach ${breach.breachId}'s sending is running: nothing to resume.`);
  const now = d.now();
  const execution = `${breach.breachId}-r${breach.revision}-${randomBytes(3).toString('hex')}`;
  const resumed: Communication = { ...communication, execution, resumes: (communication.resumes ?? 0) + 1 };
  if (!(await d.breaches.change(breach, { communication: resumed }, d.audit, { requestId: breach.breachId, at: now.toISOString(), actor: 'operator', event: 'communication_resumed', detail: { by: callerOf(event) } }))) throw changedMeanwhile(breach);
  await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.config.communicationStateMachineArn!, name: execution, input: JSON.stringify({ breachId: breach.breachId, execution, resume: true }) }));
  return jsonResponse(202, { breach: viewOf({ ...breach, communication: resumed, revision: breach.revision + 1 }, now) });
}

const ROUTES: Record<string, (event: ApiEvent, d: Deps<'ses' | 'sfn'>) => Promise<ApiResult>> = {
  '/admin/breaches': openBreach,
  '/admin/breaches/form-link': emailFormLink,
  '/admin/breaches/{id}/recipients': recipientsUpload,
  '/admin/breaches/{id}/communication': askCommunication,
  '/admin/breaches/{id}/communication/resume': resumeCommunication,
  '/admin/breaches/{id}/notify': recordNotification,
  '/admin/breaches/{id}/no-notification': recordNoNotification,
};

/** One function for the admin API's changes to the breach register, routed by API Gateway's resource. */
export async function adminBreachActions(event: ApiEvent, d: Deps<'ses' | 'sfn'>): Promise<ApiResult> {
  const route = ROUTES[event.resource];
  if (!route) throw new AdminError(404, 'No such route.');
  return route(event, d);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(adminErrors())
  .handler((event) => adminBreachActions(event, deps({ ses: sesClient(), sfn: sfnClient() })));
