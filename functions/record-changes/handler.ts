import type { ChangeOperation, ConnectorOutcome } from '../connectors/kit.js';
import type { SystemItem } from '../record-exports/handler.js';
import { deps, type Deps } from '../shared/context.js';
import { withOutcomeTexts, withRoundLeftOut, type SystemRecord } from '../shared/store/requests.js';
import { stepKey, type StepInput } from '../shared/step.js';
import { logged } from '../shared/logger.js';
import { requestFor } from '../shared/tasks.js';

export interface ChangesInput extends StepInput {
  requestId: string;
  operation: ChangeOperation | 'verify';
  /** The systems this round asked. */
  pending: SystemItem[];
  /** Every system that carries out this change: where data left behind is looked for, whichever round found it. */
  changing?: SystemItem[];
  outcomes?: ConnectorOutcome[];
  /** Given when the DPO went on without the still-failing systems. */
  skipReason?: string;
  /** Given when the DPO closed an erasure with data left in `pending`. */
  dataLeftReason?: string;
  /** Given when the DPO confirmed the work done by hand in these systems (the notes are on the request). */
  byHand?: string[];
}

export interface ChangesCheck {
  /** Systems that failed, to retry or leave out. */
  pending: SystemItem[];
  failedCount: number;
  /** Systems that cannot do it themselves and know the learner: the DPO's to-dos. */
  manualCount: number;
  /** verify: systems where data is left that no retention rule covers, to erase again. */
  leftBehind: SystemItem[];
  remainingCount: number;
}

const EVENTS: Record<ChangesInput['operation'], string> = {
  erase: 'systems_erased',
  verify: 'erasure_verified',
  rectify: 'systems_rectified',
  restrict: 'systems_restricted',
  lift: 'restrictions_lifted',
};

/**
 * Workflow step after each round of changes in the systems: records what each system did
 * (erased, kept, corrected, flagged, failed), marks the to-dos of systems that cannot do
 * it themselves, and answers what is left to deal with. Also records the DPO's notes on
 * work done by hand, and a decision to go on without some systems.
 */
export async function recordChanges(input: ChangesInput, d: Deps): Promise<ChangesCheck> {
  const request = await requestFor(d, input.requestId);
  const { operation } = input;
  const systems: Record<string, SystemRecord> = { ...(request.systems ?? {}) };
  const at = d.now().toISOString();
  const step = stepKey(input);
  const nothingLeft: ChangesCheck = { pending: [], failedCount: 0, manualCount: 0, leftBehind: [], remainingCount: 0 };

  if (input.byHand) {
    for (const name of input.byHand) systems[name] = { ...systems[name], [operation]: 'done_by_hand' };
    await d.requests.save(request.requestId, { systems });
    await d.audit.append({ requestId: request.requestId, at, actor: 'dpo', event: 'done_by_hand', step, detail: { operation, systems: input.byHand.join(',') } });
    return nothingLeft;
  }
  if (input.dataLeftReason !== undefined) {
    await d.requests.save(request.requestId, { dataLeftReason: input.dataLeftReason, outcome: 'incomplete' });
    await d.audit.append({ requestId: request.requestId, at, actor: 'dpo', event: 'erasure_closed_with_data_left', step, detail: { systems: input.pending.map((p) => p.name).join(','), reason: input.dataLeftReason } });
    return nothingLeft;
  }
  if (input.skipReason !== undefined) {
    for (const item of input.pending) systems[item.name] = { ...systems[item.name], [operation]: 'skipped' };
    const round = { step, operation, systems: input.pending.map((p) => p.name), reason: input.skipReason };
    await d.requests.save(request.requestId, { systems, leftOut: withRoundLeftOut(request, round), outcome: 'incomplete' });
    await d.audit.append({ requestId: request.requestId, at, actor: 'dpo', event: 'systems_left_out', step, detail: { operation, systems: input.pending.map((p) => p.name).join(','), reason: input.skipReason } });
    return nothingLeft;
  }

  const outcomes = input.outcomes ?? [];
  for (const o of outcomes) {
    const record = withOutcomeTexts(systems[o.connector], o);
    // A system that knew the learner and now finds nothing was erased (by an earlier attempt of a retried step, say).
    const status = operation === 'erase' && o.status === 'not_found' && record.lookup === 'done' ? 'done' : o.status;
    const counts = Object.fromEntries((['erased', 'anonymised', 'changed', 'remaining'] as const).filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
    systems[o.connector] = { ...record, [operation]: status, ...counts };
  }
  // Systems that cannot do it themselves, for a learner they know (or could not be asked about): a to-do each, once.
  if (operation !== 'verify') {
    for (const system of d.config.systems) {
      const record = systems[system.name] ?? {};
      const does = system.does[operation];
      if (does === 'auto' || record[operation] === 'done_by_hand' || record[operation] === 'skipped') continue;
      // The DPO ticked it on the rectification page: it needs correcting by hand this time.
      const ticked = operation === 'rectify' && request.rectification?.byHand?.includes(system.name);
      if (record.lookup === 'not_found') systems[system.name] = { ...record, [operation]: 'not_found' };
      else systems[system.name] = { ...record, [operation]: does === 'manual' || ticked ? 'manual' : 'not_applicable' };
    }
  }
  let roundAt = at;
  if (!['in_progress', 'answered'].includes(request.status)) {
    await d.requests.transition(request, 'in_progress', d.audit, { requestId: request.requestId, at, actor: 'system', event: 'changes_started', step, detail: { operation } });
    // The trail sorts by time: the round's entry comes after the status change it follows, even in the same millisecond.
    roundAt = new Date(Date.parse(at) + 1).toISOString();
  }
  await d.requests.save(request.requestId, { systems });
  const names = (test: (o: ConnectorOutcome) => boolean) => outcomes.filter(test).map((o) => o.connector).join(',');
  await d.audit.append({
    requestId: request.requestId,
    at: roundAt,
    actor: 'system',
    event: EVENTS[operation],
    step,
    detail: { done: names((o) => o.status !== 'failed' && !o.remaining), failed: names((o) => o.status === 'failed'), ...(operation === 'verify' ? { dataLeft: names((o) => !!o.remaining) } : {}) },
  });
  const failed = new Set(outcomes.filter((o) => o.status === 'failed').map((o) => o.connector));
  const pending = input.pending.filter((item) => failed.has(item.name));
  // From the saved state, not this round alone: a retried round asks only the systems that failed in it.
  const leftBehind = operation === 'verify' ? (input.changing ?? input.pending).filter((item) => systems[item.name]?.verify === 'partial') : [];
  return {
    pending,
    failedCount: pending.length,
    manualCount: Object.values(systems).filter((s) => s[operation] === 'manual').length,
    leftBehind,
    remainingCount: leftBehind.length,
  };
}

export const handler = logged((input: ChangesInput) => recordChanges(input, deps()));
