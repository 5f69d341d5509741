import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '../../functions/connectors/kit.js';
import { calls as gradebook } from '../support/gradebook-connector.js';
import { TestHttpSystem } from '../support/http-system.js';
import { readZip } from '../support/zip.js';
import { dpoMail, eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, type TestTwin } from '../support/twin.js';

/**
 * Every side effect of a step happens once, however often Step Functions retries the
 * step: here each step of a restriction, an access request and an erasure does its work,
 * then its Lambda's answer is lost (a retryable error, as when Lambda fails after the
 * function ran), and the workflow retries it. The learner, the DPO and the recipients still get one email each, the
 * partner one call, the trail one entry per step; the links emailed by the first
 * attempts still resume the steps their retries wait as.
 */
const partner = new TestHttpSystem('secret-shared-with-the-partner', () => ({ status: 204 }));
const DPO = 'dpo@school.example';
const REGISTRAR = 'registrar@partner.example';

/** The steps of the request's workflow that are made to fail once per request, right after their function ran. */
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
  'CarryOutInSystem',
  'ExportFromSystem',
  'RecordExportResults',
  'AssembleArchive',
  'AskDpoToRelease',
  'SendDownloadLink',
  'AskDpoToConfirmErasure',
];
/** How many times each step ran, by request: `<requestId>/<state>`. */
const invocations = new Map<string, number>();
/** A retry held back until the test lets it run: the next one of `state`. */
let heldRetry: { state: string; until: Promise<void> } | undefined;

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
    { secrets: { 'dsr/partner': partner.secret }, ownMailbox: true, connectors: [{ name: 'gradebook', title: 'Gradebook', type: 'lambda', entry: 'test/support/gradebook-connector.ts' }] },
  );
  twin.stepFunctions.retryDelayMs = 10;
  twin.stepFunctions.interceptInvoke = async (state, invoke, payload) => {
    const step = `${(payload as { requestId?: string })?.requestId}/${state}`;
    if (invocations.get(step) === 1 && heldRetry?.state === state) {
      const { until } = heldRetry;
      heldRetry = undefined;
      await until;
    }
    const result = await invoke();
    const count = (invocations.get(step) ?? 0) + 1;
    invocations.set(step, count);
    if (FAIL_ONCE.includes(state) && count === 1) throw new TransientError(`${state}: the answer was lost`);
    return result;
  };
});
afterAll(() => partner.close());

/** Waits until the retry of `state` has run for the request: a link clicked in between would name the failed attempt's task. */
const retried = (requestId: string, state: string) => eventually(async () => (invocations.get(`${requestId}/${state}`) === 2 ? true : undefined), 10_000, `${state} retried`);

describe('a restriction whose every step is retried after its side effect', () => {
  it('sends each email once, calls the partner once, writes each audit entry once, and its links still work', async () => {
    // Prepare
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'restriction', locale: 'en', purposes: 'marketing' });

    // Act: the links of the first attempts resume the retried waiting steps.
    const ack = await twin.mail.waitFor(email);
    await retried(requestId, 'AcknowledgeAndWaitForAddressConfirmation');
    expect((await post(linkIn(ack, 'verify'), {})).status).toBe(200);
    const decision = await eventually(async () => (await twin.mail.to(DPO)).find((m) => /to decide/.test(m.subject)), 20_000, 'the DPO asked');
    await retried(requestId, 'AskDpoToDecide');
    expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);
    const execution = await twin.stepFunctions.list().find((e) => e.name === requestId)!.done;

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    for (const state of ['AcknowledgeAndWaitForAddressConfirmation', 'AskDpoToDecide', 'RecordWhatEachSystemDid', 'TellRecipients', 'SendReceipt', 'OfferTheDpoToLiftTheRestriction', 'CarryOutInSystem']) expect(invocations.get(`${requestId}/${state}`), state).toBe(2);
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

/** Files a request, confirms it and approves it, each link clicked once its step's retry waits. */
async function confirmedAndApproved(type: 'access' | 'erasure') {
  const email = uniqueAddress();
  const { requestId } = await fileRequest(twin, { email, type, locale: 'en' });
  const ack = await twin.mail.waitFor(email);
  await retried(requestId, 'AcknowledgeAndWaitForAddressConfirmation');
  expect((await post(linkIn(ack, 'verify'), {})).status).toBe(200);
  const decision = await dpoMail(twin, requestId, /to decide/);
  await retried(requestId, 'AskDpoToDecide');
  expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);
  return { email, requestId };
}

describe('an access request and an erasure whose steps are retried after their side effect', () => {
  it('export, archive, release and download link: one email each, one audit entry per step, one archive', async () => {
    // Act
    const { email, requestId } = await confirmedAndApproved('access');
    const release = await dpoMail(twin, requestId, /Archive ready/);
    await retried(requestId, 'AskDpoToRelease');
    expect((await post(linkIn(release, 'decisions'), {})).status).toBe(200);
    const letter = await eventually(async () => (await twin.mail.to(email)).find((m) => /ready to download/.test(m.subject)), 20_000, 'the download link');
    await retried(requestId, 'SendDownloadLink');

    // Assess
    for (const state of ['ExportFromSystem', 'RecordExportResults', 'AssembleArchive', 'AskDpoToRelease', 'SendDownloadLink']) expect(invocations.get(`${requestId}/${state}`), state).toBe(2);
    const exports = gradebook.filter((c) => c.requestId === requestId && c.operation === 'export');
    expect(exports).toHaveLength(2);
    expect(exports[1].idempotencyKey).toBe(exports[0].idempotencyKey);
    const download = await post(linkIn(letter, 'downloads'), {});
    expect(download.status).toBe(303);
    const archive = await readZip(Buffer.from(await (await fetch(download.headers.get('location')!)).arrayBuffer()));
    expect([...archive.keys()].filter((name) => name.startsWith('gradebook/'))).toEqual(['gradebook/grades.json']);
    expect((await twin.mail.to(email)).map((m) => m.subject)).toEqual([expect.stringMatching(/confirm your address/), 'Your data is ready to download']);
    expect((await twin.mail.to(DPO)).filter((m) => m.text.includes(requestId)).map((m) => m.subject)).toEqual([expect.stringMatching(/to decide/), expect.stringMatching(/Archive ready/)]);
    const events = (await twin.deps.audit.list(requestId)).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['archive_built', 'dpo_asked_to_release', 'download_link_sent']));
    expect(events.filter((e, i) => events.indexOf(e) !== i)).toEqual(['systems_looked_up']); // the two lookup rounds, each once
  }, 60_000);

  it('erasure: the DPO confirms once, each system erases on its retried step, one receipt', async () => {
    // Act
    const { email, requestId } = await confirmedAndApproved('erasure');
    const confirm = await dpoMail(twin, requestId, /Erasure to confirm/);
    await retried(requestId, 'AskDpoToConfirmErasure');
    expect((await post(linkIn(confirm, 'decisions'), {})).status).toBe(200);
    const execution = await twin.stepFunctions.list().find((e) => e.name === requestId)!.done;

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    const erasures = gradebook.filter((c) => c.requestId === requestId && c.operation === 'erase');
    expect(erasures).toHaveLength(2);
    expect(erasures[1].idempotencyKey).toBe(erasures[0].idempotencyKey);
    expect((await twin.mail.to(email)).map((m) => m.subject)).toEqual([expect.stringMatching(/confirm your address/), expect.stringMatching(/erasure/i)]);
    expect((await twin.mail.to(DPO)).filter((m) => m.text.includes(requestId)).map((m) => m.subject)).toEqual([expect.stringMatching(/to decide/), 'Erasure to confirm']);
    const events = (await twin.deps.audit.list(requestId)).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['dpo_asked_to_confirm_erasure', 'erasure_verified', 'receipt_sent']));
    // Lookups and erasures go in two waves (the systems that identify the learner apart), and there are two recipients: nothing else twice.
    expect(events.filter((e, i) => events.indexOf(e) !== i)).toEqual(['systems_looked_up', 'systems_erased', 'recipient_told']);
    expect((await twin.deps.requests.get(requestId))?.status).toBe('answered');
  }, 60_000);
});

describe('a link clicked after its step failed and before the step is retried', () => {
  it('asks to try again (503) and changes nothing; once the retry waits, the same link works', async () => {
    // Prepare: the request's first step fails after its email, and its retry waits for the test.
    const email = uniqueAddress();
    let letRetryRun!: () => void;
    heldRetry = { state: 'AcknowledgeAndWaitForAddressConfirmation', until: new Promise<void>((resolve) => (letRetryRun = resolve)) };
    const { requestId } = await fileRequest(twin, { email, type: 'restriction', locale: 'en', purposes: 'marketing' });
    const ack = await twin.mail.waitFor(email);

    // Act
    const tooSoon = await post(linkIn(ack, 'verify'), {});
    const eventsMeanwhile = (await twin.deps.audit.list(requestId)).map((e) => e.event);
    letRetryRun();
    await retried(requestId, 'AcknowledgeAndWaitForAddressConfirmation');
    const afterRetry = await post(linkIn(ack, 'verify'), {});

    // Assess
    expect(tooSoon.status).toBe(503);
    expect(await tooSoon.text()).toMatch(/try again/i);
    expect(eventsMeanwhile).toEqual(['request_received', 'acknowledgement_sent']);
    expect(afterRetry.status).toBe(200);
    await dpoMail(twin, requestId, /to decide/);
  }, 60_000);
});
