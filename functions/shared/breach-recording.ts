import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { Breach, BreachFacts } from './breach.js';
import type { Deps } from './context.js';
import type { Actor } from './store/audit.js';

/**
 * Records a breach in the register and starts its 72-hour clock
 * (statemachines/breach.asl.json), which runs from awareness, not from now. The clock
 * first, as a request's watch: no breach is recorded unwatched; if the record cannot be
 * written (another has this id already: a form sent twice), the clock is stopped and the
 * error goes to the caller.
 */
export async function recordBreach(breachId: string, facts: BreachFacts, who: { actor: Actor; by?: string }, d: Deps): Promise<Breach> {
  const now = d.now();
  const breach: Breach = { breachId, openedAt: now.toISOString(), state: 'open', notifications: [], revision: 0, ...facts, contact: facts.contact ?? d.config.mail.dpo };
  const clock = await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.config.breachStateMachineArn!, name: breachId, input: JSON.stringify({ breachId }) }));
  try {
    await d.breaches.open(breach, d.audit, { requestId: breachId, at: breach.openedAt, actor: who.actor, event: 'breach_opened', detail: { awareAt: breach.awareAt, risk: breach.risk, ...(who.by ? { by: who.by } : {}) } });
  } catch (error) {
    await d.sfn.send(new StopExecutionCommand({ executionArn: clock.executionArn, cause: 'the breach could not be recorded' })).catch(() => undefined);
    throw error;
  }
  return breach;
}
