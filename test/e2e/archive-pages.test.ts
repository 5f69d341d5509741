import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ART15 } from '../support/art15.js';
import { axeViolations, horizontalOverflow } from '../support/axe.js';
import { launchChromium } from '../support/chromium.js';
import { TestHttpSystem } from '../support/http-system.js';
import { fileRequest, linkIn, post, startTestTwin, type TestTwin } from '../support/twin.js';
import { readZip } from '../support/zip.js';

/**
 * The learner's archive as they open it: downloaded from a request on the twin's demo
 * platform, unzipped, and each page opened from the folder (file://) in Chromium, at a
 * phone's 320 px and at a desktop's width. axe-core finds no violation, nothing scrolls
 * sideways, and every link between the pages and to the files resolves offline.
 */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const inline = (name: string, contentType: string, content: string | Buffer) => ({ name, contentType, content: Buffer.from(content).toString('base64') });

/** A system of the test's own, whose export has what the demo's lacks: an image, a wide table, a long unbroken value. */
const photos = new TestHttpSystem('secret-of-the-photo-service', (call) =>
  call.operation === 'export'
    ? {
        status: 200,
        body: {
          status: 'done',
          files: [
            inline('profile photo.png', 'image/png', Buffer.from(PIXEL_PNG, 'base64')),
            inline('albums.json', 'application/json', JSON.stringify([Object.fromEntries(Array.from({ length: 14 }, (_v, i) => [`attributeNumber${i}`, `value ${i} ${'x'.repeat(i * 3)}`])), { link: `https://photos.example.org/${'a'.repeat(180)}` }])),
          ],
        },
      }
    : { status: 200, body: { found: true } },
);

let twin: TestTwin;
let browser: Browser;
const folders: string[] = [];
beforeAll(async () => {
  await photos.listen();
  twin = await startTestTwin(
    { languages: ['fr', 'en'], autoApprove: ['access'], autoRelease: ['access'] },
    {
      demo: true,
      ownMailbox: true,
      connectors: [{ name: 'photos', title: 'Photos', type: 'http', url: photos.url, secretName: 'dsr/photos', art15: { ...ART15, recipients: [{ name: { en: 'Our photo host', fr: 'Notre hébergeur de photos' }, country: 'US', safeguard: 'scc' }] } }],
      secrets: { 'dsr/photos': photos.secret },
    },
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await photos.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Files an access request, confirms it, and unzips the archive from the download link into a folder of its own. */
async function unzippedArchive(email: string, locale: string): Promise<{ folder: string; pages: string[] }> {
  await fileRequest(twin, { email, type: 'access', locale });
  expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
  const go = await post(linkIn(await twin.mail.waitFor(email, 2, 30_000), 'downloads'), {});
  const entries = await readZip(Buffer.from(await (await fetch(go.headers.get('location')!)).arrayBuffer()));
  const folder = mkdtempSync(join(tmpdir(), 'dsr-archive-'));
  folders.push(folder);
  for (const [path, data] of entries) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), data);
  }
  const manifest = JSON.parse(entries.get('manifest.json')!.toString());
  return { folder, pages: manifest.pages.map((p: { path: string }) => p.path) };
}

/** Every link and image of the page that points into the archive, and whether its file (and fragment) is there. */
async function brokenReferences(page: Page): Promise<string[]> {
  const elements = await page.locator('a[href], img[src]').all();
  const references = await Promise.all(elements.map(async (e) => (await e.getAttribute('href')) ?? (await e.getAttribute('src'))!));
  const broken: string[] = [];
  for (const reference of references) {
    const url = new URL(reference, page.url());
    if (url.protocol !== 'file:') continue;
    if (!existsSync(fileURLToPath(url))) broken.push(reference);
    else if (url.hash && url.pathname === new URL(page.url()).pathname && !(await page.locator(`[id="${decodeURIComponent(url.hash.slice(1))}"]`).count())) broken.push(reference);
  }
  return broken;
}

async function expectReadable(folder: string, path: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(pathToFileURL(join(folder, path)).href);
  expect(await axeViolations(page), `${path} at ${width} px`).toEqual([]);
  expect(await horizontalOverflow(page), `${path} at ${width} px`).toBe(0);
  expect(await brokenReferences(page), path).toEqual([]);
  return page;
}

describe('the unzipped archive in a browser', () => {
  it('reads on a phone and on a desktop, in French, with no accessibility violation and every link resolving', async () => {
    const { folder, pages } = await unzippedArchive('ada@example.org', 'fr');
    expect(pages).toEqual(['index.html', 'lms-account.html', 'lms-enrolments.html', 'lms-grades.html', 'forum.html', 'messages.html', 'messages-received.html', 'submissions.html', 'video-platform.html', 'billing.html', 'newsletter.html', 'photos.html']);
    for (const width of [320, 1280]) {
      for (const path of pages) await (await expectReadable(folder, path, width)).close();
    }

    // What the learner reads: the summary links each page, each page its records under the declared labels, images shown.
    const index = await expectReadable(folder, 'index.html', 320);
    expect(await index.locator('h1').textContent()).toBe('Vos données personnelles');
    // Each system is named in the learner's language (its art15.title).
    await index.getByRole('link', { name: 'Plateforme de cours\u00a0: votre compte' }).click();
    expect(await index.locator('h1').textContent()).toBe('Plateforme de cours\u00a0: votre compte');
    expect(await index.getByRole('region', { name: 'Contenu de records.json' }).getByRole('columnheader').allTextContents()).toContain('Dernière connexion');
    expect(await index.getByRole('cell', { name: 'ada@example.org' }).count()).toBe(1);
    await index.goto(pathToFileURL(join(folder, 'photos.html')).href);
    expect(await index.getByRole('img', { name: 'profile photo.png' }).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    expect(await index.getByText('États-Unis, hors de l’Espace économique européen').count()).toBe(1);
    await index.close();
  }, 180_000);

  it('sums up in English for an English request, the systems that hold nothing listed apart', async () => {
    const { folder } = await unzippedArchive('grace@example.org', 'en');
    for (const width of [320, 1280]) {
      const index = await expectReadable(folder, 'index.html', width);
      expect(await index.getByRole('heading', { name: 'Systems that hold no data about you' }).count()).toBe(1);
      expect(await index.getByRole('listitem').filter({ hasText: 'Newsletter' }).count()).toBe(1);
      await index.close();
    }
  }, 120_000);
});
