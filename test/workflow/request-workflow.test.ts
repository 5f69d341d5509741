import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_TO_THE_DPO, eventually, linkIn, post, startTestTwin, STATES_OF_AN_OBJECTION_WITHOUT_SYSTEMS, STATES_TO_THE_GATE, statusReached, type TestTwin, uniqueAddress } from '../support/twin.js';

/**
 * The request workflow: statemachines/dsr.asl.json run by the local interpreter with the
 * real handlers, driven from outside as the learner and the DPO would.
 */
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});

const dpo = 'dpo@school.example';

async function submit(email: string, type = 'access', locale = 'en', details?: string, purposes?: string[]) {
  const res = await post(`${twin.baseUrl}/requests`, JSON.stringify({ email, type, locale, ...(details ? { details } : {}), ...(purposes ? { purposes } : {}) }), 'json');
  expect(res.status).toBe(202);
  return (await res.json()) as { requestId: string; dueDate: string };
}

const execution = (requestId: string) => twin.stepFunctions.list().find((e) => e.name === requestId)!;
const events = async (requestId: string) => (await twin.deps.audit.list(requestId)).map((e) => e.event);
const dpoMailsAbout = async (requestId: string) => (await twin.mail.to(dpo)).filter((m) => m.text.includes(requestId));

async function confirmAddress(email: string) {
  const ack = await twin.mail.waitFor(email);
  const res = await post(linkIn(ack, 'verify'), {});
  expect(res.status).toBe(200);
  return ack;
}

async function decisionLink(requestId: string, count = 1) {
  const mail = await eventually(async () => (await dpoMailsAbout(requestId))[count - 1], 10_000, 'the DPO email');
  return { mail, link: linkIn(mail, 'decisions') };
}

describe('verify → approve', () => {
  it('acknowledges, confirms the address, asks the DPO and records the approval', async () => {
    const email = uniqueAddress();
    const { requestId, dueDate } = await submit(email, 'objection', 'en', 'Courses from 2024 & 2025', ['marketing']);

    // The acknowledgement: the right, the legal due date, a link.
    const ack = await twin.mail.waitFor(email);
    expect(ack.subject).toBe('Your data protection request: please confirm your address');
    expect(ack.text).toContain('Objection');
    expect(ack.text).toContain(twin.deps.config.calendar.timeZone ? dueDate.slice(0, 4) : '');
    const verify = linkIn(ack, 'verify');

    // GET shows a page and changes nothing.
    const page = await fetch(verify);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form method="post">[\s\S]*<button/);
    expect((await twin.deps.requests.get(requestId))!.status).toBe('awaiting_verification');
    expect(execution(requestId).states).toEqual(['WhatDoesThisExecutionAnswer', 'AcknowledgeAndWaitForAddressConfirmation']);

    // POST confirms once.
    expect((await post(verify, {})).status).toBe(200);
    expect((await post(verify, {})).status).toBe(409);

    // The DPO is asked, with everything needed to decide.
    const { mail, link } = await decisionLink(requestId);
    expect(mail.text).toContain(email);
    expect(mail.text).toContain('Courses from 2024 & 2025');
    expect(mail.html).toContain('Courses from 2024 &amp; 2025');
    const decisionPage = await (await fetch(link)).text();
    expect(decisionPage).toContain(requestId);
    expect(decisionPage).toContain(email);
    await statusReached(twin, requestId, 'awaiting_decision');

    expect((await post(link, { decision: 'approve' })).status).toBe(200);
    const done = await execution(requestId).done;
    expect(done.status).toBe('SUCCEEDED');
    expect(done.states).toEqual([
      ...STATES_TO_THE_GATE,
      'AskDpoToDecide',
      'WasTheRequestApproved',
      'RecordApproval',
      ...STATES_OF_AN_OBJECTION_WITHOUT_SYSTEMS,
    ]);
    expect((await twin.deps.requests.get(requestId))!.status).toBe('answered');
    expect(await events(requestId)).toEqual([...EVENTS_TO_THE_DPO, 'request_approved', 'changes_started', 'systems_restricted', 'receipt_sent']);
    const trail = await twin.deps.audit.list(requestId);
    expect(trail.map((e) => e.at)).toEqual([...trail.map((e) => e.at)].sort());
    expect(trail.find((e) => e.event === 'request_approved')).toMatchObject({ actor: 'dpo' });

    // The link acted once.
    expect((await post(link, { decision: 'approve' })).status).toBe(409);
  });
});

describe('verify → reject', () => {
  it('requires a reason, then tells the learner why, in their language', async () => {
    const email = uniqueAddress();
    const { requestId } = await submit(email, 'erasure', 'fr');
    const ack = await confirmAddress(email);
    expect(ack.subject).toContain('confirmez votre adresse');
    const { link } = await decisionLink(requestId);

    // No reason: the form comes back with the error, and the link still works.
    const refused = await post(link, { decision: 'reject', reason: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('id="reason-error"');
    expect(execution(requestId).status).toBe('RUNNING');

    expect((await post(link, { decision: 'reject', reason: 'Votre compte est soumis à une obligation légale de conservation <jusqu’en 2030>.' })).status).toBe(200);
    expect((await execution(requestId).done).status).toBe('SUCCEEDED');

    const letter = await twin.mail.waitFor(email, 2);
    expect(letter.subject).toBe('Votre demande relative à vos données');
    expect(letter.text).toContain('obligation légale de conservation <jusqu’en 2030>');
    expect(letter.html).toContain('&lt;jusqu’en 2030&gt;');
    expect(letter.text).toContain('CNIL');
    expect((await twin.deps.requests.get(requestId))!.status).toBe('rejected');
    expect(await events(requestId)).toEqual([...EVENTS_TO_THE_DPO, 'request_rejected', 'learner_notified']);
    expect((await twin.deps.audit.list(requestId)).find((e) => e.event === 'request_rejected')!.detail).toMatchObject({ reason: expect.stringContaining('obligation') });

    // Closed: the same right can be asked again.
    const again = await submit(email, 'erasure', 'fr');
    expect(execution(again.requestId)).toBeDefined();
  });
});

describe('a repeat of an open request', () => {
  it('starts no second request workflow (the repeat\'s only tells the owner); the first carries on', async () => {
    const email = uniqueAddress();
    const first = await submit(email, 'objection', 'en', undefined, ['profiling']);
    const repeat = await submit(email, 'objection', 'en', undefined, ['profiling']);
    await eventually(async () => (execution(repeat.requestId)?.status === 'SUCCEEDED' ? true : undefined), 10_000, 'the repeat\'s execution');
    expect(execution(repeat.requestId)!.states).toEqual(['WhatDoesThisExecutionAnswer', 'TellTheOwnerOfTheRepeat', 'RequestClosed']);
    expect(twin.stepFunctions.list().filter((e) => e.name === first.requestId)).toHaveLength(1);
    await eventually(async () => ((await twin.mail.to(email)).length >= 2 ? true : undefined), 10_000, 'two emails');
    const mails = await twin.mail.to(email);
    const acknowledgements = mails.filter((m) => /\/verify\//.test(m.text));
    expect(acknowledgements).toHaveLength(1);
    expect(mails.some((m) => m.subject === 'You already have a request in progress')).toBe(true);

    // The two emails may arrive in either order.
    expect((await post(linkIn(acknowledgements[0], 'verify'), {})).status).toBe(200);
    await decisionLink(first.requestId);
    expect(await events(first.requestId)).toContain('repeat_received');
  });
});
