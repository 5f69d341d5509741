import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { readZip } from '../support/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, horizontalOverflow } from '../support/axe.js';
import { launchChromium } from '../support/chromium.js';
import { NpmStart } from '../support/npm-start.js';

/**
 * The first journey in a real browser against `npm start`: a learner files a request
 * through the form, reads the mailbox, confirms, and the DPO approves. Every page on the
 * way, and every email sent, is checked with axe-core at a desktop's size and on a phone's
 * 320 px, where nothing may scroll sideways (WCAG 1.4.10).
 */
const ADMIN_TOKEN = 'journey-admin-token';
const twin = new NpmStart({ DSR_CLOCK_START: '2026-09-03T09:00:00+02:00', DSR_ADMIN_TOKEN: ADMIN_TOKEN });
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await twin.start();
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'en-GB' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await twin.stop();
  rmSync(`.twin-test-${new URL(twin.base).port}`, { recursive: true, force: true });
});

interface StoredMail {
  destination: { to: string[] };
  subject: string;
  body: { text: string; html: string };
}

async function mailTo(address: string, count = 1): Promise<StoredMail> {
  for (let i = 0; i < 200; i++) {
    const { emails } = (await (await fetch(`${twin.mail}/store`)).json()) as { emails: StoredMail[] };
    const mine = emails.filter((m) => m.destination.to.some((t) => t.includes(address)));
    if (mine.length >= count) return mine[count - 1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email #${count} to ${address}`);
}

const link = (mail: StoredMail, path: string) => new RegExp(`https?://\\S+/${path}/[A-Za-z0-9_-]+`).exec(mail.body.text)![0];

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 320, height: 640 };

/** The page as it is now, at a desktop's size and at 320 px: no axe violation, and nothing to scroll sideways on the phone. */
async function expectAccessible(on: Page): Promise<void> {
  for (const size of [DESKTOP, PHONE]) {
    await on.setViewportSize(size);
    expect(await axeViolations(on), `${on.url()} at ${size.width} px`).toEqual([]);
  }
  expect(await horizontalOverflow(on), `${on.url()} at 320 px`).toBe(0);
  await on.setViewportSize(DESKTOP);
}

/** The element that has the focus: its id, else its class. */
const focused = (on: Page) => on.evaluate<string>('document.activeElement.id || document.activeElement.className');

describe('a learner and the DPO in a browser', () => {
  it('shows field errors without JavaScript, then files the request', async () => {
    await page.goto(`${twin.base}/`);
    expect(await page.locator('h1').textContent()).toBe('Exercise your data protection rights');
    await expectAccessible(page);

    await page.getByLabel('Your email address').fill('not an address');
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect.poll(() => page.locator('#email-error').textContent()).toBe('This value is not valid.');
    expect(await page.locator('#type-error').textContent()).toBe('This field is required.');
    // The summary takes focus, and each of its links leads to its field.
    expect(await focused(page)).toBe('summary');
    const targets = await page.locator('.summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(targets).toEqual(['#email', '#type']);
    for (const target of targets) expect(await page.locator(target!).count()).toBe(1);
    await page.locator('.summary a[href="#type"]').click();
    expect(await focused(page)).toBe('type');
    await expectAccessible(page);

    await page.getByLabel('Your email address').fill('grace@example.org');
    await page.getByLabel('Access to my data (Art. 15 GDPR)').check();
    await page.getByLabel('Details (optional)').fill('Everything from the 2025 course, please.');
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Request received');
    // Received on Thursday 3 September 2026: 3 October is a Saturday.
    expect(await page.locator('.notice').textContent()).toMatch(/Monday,? 5 October 2026/);
    await expectAccessible(page);
  });

  it('lets the learner read the acknowledgement in the mailbox and confirm the address', async () => {
    await page.goto(`${twin.mail}/`);
    await expect.poll(() => page.content(), { timeout: 10_000 }).toContain('please confirm your address');

    const ack = await mailTo('grace@example.org');
    await page.goto(link(ack, 'verify'));
    expect(await page.locator('h1').textContent()).toBe('Confirm your email address');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirm my request' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Address confirmed');
    await expectAccessible(page);

    // A link used up, or unknown, says so in the language ?lang= asks for.
    await page.goto(`${link(ack, 'verify')}?lang=fr`);
    expect(await page.locator('h1').textContent()).toBe('Lien déjà utilisé');
    await expectAccessible(page);
    const unknown = await page.goto(`${twin.base}/verify/not-a-token?lang=fr`);
    expect(unknown!.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Lien non reconnu');
    await expectAccessible(page);
  });

  it('lets the DPO read the request and approve it, once', async () => {
    const request = await mailTo('dpo@example.org');
    const decision = link(request, 'decisions');
    const dpo = await browser.newPage({ locale: 'fr-FR' });
    await dpo.goto(decision);
    const facts = await dpo.locator('dl').textContent();
    expect(facts).toContain('grace@example.org');
    expect(facts).toContain('Everything from the 2025 course, please.');
    expect(facts).toMatch(/lundi 5 octobre 2026/);
    await expectAccessible(dpo);
    // The DPO's page in the other language, when asked for.
    await dpo.goto(`${decision}?lang=en`);
    expect(await dpo.locator('h1').textContent()).toBe('Decide on a data subject request');
    await dpo.goto(decision);

    // Rejecting needs a reason: the page says so beside the field, and nothing is decided.
    await dpo.getByLabel('Rejeter : l’apprenant en recevra le motif').check();
    await dpo.getByRole('button', { name: 'Enregistrer ma décision' }).click();
    await expect.poll(() => dpo.locator('#reason-error').count()).toBe(1);
    expect(await dpo.locator('#reason-error').textContent()).toBe('Ce champ est obligatoire.');
    await expectAccessible(dpo);

    await dpo.getByLabel('Approuver : donner suite à la demande').check();
    await dpo.getByRole('button', { name: 'Enregistrer ma décision' }).click();
    await expect.poll(() => dpo.locator('h1').textContent()).toBe('Demande approuvée');
    await expectAccessible(dpo);

    await dpo.goto(decision);
    expect(await dpo.locator('h1').textContent()).toBe('Lien déjà utilisé');
  });
});

describe('the archive in a browser', () => {
  it('lets the DPO release it and the learner download a ZIP holding every system’s data', async () => {
    const release = await mailTo('dpo@example.org', 2);
    expect(release.subject).toContain('Archive prête');
    const dpo = await browser.newPage({ locale: 'fr-FR' });
    await dpo.goto(link(release, 'decisions'));
    expect(await dpo.locator('pre').textContent()).toContain('Video platform: viewing history');
    await expectAccessible(dpo);
    await dpo.getByRole('button', { name: 'Transmettre l’archive à l’apprenant' }).click();
    await expect.poll(() => dpo.locator('h1').textContent()).toBe('Archive transmise');
    await expectAccessible(dpo);

    const letter = await mailTo('grace@example.org', 2);
    expect(letter.subject).toBe('Your data is ready to download');
    await page.goto(link(letter, 'downloads'));
    expect(await page.locator('h1').textContent()).toBe('Your data');
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the archive' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^data-2026-09-03-[0-9a-f]{8}\.zip$/);
    const entries = await readZip(readFileSync((await download.path())!));
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    // Every demo system but the newsletter, which Grace never subscribed to.
    expect(manifest.systems.filter((s: { status: string }) => s.status === 'done').length).toBe(9);
    for (const file of manifest.systems.flatMap((s: { files: Array<{ path: string; sha256: string }> }) => s.files)) {
      expect(createHash('sha256').update(entries.get(file.path)!).digest('hex')).toBe(file.sha256);
    }

    // index.html reads well offline: open it from the archive as the learner would.
    const index = await browser.newPage();
    await index.setContent(entries.get('index.html')!.toString());
    expect(await index.locator('h1').textContent()).toBe('Your personal data');
    expect(await index.locator('tbody tr').count()).toBe(9); // each system that holds data about Grace: all but the newsletter
  });
});

describe('an erasure in a browser', () => {
  it('lets a learner ask for it, the DPO see what is kept and confirm it, and the learner read the receipt', async () => {
    await page.goto(`${twin.base}/`);
    await page.getByLabel('Your email address').fill('ada@example.org');
    await page.getByLabel('Erasure of my data (Art. 17 GDPR)').check();
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Request received');
    await page.goto(link(await mailTo('ada@example.org'), 'verify'));
    await page.getByRole('button', { name: 'Confirm my request' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Address confirmed');

    const dpo = await browser.newPage({ locale: 'fr-FR' });
    await dpo.goto(link(await mailTo('dpo@example.org', 3), 'decisions'));
    await dpo.getByLabel('Approuver : donner suite à la demande').check();
    await dpo.getByRole('button', { name: 'Enregistrer ma décision' }).click();
    await expect.poll(() => dpo.locator('h1').textContent()).toBe('Demande approuvée');

    // The erasure gate: what goes, and what the law keeps, until when.
    const gate = await mailTo('dpo@example.org', 4);
    expect(gate.subject).toBe('Effacement à confirmer');
    await dpo.goto(link(gate, 'decisions'));
    expect(await dpo.locator('h1').textContent()).toBe('Confirmer l’effacement');
    const plan = await dpo.locator('dl.plan').textContent();
    expect(plan).toContain('Forum posts');
    expect(plan).toMatch(/conservé\u00a0: Invoices \(French Commercial Code, art\. L123-22 \(accounting records\)\) jusqu’au dimanche 2 mars 2036/);
    await expectAccessible(dpo);
    await dpo.getByRole('button', { name: 'Effacer les données de l’apprenant' }).click();
    await expect.poll(() => dpo.locator('h1').textContent()).toBe('Effacement lancé');
    await expectAccessible(dpo);

    const receipt = await mailTo('ada@example.org', 2);
    expect(receipt.subject).toBe('Your data protection request is done: Erasure of my data (Art. 17 GDPR)');
    expect(receipt.body.text).toContain('Learning platform: your account: erased (1 record or file)');
    expect(receipt.body.text).toMatch(/Shop: invoices and payment: erased \(1 record or file\); kept: Invoices, as required by French Commercial Code, art\. L123-22 \(accounting records\), until Sunday,? 2 March 2036/);
    // The receipt reads well in the mailbox too.
    await page.goto(`${twin.mail}/`);
    await expect.poll(() => page.content(), { timeout: 10_000 }).toContain('Your data protection request is done');
  });
});

describe('the breach form in a browser', () => {
  it('reaches the DPO by email, and brings back a form with its problems summarised, in focus', async () => {
    const asked = await fetch(`${twin.base}/admin/breaches/form-link`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(asked.status).toBe(200);
    const dpo = await browser.newPage({ locale: 'fr-FR' });
    await dpo.goto(link(await mailTo('dpo@example.org', 5), 'breaches'));
    expect(await dpo.locator('h1').textContent()).toBe('Consigner une violation de données personnelles');
    await expectAccessible(dpo);
    await dpo.getByRole('button', { name: 'Consigner la violation' }).click();
    await expect.poll(() => dpo.locator('.summary').count()).toBe(1);
    expect(await focused(dpo)).toBe('summary');
    for (const target of await dpo.locator('.summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) expect(await dpo.locator(target!).count()).toBe(1);
    await expectAccessible(dpo);
  });
});

describe('the emails of the journey', () => {
  it('show whole on a phone, long links wrapped, with no axe violation', async () => {
    const { emails } = (await (await fetch(`${twin.mail}/store`)).json()) as { emails: StoredMail[] };
    expect(emails.length).toBeGreaterThanOrEqual(9);
    const reader = await browser.newPage();
    for (const mail of emails) {
      await reader.setContent(mail.body.html);
      for (const size of [DESKTOP, PHONE]) {
        await reader.setViewportSize(size);
        expect(await axeViolations(reader), `${mail.subject} at ${size.width} px`).toEqual([]);
      }
      expect(await horizontalOverflow(reader), `${mail.subject} at 320 px`).toBe(0);
    }
  });
});

describe('npm start', () => {
  it('stops everything it started on Ctrl-C', async () => {
    await twin.stop();
    await expect(fetch(`${twin.base}/`)).rejects.toThrow();
    await expect(fetch(`${twin.mail}/store`)).rejects.toThrow();
  }, 30_000);
});
