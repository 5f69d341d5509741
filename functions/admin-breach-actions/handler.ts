import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { notificationDeadline, viewOf, type Breach } from '../shared/breach.js';
import { validateBreachFacts, validateNotification } from '../shared/breach-validation.js';
import { deps, type Deps } from '../shared/context.js';
import { executionArn } from '../shared/executions.js';
import { logger } from '../shared/logger.js';
import { validateReason } from '../shared/validation.js';
import { AdminError, adminErrors, callerOf, fieldError, idOf, jsonBody, ok } from '../shared/web/admin-api.js';
import { jsonResponse, type ApiEvent, type ApiResult } from '../shared/web/http.js';

/**
 * POST /admin/breaches: records a breach in the register and starts its 72-hour clock
 * (statemachines/breach.asl.json), which runs from when the controller became aware, not
 * from now: a breach recorded late starts at the right point.
 */
export async function openBreach(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const now = d.now();
  const checked = validateBreachFacts(jsonBody(event), now);
  if (!checked.ok) throw fieldError(checked.problems, { awareAt: 'an ISO 8601 time with its zone, not in the future', occurredAt: 'an ISO 8601 time with its zone, before awareness', risk: 'none, risk or high', nature: 'a list of confidentiality, integrity, availability' });
  const breach: Breach = { breachId: randomUUID(), openedAt: now.toISOString(), state: 'open', notifications: [], revision: 0, ...checked.value, contact: checked.value.contact ?? d.config.mail.dpo };
  // The clock first, as a request's watch: no breach is recorded unwatched; if the record cannot be written, the clock is stopped.
  const clock = await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.config.breachStateMachineArn!, name: breach.breachId, input: JSON.stringify({ breachId: breach.breachId }) }));
  try {
    await d.breaches.open(breach, d.audit, { requestId: breach.breachId, at: breach.openedAt, actor: 'operator', event: 'breach_opened', detail: { awareAt: breach.awareAt, risk: breach.risk, by: callerOf(event) } });
  } catch (error) {
    await d.sfn.send(new StopExecutionCommand({ executionArn: clock.executionArn, cause: 'the breach could not be recorded' })).catch(() => undefined);
    throw error;
  }
  return jsonResponse(201, { breach: viewOf(breach, now) });
}

async function breachOf(event: ApiEvent, d: Deps): Promise<Breach> {
  const breachId = idOf(event, 'breach');
  const breach = await d.breaches.get(breachId);
  if (!breach) throw new AdminError(404, `No breach has the id ${breachId}.`, 'id');
  return breach;
}

/** Stops a breach's clock, best effort: a clock whose breach is no longer open ends silently at its next step anyway. */
async function stopClock(breach: Breach, cause: string, d: Deps): Promise<void> {
  await d.sfn
    .send(new StopExecutionCommand({ executionArn: executionArn(d.config.breachStateMachineArn!, breach.breachId), cause }))
    .catch((error: Error) => error.name === 'ExecutionDoesNotExist' || logger.warn('a breach clock was not stopped; it ends at its next step', { breachId: breach.breachId, error: error.name }));
}

const changedMeanwhile = (breach: Breach) => new AdminError(409, `Breach ${breach.breachId} changed meanwhile: nothing was recorded; look at it again and retry.`);

/**
 * POST /admin/breaches/{id}/notify `{ phase, reference, at?, delayReason? }`: records a
 * notification to the authority (Art. 33(4): the initial one stops the clock; follow-ups
 * after it). An initial notification after 72 hours needs the reasons for the delay.
 */
export async function recordNotification(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const body = jsonBody(event);
  const breach = await breachOf(event, d);
  const now = d.now();
  const checked = validateNotification(body, now, breach.awareAt);
  if (!checked.ok) throw fieldError(checked.problems, { phase: 'initial or follow-up', at: 'an ISO 8601 time with its zone, after awareness and not in the future' });
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
export async function recordNoNotification(event: ApiEvent, d: Deps): Promise<ApiResult> {
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

const ROUTES: Record<string, (event: ApiEvent, d: Deps) => Promise<ApiResult>> = {
  '/admin/breaches': openBreach,
  '/admin/breaches/{id}/notify': recordNotification,
  '/admin/breaches/{id}/no-notification': recordNoNotification,
};

/** One function for the admin API's changes to the breach register, routed by API Gateway's resource. */
export async function adminBreachActions(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const route = ROUTES[event.resource];
  if (!route) throw new AdminError(404, 'No such route.');
  return route(event, d);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(adminErrors())
  .handler((event) => adminBreachActions(event, deps()));
