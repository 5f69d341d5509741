import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, type TestTwin, useSimulatedClock } from '../support/twin.js';

// A simulated hour lasts a real second: a one-hour verification link expires at once.
useSimulatedClock(3600);

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ verificationLinkHours: 1 });
});

describe('a verification link that expires unused', () => {
  it('closes the request as unverified, tells the learner, and the link then changes nothing', async () => {
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
    const ack = await twin.mail.waitFor(email);
    const execution = await eventually(async () => twin.stepFunctions.list().find((e) => e.name === requestId));

    const done = await execution.done;
    expect(done.status).toBe('SUCCEEDED');
    expect(done.states).toEqual(['WhatDoesThisExecutionAnswer', 'AcknowledgeAndWaitForAddressConfirmation', 'CloseAsUnverified', 'TellLearnerRequestClosedUnverified', 'RequestClosed']);
    expect((await twin.deps.requests.get(requestId))!.status).toBe('closed_unverified');

    const closed = await twin.mail.waitFor(email, 2);
    expect(closed.subject).toBe('Your data protection request was closed');
    expect(closed.text).toContain('not confirmed in time');

    const link = linkIn(ack, 'verify');
    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Link expired');
    expect((await post(link, {})).status).toBe(410);
    expect((await twin.deps.audit.list(requestId)).map((e) => e.event)).toEqual(['request_received', 'acknowledgement_sent', 'address_not_confirmed', 'learner_notified']);
  });
});
