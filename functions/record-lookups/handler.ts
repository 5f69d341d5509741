import type { ConnectorOutcome } from '../connectors/kit.js';
import { deps, type Deps } from '../shared/context.js';
import { withOutcomeTexts, type SystemRecord } from '../shared/store/requests.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { logged } from '../shared/logger.js';
import { requestFor } from '../shared/tasks.js';

export interface LookupsInput extends StepInput {
  requestId: string;
  outcomes: ConnectorOutcome[];
}

/**
 * Workflow step: records which systems know the person (for the DPO's email) and the
 * identifiers they found (for the systems asked after them), and what retention would keep.
 */
export async function recordLookups(input: LookupsInput, d: Deps): Promise<void> {
  const request = await requestFor(d, input.requestId);
  const systems: Record<string, SystemRecord> = { ...(request.systems ?? {}) };
  const subject = { ...(request.subject ?? {}) };
  for (const outcome of input.outcomes) {
    systems[outcome.connector] = {
      // What an erasure would keep, for the DPO's erasure gate.
      ...withOutcomeTexts(systems[outcome.connector], outcome),
      lookup: outcome.status === 'done' ? 'done' : outcome.status === 'failed' ? 'failed' : 'not_found',
    };
    for (const [field, value] of Object.entries(outcome.identifiers ?? {})) if (field !== 'email') subject[field] ??= value;
  }
  await d.requests.save(request.requestId, { systems, subject });
  const names = (status: string) => input.outcomes.filter((o) => o.status === status).map((o) => o.connector).join(',');
  await d.audit.append({
    requestId: request.requestId,
    at: d.now().toISOString(),
    actor: 'system',
    event: 'systems_looked_up',
    step: stepKey(input),
    detail: { found: names('done'), notFound: names('not_found'), failed: names('failed') },
  });
}

export const handler = logged((input: LookupsInput) => recordLookups(input, deps()));
