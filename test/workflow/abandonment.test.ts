import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, useSimulatedClock, type TestTwin } from '../support/twin.js';

/**
 * No gate waits for ever: a request still before the DPO `dsr:abandonAfterDays` after its
 * due date is closed as abandoned when its link is next renewed. The learner is told, the
 * execution fails (so the operator's alarm fires), and the deadline watch ends.
 */
useSimulatedClock(8 * 86_400); // eight simulated days a real second
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], verificationLinkHours: 720, decisionLinkDays: 7, abandonAfterDays: 3 });
});

describe('a request the DPO never decides', () => {
  it('is re-asked until long after its due date, then closed as abandoned, visibly', async () => {
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
    expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);

    const execution = await eventually(async () => twin.stepFunctions.list().find((e) => e.name === requestId));
    const done = await execution.done;
    expect(done).toMatchObject({ status: 'FAILED', error: 'RequestAbandoned' });
    expect(done.states.filter((s) => s === 'AskDpoToDecide').length).toBeGreaterThan(2); // renewed meanwhile
    expect(done.states.slice(-4)).toEqual(['CloseAsAbandoned', 'TellLearnerTheRequestWasAbandoned', 'DeleteWhatTheAbandonedRequestLeft', 'RequestAbandoned']);

    const request = (await twin.deps.requests.get(requestId))!;
    expect(request.status).toBe('abandoned');
    const told = await twin.mail.waitFor(email, 2);
    expect(told.subject).toBe('Your data protection request could not be answered');
    expect(told.text).toContain('supervisory authority');
    const events = async () => (await twin.deps.audit.list(requestId)).map((e) => e.event);
    expect(await events()).toContain('request_abandoned');

    // The watch ends at its next wake-up (an escalation already under way may land beside the abandonment), and nothing comes after.
    const watch = twin.stepFunctions.list().find((e) => e.name === `${requestId}-deadline`)!;
    expect((await watch.done).status).toBe('SUCCEEDED');
    const escalations = (await events()).filter((e) => e === 'deadline_escalated').length;
    await new Promise((r) => setTimeout(r, 1_000)); // eight simulated days
    expect((await events()).filter((e) => e === 'deadline_escalated')).toHaveLength(escalations);
  }, 60_000);
});
