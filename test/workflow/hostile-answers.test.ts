import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagingPrefix } from '../../functions/connectors/handler-kit.js';
import { ANSWER_FILE } from '../../functions/connectors/kit.js';
import { MAX_NOTE_BYTES } from '../../functions/connectors/outcome.js';
import { jsonBytes } from '../../functions/shared/bounds.js';
import { s3Client } from '../../functions/shared/clients/s3.js';
import { eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, type TestTwin } from '../support/twin.js';
import { inlineExport, TestHttpSystem } from '../support/http-system.js';
import { readZip } from '../support/zip.js';

/**
 * Systems that answer too much: a 5 MB note, a 5 MB error message, lists of a hundred
 * thousand entries, through the real ASL on the twin's Step Functions (which holds
 * payloads to AWS's 256 KB). The request goes on as designed, the state never holds the
 * long text, and the request's item stays small, with what was cut marked as cut.
 */
const system = new TestHttpSystem('shared-secret-of-the-hostile-system', () => ({ status: 200, body: { found: true } }));
let twin: TestTwin;
beforeAll(async () => {
  await system.listen();
  twin = await startTestTwin(
    { languages: ['en'], autoApprove: ['access'], autoRelease: ['access'] },
    {
      connectors: [
        { name: 'grades-export', title: 'Grades service', type: 'http', url: system.url, secretName: 'dsr/hostile-system' },
        { name: 'forum', title: 'Forum', type: 'lambda', entry: 'test/support/loud-connector.ts' },
      ],
      secrets: { 'dsr/hostile-system': system.secret },
    },
  );
});
afterAll(() => system.close());

const fiveMegabytes = 'The export left out archived courses. '.repeat(130_000); // 4.9 MB, within the 5 MiB an answer may take
const manyIdentifiers = Object.fromEntries(Array.from({ length: 100_000 }, (_v, i) => [`id${i}`, `u-${i}`]));
const manyRetained = Array.from({ length: 6_000 }, (_v, i) => ({ category: `Invoices of year ${i} `.repeat(8), legalBasis: 'Code de commerce, art. L123-22 '.repeat(5), until: '2036-01-31' }));
const manyFiles = Array.from({ length: 100_000 }, (_v, i) => ({ name: `f${i}.txt`, url: 'https://x.org/f' })); // 3.8 MB
const exportCalls = () => system.calls.filter((c) => c.operation === 'export');
const dpo = 'dpo@school.example';

const requestOf = (requestId: string) => twin.deps.requests.get(requestId);
const executionOf = (requestId: string) => twin.stepFunctions.list().find((e) => e.name === requestId)!;
const answered = (requestId: string) => eventually(async () => ((await requestOf(requestId))?.status === 'answered' ? requestOf(requestId) : undefined), 30_000, 'the request answered');

async function confirmedAccess(email = uniqueAddress()) {
  const { requestId } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
  expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
  return { email, requestId };
}

async function downloaded(email: string) {
  const letter = await twin.mail.waitFor(email, 2, 30_000);
  const go = await post(linkIn(letter, 'downloads'), {});
  return readZip(Buffer.from(await (await fetch(go.headers.get('location')!)).arrayBuffer()));
}

/** What the request keeps of this system's note: clipped to its bound and marked. */
function expectClippedNote(note: string | undefined) {
  expect(Buffer.byteLength(note!)).toBeLessThanOrEqual(MAX_NOTE_BYTES);
  expect(note).toMatch(/^The export left out archived courses\. .* \[…\]$/);
}

describe('a system answering with a 5 MB note and lists of a hundred thousand entries', () => {
  it('is clipped before the state: the request is answered, its item stays small and says what was cut', async () => {
    // Prepare
    system.answer = (call) => {
      if (call.operation === 'lookup') return { status: 200, body: { found: true, identifiers: manyIdentifiers, retained: manyRetained } };
      return { status: 200, body: { ...inlineExport('grades.txt', 'Algorithms: 17/20'), status: 'partial', note: fiveMegabytes } };
    };
    // Act
    const { email, requestId } = await confirmedAccess();
    const request = await answered(requestId);
    // Assess
    const grades = request!.systems!['grades-export'];
    expect(grades).toMatchObject({ lookup: 'done', export: 'partial', fileCount: 1, clipped: true });
    expectClippedNote(grades.note);
    expect(grades.retained!.length).toBeLessThanOrEqual(10);
    expect(Object.keys(request!.subject ?? {}).length).toBeLessThanOrEqual(5);
    expect(jsonBytes(request)).toBeLessThan(16_000);

    const execution = executionOf(requestId);
    expect(execution.status).toBe('RUNNING'); // waiting for the download link to expire
    expect(execution.largestStateBytes).toBeLessThan(32 * 1024);

    const entries = await downloaded(email);
    expect(entries.get('grades-export/grades.txt')!.toString()).toBe('Algorithms: 17/20');
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expectClippedNote(manifest.systems.find((s: { system: string }) => s.system === 'grades-export').note);
  }, 90_000);
});

describe('a 5 MB error message and an export of a hundred thousand files', () => {
  it('fail their systems with a short error, and the request goes to the DPO, then on without them', async () => {
    // Prepare: the forum connector throws a 5 MB message for this learner; the grades service lists 100,000 files.
    system.answer = (call) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 200, body: { status: 'done', files: manyFiles } });
    // Act
    const { requestId } = await confirmedAccess(`loud.${uniqueAddress()}`);
    const attention = await eventually(async () => (await twin.mail.to(dpo)).find((m) => m.text.includes(requestId) && /Needs attention: 2 systems could not export/.test(m.subject)), 30_000, 'the DPO asked about failed systems');
    // Assess
    const request = (await requestOf(requestId))!;
    expect(request.systems!['forum']).toMatchObject({ export: 'failed', error: 'ConnectorError' });
    expect(request.systems!['grades-export']).toMatchObject({ export: 'failed', error: 'ConnectorError' });
    expect(jsonBytes(request)).toBeLessThan(8_000);
    const execution = executionOf(requestId);
    expect(execution.status).toBe('RUNNING');
    expect(execution.states).toContain('AskDpoAboutFailedSystems');
    expect(execution.largestStateBytes).toBeLessThan(32 * 1024);

    expect((await post(linkIn(attention, 'decisions'), { choice: 'proceed', reason: 'Both systems are being replaced.' })).status).toBe(200);
    expect((await answered(requestId))!.systems!['forum']).toMatchObject({ export: 'skipped' });
  }, 90_000);
});

describe('a callback too large or listing too many files', () => {
  it('is refused with a clear 4xx and changes nothing; a 5 MB note that fits is clipped', async () => {
    // Prepare
    system.answer = (call) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 202 });
    const before = exportCalls().length;
    const { requestId } = await confirmedAccess();
    const url = (await eventually(async () => exportCalls()[before], 30_000, 'the export call')).callbackUrl!;
    const waiting = await requestOf(requestId);

    // Act
    const tooLarge = await system.callBack(url, { status: 'done', files: [], note: `${fiveMegabytes}${'x'.repeat(400_000)}` });
    const tooMany = await system.callBack(url, { status: 'done', files: manyFiles });

    // Assess
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: string }).error).toMatch(/too large/);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: string }).error).toMatch(/files lists more than 1000 files/);
    expect(await requestOf(requestId)).toEqual(waiting);
    expect(executionOf(requestId).status).toBe('RUNNING');
    const kept = await s3Client().send(new HeadObjectCommand({ Bucket: twin.bucket, Key: `${stagingPrefix(requestId, 'grades-export')}${ANSWER_FILE}` })).catch((e: Error) => e.name);
    expect(kept).toBe('NotFound');

    // The address still works, and a 4.9 MB note is clipped on its way in.
    expect((await system.callBack(url, { ...inlineExport('late.txt', 'sent later'), status: 'partial', note: fiveMegabytes })).status).toBe(200);
    expectClippedNote((await answered(requestId))!.systems!['grades-export'].note);
    expect(executionOf(requestId).largestStateBytes).toBeLessThan(32 * 1024);
  }, 90_000);
});
