import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '../../functions/connectors/kit.js';
import { TestHttpSystem } from '../support/http-system.js';
import { eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, type TestTwin } from '../support/twin.js';

/**
 * Every side effect of a step happens once, however often Step Functions retries the
 * step: here each step of a restriction does its work, then its Lambda's answer is lost
 * (a retryable error, as when Lambda fails after the function ran), and the workflow
 * retries it. The learner, the DPO and the recipients still get one email each, the
 * partner one call, the trail one entry per step; the links emailed by the first
 * attempts still resume the steps their retries wait as.
 */
const partner = new TestHttpSystem('secret-shared-with-the-partner', () => ({ status: 204 }));
const DPO = 'dpo@school.example';
const REGISTRAR = 'registrar@partner.example';

/** The steps of the request's workflow that are made to fail once, right after their function ran. */
const FAIL_ONCE = [
  'AcknowledgeAndWaitForAddressConfirmation',
  'RecordAddressConfirmed',
  'RecordWhoTheLearnerIs',
  'RecordWhichSystemsKnowTheLearner',
  'AskDpoToDecide',
  'RecordApproval',
  'RecordWhatEachSystemDid',
  'TellRecipients',
  'SendReceipt',
  'OfferTheDpoToLiftTheRestriction',
];
const invocations = new Map<string, number>();

let twin: TestTwin;
beforeAll(async () => {
  await partner.listen();
  twin = await startTestTwin(
    {
      languages: ['en'],
      recipients: [
        { name: 'Partner university', url: partner.url, secretName: 'dsr/partner' },
        { name: 'Registrar', email: REGISTRAR },
      ],
    },
    { secrets: { 'dsr/partner': partner.secret }, ownMailbox: true },
  );
  twin.stepFunctions.retryDelayMs = 10;
  twin.stepFunctions.interceptInvoke = async (state, invoke) => {
    const result = await invoke();
    const count = (invocations.get(state) ?? 0) + 1;
    invocations.set(state, count);
    if (FAIL_ONCE.includes(state) && count === 1) throw new TransientError(`${state}: the answer was lost`);
    return result;
  };
});
afterAll(() => partner.close());

/** Waits until the retry of `state` has run: a link clicked in between would name the failed attempt's task. */
const retried = (state: string) => eventually(async () => (invocations.get(state) === 2 ? true : undefined), 10_000, `${state} retried`);

describe('a restriction whose every step is retried after its side effect', () => {
  it('sends each email once, calls the partner once, writes each audit entry once, and its links still work', async () => {
    // Prepare
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'restriction', locale: 'en', purposes: 'marketing' });

    // Act: the links of the first attempts resume the retried waiting steps.
    const ack = await twin.mail.waitFor(email);
    await retried('AcknowledgeAndWaitForAddressConfirmation');
    expect((await post(linkIn(ack, 'verify'), {})).status).toBe(200);
    const decision = await eventually(async () => (await twin.mail.to(DPO)).find((m) => /to decide/.test(m.subject)), 20_000, 'the DPO asked');
    await retried('AskDpoToDecide');
    expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);
    const execution = await twin.stepFunctions.list().find((e) => e.name === requestId)!.done;

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    for (const state of FAIL_ONCE) expect(invocations.get(state), state).toBe(2);
    const learner = await twin.mail.to(email);
    expect(learner.map((m) => m.subject)).toEqual(['Your data protection request: please confirm your address', expect.stringMatching(/restriction/i)]);
    const dpo = (await twin.mail.to(DPO)).map((m) => m.subject);
    expect(dpo).toEqual([expect.stringMatching(/to decide/), expect.stringMatching(/Restriction in force/)]);
    expect(await twin.mail.to(REGISTRAR)).toHaveLength(1);
    expect(partner.calls.map((c) => c.operation)).toEqual(['notice']);
    const events = (await twin.deps.audit.list(requestId)).map((e) => e.event);
    expect(events).toEqual([
      'request_received',
      'acknowledgement_sent',
      'address_confirmed',
      'systems_looked_up',
      'systems_looked_up',
      'dpo_asked_to_decide',
      'request_approved',
      'changes_started',
      'systems_restricted',
      'recipient_told',
      'recipient_told',
      'receipt_sent',
      'dpo_offered_to_lift_restriction',
    ]);
    expect((await twin.deps.requests.get(requestId))?.status).toBe('answered');
  }, 60_000);
});
