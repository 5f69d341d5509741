import { createHash } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '../../functions/shared/aws.js';
import { eventually, fileRequest, linkIn, post, startTestTwin, statusReached, type TestTwin } from '../support/twin.js';
import { readZip } from '../support/zip.js';

/**
 * Access and portability end to end on the local interpreter: the demo platform's
 * systems (DynamoDB tables, an S3 prefix, an HTTP video platform that answers through
 * the signed callback) are looked up, exported, archived, released and downloaded.
 */
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ autoRelease: ['portability'], languages: ['en', 'fr'] }, { demo: true });
});

const dpo = 'dpo@school.example';
const dpoMail = async (requestId: string, subject: RegExp) =>
  eventually(async () => (await twin.mail.to(dpo)).find((m) => m.text.includes(requestId) && subject.test(m.subject)), 15_000, `DPO email ${subject}`);

async function approveAccess(email: string, type: 'access' | 'portability', locale = 'en') {
  const { requestId } = await fileRequest(twin, { email, type, locale });
  const ack = await twin.mail.waitFor(email);
  expect((await post(linkIn(ack, 'verify'), {})).status).toBe(200);
  const decision = await dpoMail(requestId, /to decide/);
  const decisionPage = await (await fetch(linkIn(decision, 'decisions'))).text();
  expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);
  return { requestId, decision, decisionPage };
}

async function downloadArchive(email: string, count: number) {
  const letter = await twin.mail.waitFor(email, count, 20_000);
  const link = linkIn(letter, 'downloads');
  const page = await fetch(link);
  const pageText = await page.text();
  const go = await post(link, {});
  expect(go.status).toBe(303);
  const url = go.headers.get('location')!;
  expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
  const zip = await fetch(url);
  expect(zip.status).toBe(200);
  return { letter, link, page, pageText, zip: Buffer.from(await zip.arrayBuffer()) };
}

describe('an access request', () => {
  it('tells the DPO which systems know the learner, builds the archive, waits for release and sends an expiring link', async () => {
    const email = 'ada@example.org';
    const { requestId, decision, decisionPage } = await approveAccess(email, 'access', 'fr');
    // The page shows what the email shows, and the language the learner reads (a rejection's reason is written in it).
    expect(decisionPage).toMatch(/<dt>Systems that hold data about this person<\/dt><dd>Learning platform: account, [^<]*Newsletter<\/dd>/);
    expect(decisionPage).toMatch(/<dt>Learner(&#39;|&#x27;|')s language<\/dt><dd>French<\/dd>/);
    expect(decision.text).toMatch(/Systems that hold data about this person: Learning platform: account, Learning platform: enrolments, Learning platform: grades, Forum posts, Private messages, Private messages received, Assignment submissions, Video platform: viewing history, Shop: invoices and payment, Newsletter/);

    const release = await dpoMail(requestId, /Archive ready/);
    expect(release.text).toMatch(/The archive is built: \d+ files/);
    const releasePage = await (await fetch(linkIn(release, 'decisions'))).text();
    expect(releasePage).toContain('Release the archive to the learner');
    await statusReached(twin, requestId, 'awaiting_release');
    expect((await post(linkIn(release, 'decisions'), {})).status).toBe(200);

    const { letter, link, page, pageText, zip } = await downloadArchive(email, 2);
    expect(letter.subject).toBe('Vos données sont prêtes à télécharger');
    expect(page.status).toBe(200);
    expect(pageText).toMatch(/Votre archive \([\d,]+[\u00a0\u202f]ko\) est prête/);
    expect((await twin.deps.requests.get(requestId))!.status).toBe('answered');

    // The archive opens with a standard unzip library and every checksum matches.
    const entries = await readZip(zip);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ requestId, right: 'access' });
    const files = manifest.systems.flatMap((s: any) => s.files);
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const data = entries.get(file.path);
      expect(data, file.path).toBeDefined();
      expect(data!.length).toBe(file.bytes);
      expect(createHash('sha256').update(data!).digest('hex'), file.path).toBe(file.sha256);
    }
    expect(manifest.systems.map((s: any) => [s.system, s.status])).toEqual([
      ['lms-account', 'done'],
      ['lms-enrolments', 'done'],
      ['lms-grades', 'done'],
      ['forum', 'done'],
      ['messages', 'done'],
      ['messages-received', 'done'],
      ['submissions', 'done'],
      ['video-platform', 'done'],
      ['billing', 'done'],
      ['newsletter', 'done'],
    ]);
    expect(entries.has('submissions/algorithms-101/project/report.md')).toBe(true);
    expect(entries.get('video-platform/viewing-history.json')!.toString()).toContain('Lecture 1: sorting'); // sent through the callback
    expect(entries.get('video-platform/player-notes.txt')!.toString()).toContain('Notes taken'); // fetched from the address it gave
    expect(entries.get('lms-account/records.csv')!.toString()).toMatch(/^.*email.*\r\n.*ada@example\.org/);
    expect(JSON.parse(entries.get('lms-grades/records.json')!.toString()).length).toBe(6);

    // index.html in the learner's language links a page per system, which links every file of it; the manifest lists the pages too.
    const index = entries.get('index.html')!.toString('utf8');
    expect(index).toContain('<html lang="fr">');
    expect(index).toContain('Vos données personnelles');
    for (const system of manifest.systems) {
      expect(index).toContain(`<a href="${system.system}.html">`);
      const page = entries.get(`${system.system}.html`)!.toString('utf8');
      for (const file of system.files) expect(page).toContain(`href="${file.path.split('/').map(encodeURIComponent).join('/')}"`);
    }
    expect(entries.get('lms-account.html')!.toString()).toContain('<th scope="col">Dernière connexion</th>');
    expect(manifest.pages.map((p: any) => p.path)).toEqual(['index.html', ...manifest.systems.map((s: any) => `${s.system}.html`)]);
    for (const page of manifest.pages) expect(createHash('sha256').update(entries.get(page.path)!).digest('hex'), page.path).toBe(page.sha256);

    // Nothing is left in staging; the download is audited.
    const staged = await awsClients().s3.send(new ListObjectsV2Command({ Bucket: twin.bucket, Prefix: `staging/${requestId}/` }));
    expect(staged.Contents ?? []).toEqual([]);
    const events = (await twin.deps.audit.list(requestId)).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['systems_looked_up', 'export_started', 'systems_exported', 'archive_built', 'dpo_asked_to_release', 'download_link_sent', 'archive_downloaded']));

    // The link works again until it expires.
    expect((await post(link, {})).status).toBe(303);
  });
});

describe('a portability request with automatic release', () => {
  it('goes from approval to the download link without the release gate', async () => {
    const email = 'grace@example.org';
    const { requestId } = await approveAccess(email, 'portability');
    const { zip } = await downloadArchive(email, 2);
    const entries = await readZip(zip);
    expect(JSON.parse(entries.get('manifest.json')!.toString()).right).toBe('portability');
    expect(entries.get('index.html')!.toString()).toContain('<html lang="en">');
    expect((await twin.mail.to(dpo)).filter((m) => m.text.includes(requestId) && /Archive ready/.test(m.subject))).toHaveLength(0);
    const execution = twin.stepFunctions.list().find((e) => e.name === requestId)!;
    expect(execution.states).not.toContain('AskDpoToRelease');
    expect(execution.states).toContain('WaitUntilTheDownloadLinkExpires');
  });
});

describe('a learner no system knows', () => {
  it('still gets an archive that says so', async () => {
    const email = 'nobody@example.org';
    const { requestId } = await approveAccess(email, 'portability');
    const { zip } = await downloadArchive(email, 2);
    const manifest = JSON.parse((await readZip(zip)).get('manifest.json')!.toString());
    expect(manifest.systems.every((s: any) => s.status === 'not_found' && s.files.length === 0)).toBe(true);
    expect((await twin.deps.requests.get(requestId))!.systems!['lms-account'].lookup).toBe('not_found');
  });
});
