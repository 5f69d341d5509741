import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, fileRequest, linkIn, post, startTestTwin, useSimulatedClock, type TestTwin } from '../support/twin.js';

/**
 * What a request costs in Step Functions: a standard workflow is billed by state
 * transition. An access request on the demo platform, from the form to the archive's
 * deletion, counted on the local interpreter running the real ASL file, with the deadline
 * watch beside it. docs/operations.md quotes the figures; this test prints them
 * (`npx vitest run test/workflow/state-transitions.test.ts`) and fails when they change.
 */
useSimulatedClock(86_400); // the one-day download link passes in a second
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'], autoRelease: ['access'], downloadLinkDays: 1, verificationLinkHours: 720, decisionLinkDays: 30 }, { demo: true, ownMailbox: true });
});

describe('an access request on the demo platform', () => {
  it('takes the state transitions the docs quote', async () => {
    const email = 'ada@example.org';
    const { requestId } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
    expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
    const decision = await eventually(async () => (await twin.mail.to('dpo@school.example')).find((m) => m.text.includes(requestId) && /to decide/.test(m.subject)));
    expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);

    const request = await twin.stepFunctions.list().find((e) => e.name === requestId)!.done;
    expect(request.status).toBe('SUCCEEDED');
    console.log(`request workflow: ${request.states.length} transitions: ${request.states.join(' ')}`);
    // The watch ends at its next wake-up (the first reminder, some twenty simulated days on).
    const watch = await eventually(async () => twin.stepFunctions.list().find((e) => e.name === `${requestId}-deadline` && e.status !== 'RUNNING'), 45_000, 'the deadline watch to end');
    console.log(`deadline watch: ${watch.states.length} transitions: ${watch.states.join(' ')}`);
    // 23 + 3 per system (asked whether it knows the learner, then a choice and an export) + 1 per system answering
    // through a callback: the demo's ten systems, one of them (the video platform) by callback.
    expect(request.states).toHaveLength(23 + 3 * 10 + 1);
    // A plan, then the first reminder's wait finds the request answered and ends the watch (the local
    // interpreter enters the next iteration's wait before the Map stops; AWS stops at 7).
    expect(watch.states.slice(0, 6)).toEqual(['PlanTheReminders', 'RemindTheDpoBeforeTheDueDate', 'WaitForTheReminder', 'SendTheReminder', 'IsTheRequestStillWatched', 'TheWatchIsOver']);
    expect(watch.states.at(-1)).toBe('WatchEnded');
    expect(watch.states.length).toBeLessThanOrEqual(8);
  }, 90_000);
});
