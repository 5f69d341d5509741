import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccess as approvedAccessOn, dpoMail as dpoMailOf, eventually, linkIn, post, startTestTwin, type TestTwin } from '../support/twin.js';
import { inlineExport, TestHttpSystem } from '../support/http-system.js';
import { readZip } from '../support/zip.js';

/**
 * Data systems that fail: a transient failure is retried, a lasting one goes to the DPO
 * (retry, or go on without it, with a reason that the archive shows), and the callback
 * of an asynchronous system only counts when it is genuine, fresh and first.
 */
const system = new TestHttpSystem('shared-secret-of-the-test-system', () => ({ status: 200, body: { found: true } }));
let twin: TestTwin;
beforeAll(async () => {
  await system.listen();
  twin = await startTestTwin(
    { languages: ['en'] },
    { connectors: [{ name: 'grades-export', title: 'Grades service', type: 'http', url: system.url, secretName: 'dsr/test-system' }], secrets: { 'dsr/test-system': system.secret } },
  );
});
afterAll(() => system.close());

const dpoMail = (requestId: string, subject: RegExp, count = 1) => dpoMailOf(twin, requestId, subject, count);
const exportCalls = () => system.calls.filter((c) => c.operation === 'export');

/** The archive is released automatically here. */
const approvedAccess = () => approvedAccessOn(twin);

async function releasedArchive(requestId: string, email: string) {
  const release = await dpoMail(requestId, /Archive ready/);
  expect((await post(linkIn(release, 'decisions'), {})).status).toBe(200);
  const letter = await twin.mail.waitFor(email, 2, 20_000);
  const go = await post(linkIn(letter, 'downloads'), {});
  return readZip(Buffer.from(await (await fetch(go.headers.get('location')!)).arrayBuffer()));
}

describe('a transient failure', () => {
  it('is retried with back-off and the export succeeds', async () => {
    const before = exportCalls().length;
    system.answer = (call) => {
      if (call.operation === 'lookup') return { status: 200, body: { found: true } };
      return exportCalls().length === before + 1 ? { status: 503 } : { status: 200, body: inlineExport('grades.txt', 'Algorithms: 17/20') };
    };
    const { email, requestId } = await approvedAccess();
    const entries = await releasedArchive(requestId, email);
    expect(entries.get('grades-export/grades.txt')!.toString()).toBe('Algorithms: 17/20');
    expect(exportCalls().length - before).toBe(2);
    // The retry is the same call: a system that did the first one can say so instead of doing it again.
    const [failed, retried] = exportCalls().slice(before);
    expect(failed.idempotencyKey).toMatch(new RegExp(`^${requestId}:export:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$`)); // when the step began
    expect(retried.idempotencyKey).toBe(failed.idempotencyKey);
    expect((await twin.deps.requests.get(requestId))!.systems!['grades-export']).toMatchObject({ export: 'done', fileCount: 1 });
  }, 60_000);
});

describe('a system that keeps failing', () => {
  it('goes to the DPO, who retries it, then goes on without it; the archive says why', async () => {
    system.answer = (call) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 400, body: { error: 'export disabled' } });
    const { email, requestId } = await approvedAccess();

    const first = await dpoMail(requestId, /Needs attention: 1 system could not export/);
    expect(first.text).toMatch(/Grades service: failed \(.*ConnectorError\)/);
    const page = await (await fetch(linkIn(first, 'decisions'))).text();
    expect(page).toContain('Retry the failed systems');
    const calls = exportCalls().length;
    expect((await post(linkIn(first, 'decisions'), { choice: 'retry' })).status).toBe(200);

    const second = await dpoMail(requestId, /Needs attention/, 2);
    expect(exportCalls().length).toBe(calls + 1);
    // The DPO's retry is a new call, under a new key.
    expect(exportCalls().at(-1)!.idempotencyKey).not.toBe(exportCalls()[calls - 1].idempotencyKey);
    const link = linkIn(second, 'decisions');
    const noReason = await post(link, { choice: 'proceed' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('id="reason-error"');
    expect((await post(link, { choice: 'proceed', reason: 'The grades service is being replaced; grades are also in the LMS export.' })).status).toBe(200);

    const entries = await releasedArchive(requestId, email);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expect(manifest.systems).toEqual([
      expect.objectContaining({ system: 'grades-export', status: 'skipped', skippedReason: 'The grades service is being replaced; grades are also in the LMS export.', files: [] }),
    ]);
    expect(entries.get('index.html')!.toString()).toContain('The grades service is being replaced');
    const trail = await twin.deps.audit.list(requestId);
    expect(trail.filter((e) => e.event === 'dpo_asked_about_failed_systems')).toHaveLength(2);
    expect(trail.find((e) => e.event === 'systems_left_out')).toMatchObject({ actor: 'dpo', detail: { systems: 'grades-export' } });
  }, 60_000);
});

describe('an asynchronous system', () => {
  it('resumes the export through its signed callback, and refuses forged, stale, malformed and replayed ones', async () => {
    system.answer = (call) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 202 });
    const before = exportCalls().length;
    const { email, requestId } = await approvedAccess();
    const call = await eventually(async () => exportCalls()[before]);
    const url = call.callbackUrl!;
    expect(url).toMatch(/\/callbacks\/[A-Za-z0-9_-]{43}$/);
    const answer = inlineExport('late.txt', 'sent later');

    expect((await system.callBack(url, answer, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await system.callBack(url, answer, { at: new Date(Date.now() - 10 * 60_000) })).status).toBe(401);
    expect((await system.callBack(url.replace(/[^/]+$/, 'A'.repeat(43)), answer)).status).toBe(404);
    expect((await system.callBack(url, { status: 'finished' })).status).toBe(400);
    const execution = twin.stepFunctions.list().find((e) => e.name === requestId)!;
    expect(execution.status).toBe('RUNNING');

    expect((await system.callBack(url, answer)).status).toBe(200);
    expect((await system.callBack(url, answer)).status).toBe(409);

    const entries = await releasedArchive(requestId, email);
    expect(entries.get('grades-export/late.txt')!.toString()).toBe('sent later');
  }, 60_000);
});
