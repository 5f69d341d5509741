import { randomBytes } from 'node:crypto';
import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { Breach, BreachFacts } from './breach.js';
import type { Deps } from './context.js';
import type { Actor } from './store/audit.js';

/**
 * Records a breach in the register and starts its 72-hour clock
 * (statemachines/breach.asl.json), which runs from awareness, not from now. The clock
 * first, as a request's watch: no breach is recorded unwatched. If the record cannot be
 * written, the clock is stopped, unless the write landed after all (the breach is there,
 * with this clock); each attempt's clock has a name of its own, so a retry can start again.
 */
export async function recordBreach(breachId: string, facts: BreachFacts, who: { actor: Actor; by?: string }, d: Deps<'sfn'>): Promise<Breach> {
  const now = d.now();
  const clock = `${breachId}-${randomBytes(3).toString('hex')}`;
  const breach: Breach = { breachId, openedAt: now.toISOString(), state: 'open', notifications: [], revision: 0, ...facts, contact: facts.contact ?? d.config.mail.dpo, clock };
  const started = await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.config.breachStateMachineArn!, name: clock, input: JSON.stringify({ breachId, awareAt: facts.awareAt }) }));
  try {
    await d.breaches.open(breach, d.audit, { requestId: breachId, at: breach.openedAt, actor: who.actor, event: 'breach_opened', detail: { awareAt: breach.awareAt, risk: breach.risk, ...(who.by ? { by: who.by } : {}) } });
  } catch (error) {
    if ((await d.breaches.get(breachId).catch(() => undefined))?.clock !== clock) {
      await d.sfn.send(new StopExecutionCommand({ executionArn: started.executionArn, cause: 'the breach could not be recorded' })).catch(() => undefined);
      throw error;
    }
  }
  return breach;
}
