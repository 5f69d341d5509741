import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { readZip } from '../support/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { NpmStart } from '../support/npm-start.js';

/**
 * The first journey in a real browser against `npm start`: a learner files a request
 * through the form, reads the mailbox, confirms, and the DPO approves.
 */
const twin = new NpmStart({ DSR_CLOCK_START: '2026-09-03T09:00:00+02:00' });
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

describe('a learner and the DPO in a browser', () => {
  it('shows field errors without JavaScript, then files the request', async () => {
    await page.goto(`${twin.base}/`);
    expect(await page.locator('h1').textContent()).toBe('Exercise your data protection rights');

    await page.getByLabel('Your email address').fill('not an address');
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect.poll(() => page.locator('#email-error').textContent()).toBe('This value is not valid.');
    expect(await page.locator('#type-error').textContent()).toBe('This field is required.');

    await page.getByLabel('Your email address').fill('grace@example.org');
    await page.getByLabel('Access to my data (Art. 15 GDPR)').check();
    await page.getByLabel('Details (optional)').fill('Everything from the 2025 course, please.');
    await page.getByRole('button', { name: 'Send my request' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Request received');
    // Received on Thursday 3 September 2026: 3 October is a Saturday.
    expect(await page.locator('.notice').textContent()).toMatch(/Monday,? 5 October 2026/);
  });

  it('lets the learner read the acknowledgement in the mailbox and confirm the address', async () => {
    await page.goto(`${twin.mail}/`);
    await expect.poll(() => page.content(), { timeout: 10_000 }).toContain('please confirm your address');

    const ack = await mailTo('grace@example.org');
    await page.goto(link(ack, 'verify'));
    expect(await page.locator('h1').textContent()).toBe('Confirm your email address');
    await page.getByRole('button', { name: 'Confirm my request' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Address confirmed');
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

    // Rejecting needs a reason: the page says so beside the field, and nothing is decided.
    await dpo.getByLabel("Rejeter : l'apprenant en recevra le motif").check();
    await dpo.getByRole('button', { name: 'Enregistrer ma décision' }).click();
    await expect.poll(() => dpo.locator('#reason-error').count()).toBe(1);
    expect(await dpo.locator('#reason-error').textContent()).toBe('Ce champ est obligatoire.');

    await dpo.getByLabel('Approuver : donner suite à la demande').check();
    await dpo.getByRole('button', { name: 'Enregistrer ma décision' }).click();
    await expect.poll(() => dpo.locator('h1').textContent()).toBe('Demande approuvée');

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
    await dpo.getByRole('button', { name: "Transmettre l'archive à l'apprenant" }).click();
    await expect.poll(() => dpo.locator('h1').textContent()).toBe('Archive transmise');

    const letter = await mailTo('grace@example.org', 2);
    expect(letter.subject).toBe('Your data is ready to download');
    await page.goto(link(letter, 'downloads'));
    expect(await page.locator('h1').textContent()).toBe('Your data');
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
    expect(await dpo.locator('h1').textContent()).toBe("Confirmer l'effacement");
    const plan = await dpo.locator('dl.plan').textContent();
    expect(plan).toContain('Forum posts');
    expect(plan).toMatch(/conservé : Invoices \(French Commercial Code, art\. L123-22 \(accounting records\)\) jusqu'au dimanche 2 mars 2036/);
    await dpo.getByRole('button', { name: "Effacer les données de l'apprenant" }).click();
    await expect.poll(() => dpo.locator('h1').textContent()).toBe('Effacement lancé');

    const receipt = await mailTo('ada@example.org', 2);
    expect(receipt.subject).toBe('Your data protection request is done: Erasure of my data (Art. 17 GDPR)');
    expect(receipt.body.text).toContain('Learning platform: account: erased (1 record or file)');
    expect(receipt.body.text).toMatch(/Shop: invoices and payment: erased \(1 record or file\); kept: Invoices, as required by French Commercial Code, art\. L123-22 \(accounting records\), until Sunday,? 2 March 2036/);
    // The receipt reads well in the mailbox too.
    await page.goto(`${twin.mail}/`);
    await expect.poll(() => page.content(), { timeout: 10_000 }).toContain('Your data protection request is done');
  });
});

describe('npm start', () => {
  it('stops everything it started on Ctrl-C', async () => {
    await twin.stop();
    await expect(fetch(`${twin.base}/`)).rejects.toThrow();
    await expect(fetch(`${twin.mail}/store`)).rejects.toThrow();
  }, 30_000);
});
