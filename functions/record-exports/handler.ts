import type { ConnectorOutcome } from '../connectors/kit.js';
import { deps, type Deps } from '../shared/context.js';
import { withOutcomeTexts, withRoundLeftOut, type SystemRecord } from '../shared/store/requests.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { logged } from '../shared/logger.js';
import { count } from '../shared/metrics.js';
import { requestFor } from '../shared/tasks.js';

/** A system as the export Map iterates over it. */
export interface SystemItem {
  name: string;
  functionName: string;
  async: boolean;
  callbackTimeoutSeconds: number;
}

export interface ExportsInput extends StepInput {
  requestId: string;
  /** The systems this round of exports asked. */
  pending: SystemItem[];
  outcomes?: ConnectorOutcome[];
  /** Given when the DPO chose to go on without the still-pending systems. */
  skipReason?: string;
}

export interface ExportsCheck {
  pending: SystemItem[];
  failedCount: number;
}

/**
 * Workflow step: records each system's export; answers which systems failed (to retry or
 * leave out), or, with `skipReason`, records that the DPO went on without them.
 */
export async function recordExports(input: ExportsInput, d: Deps): Promise<ExportsCheck> {
  const request = await requestFor(d, input.requestId);
  const systems: Record<string, SystemRecord> = { ...(request.systems ?? {}) };
  const at = d.now().toISOString();
  const step = stepKey(input);
  if (input.skipReason !== undefined) {
    for (const item of input.pending) systems[item.name] = { ...systems[item.name], export: 'skipped' };
    const round = { step, operation: 'export', systems: input.pending.map((p) => p.name), reason: input.skipReason };
    await d.requests.save(request.requestId, { systems, leftOut: withRoundLeftOut(request, round) });
    await d.audit.append({ requestId: request.requestId, at, actor: 'dpo', event: 'systems_left_out', step, detail: { systems: input.pending.map((p) => p.name).join(','), reason: input.skipReason } });
    return { pending: [], failedCount: 0 };
  }
  const outcomes = input.outcomes ?? [];
  for (const o of outcomes) {
    systems[o.connector] = { ...withOutcomeTexts(systems[o.connector], o), export: o.status, fileCount: o.fileCount ?? 0, bytes: o.bytes ?? 0 };
  }
  const failed = new Set(outcomes.filter((o) => o.status === 'failed').map((o) => o.connector));
  count('ExportsFailed', failed.size);
  if (request.status === 'approved') {
    await d.requests.transition(request, 'exporting', d.audit, { requestId: request.requestId, at, actor: 'system', event: 'export_started', step });
  }
  await d.requests.save(request.requestId, { systems });
  await d.audit.append({
    requestId: request.requestId,
    at,
    actor: 'system',
    event: 'systems_exported',
    step,
    detail: { done: outcomes.filter((o) => o.status !== 'failed').map((o) => o.connector).join(','), failed: [...failed].join(',') },
  });
  const pending = input.pending.filter((item) => failed.has(item.name));
  return { pending, failedCount: pending.length };
}

export const handler = logged((input: ExportsInput) => recordExports(input, deps()));
