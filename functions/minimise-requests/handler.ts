import { deps, type Deps } from '../shared/context.js';
import { logged } from '../shared/logger.js';

/** Requests minimised per run at most; the next run (an hour later) takes the rest. */
const BATCH = 200;

/**
 * Scheduled job (hourly on AWS, on the simulated clock in the twin): the personal data of
 * requests closed more than `dsr:minimiseAfterDays` ago is minimised. What names the
 * learner goes; the proof stays: a hash of the address, times, outcome, what each system
 * did, and the audit trail.
 */
export async function minimiseRequests(d: Deps): Promise<{ minimised: number }> {
  const now = d.now();
  let minimised = 0;
  for (const requestId of await d.requests.dueForMinimising(now, BATCH)) {
    if (!(await d.requests.minimise(requestId, now))) continue;
    minimised++;
    await d.audit.append({ requestId, at: now.toISOString(), actor: 'system', event: 'request_minimised' });
  }
  return { minimised };
}

export const handler = logged(() => minimiseRequests(deps()));
