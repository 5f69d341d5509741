import { beforeAll, describe, expect, it } from 'vitest';
import { STATES_OF_A_RESTRICTION_WITHOUT_SYSTEMS, STATES_TO_THE_GATE, fileRequest, linkIn, post, startTestTwin, uniqueAddress, type TestTwin } from '../support/twin.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ autoApprove: ['restriction'] });
});

describe('a right configured as auto-approved', () => {
  it('skips the DPO gate once the address is confirmed, and the audit trail says so', async () => {
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'restriction', locale: 'en', purposes: 'analytics' });
    const ack = await twin.mail.waitFor(email);
    expect((await post(linkIn(ack, 'verify'), {})).status).toBe(200);

    const execution = twin.stepFunctions.list().find((e) => e.name === requestId)!;
    const done = await execution.done;
    expect(done.states).toEqual([
      ...STATES_TO_THE_GATE,
      'RecordAutomaticApproval',
      ...STATES_OF_A_RESTRICTION_WITHOUT_SYSTEMS,
    ]);
    expect((await twin.deps.requests.get(requestId))!.status).toBe('answered');
    const trail = await twin.deps.audit.list(requestId);
    expect(trail.find((e) => e.event === 'request_approved_automatically')).toMatchObject({ actor: 'system', detail: { rule: 'autoApprove' } });
    // The DPO decides nothing; they only get the link to lift the restriction when its ground ends.
    expect((await twin.mail.to('dpo@school.example')).filter((m) => m.text.includes(requestId)).map((m) => m.subject)).toEqual(['Limitation en vigueur\u00a0: levez-la ici quand son motif prend fin']);
  });

  it('still puts other rights before the DPO', async () => {
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'erasure', locale: 'en' });
    expect(JSON.parse(twin.stepFunctions.list().find((e) => e.name === requestId)!.input).autoApproved).toBe(false);
  });
});
