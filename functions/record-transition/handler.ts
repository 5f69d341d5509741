import { deps, type Deps } from '../shared/context.js';
import type { Actor } from '../shared/store/audit.js';
import type { RequestStatus } from '../shared/store/requests.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { logged } from '../shared/logger.js';
import { requestFor } from '../shared/tasks.js';

export interface TransitionInput extends StepInput {
  requestId: string;
  status: RequestStatus;
  event: string;
  actor: Actor;
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Workflow step: moves the request to a new status and appends the step to the audit
 * trail, in one transaction. Returns the status so that the state machine can branch on it.
 */
export async function recordTransition(input: TransitionInput, d: Deps): Promise<{ status: RequestStatus }> {
  const request = await requestFor(d, input.requestId);
  const detail = Object.fromEntries(Object.entries(input.detail ?? {}).filter(([, v]) => v !== null && v !== undefined)) as Record<string, string | number | boolean>;
  await d.requests.transition(request, input.status, d.audit, {
    requestId: request.requestId,
    at: d.now().toISOString(),
    actor: input.actor,
    event: input.event,
    step: stepKey(input),
    ...(Object.keys(detail).length ? { detail } : {}),
  });
  return { status: input.status };
}

export const handler = logged((input: TransitionInput) => recordTransition(input, deps()));
