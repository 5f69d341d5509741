import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ArchiveSection } from '../../../functions/assemble-archive/archive.js';
import { renderIndex } from '../../../functions/assemble-archive/index-page.js';
import { systemPage, type PageContext } from '../../../functions/assemble-archive/system-page.js';
import type { Art15Declaration } from '../../../functions/connectors/art15.js';
import type { StagedFile } from '../../../functions/connectors/kit.js';
import { messages } from '../../../functions/shared/i18n.js';
import { LOCALES, type Locale } from '../../../functions/shared/rights.js';
import { escapeHtml } from '../../../functions/shared/web/html.js';
import { DEMO_ART15 } from '../../../infra/local/demo/art15.js';

const staged = (name: string, contentType: string, bytes = 10): StagedFile => ({ key: `staging/r/s/${name}`, name, contentType, bytes, sha256: '' });
const section = (files: StagedFile[], more: Partial<ArchiveSection> = {}): ArchiveSection => ({ system: 'lms-account', title: 'Learning platform: account', status: 'done', files, ...more });

/** A page as a string, its staged files' contents given by name. */
async function page(s: ArchiveSection, declaration: Art15Declaration | undefined, locale: Locale, contents: Record<string, string>): Promise<string> {
  const context: PageContext = { locale, timeZone: 'Europe/Paris', open: (file) => Readable.from([Buffer.from(contents[file.name])]) };
  let out = '';
  for await (const piece of systemPage(s, declaration, context)) out += piece.value;
  return out;
}

const other = (locale: Locale): Locale => LOCALES.find((l) => l !== locale)!;

describe('a system’s page', () => {
  for (const locale of LOCALES) {
    it(`says every declared label and every Art. 15(1) item of each demo system in the learner’s language (${locale})`, async () => {
      const t = messages[locale].archive;
      for (const [system, declaration] of Object.entries(DEMO_ART15)) {
        // Arrange: one record with every labelled attribute.
        const labels = declaration.labels ?? {};
        const record = Object.fromEntries(Object.keys(labels).map((a) => [a, `value of ${a}`]));
        // Act
        const html = await page(section([staged('records.json', 'application/json')]), declaration, locale, { 'records.json': JSON.stringify([record]) });
        // Assess: the labels head the columns, in this language only.
        const has = (text: string) => expect(html, `${system} (${locale}): ${text}`).toContain(escapeHtml(text));
        for (const label of Object.values(labels)) {
          expect(html).toContain(`<th scope="col">${escapeHtml(label[locale])}</th>`);
          if (label[other(locale)] !== label[locale]) expect(html).not.toContain(`<th scope="col">${escapeHtml(label[other(locale)])}</th>`);
        }
        // Art. 15(1)(a): purposes with their legal basis and the interest pursued.
        has(t.purposes);
        for (const p of declaration.purposes) {
          has(p.purpose[locale]!);
          has(t.legalBasis(t.legalBases[p.legalBasis]));
          if (p.interest) has(t.interest(p.interest[locale]!));
        }
        // (b) categories, (c) recipients and 15(2) transfers, (d) retention, (g) source, (h) automated decisions.
        has(t.categories);
        for (const c of declaration.categories) has(c[locale]!);
        has(t.recipients);
        if (!declaration.recipients.length) has(t.noRecipients);
        for (const r of declaration.recipients) {
          has(r.name[locale]!);
          if (r.country && r.safeguard) has(t.transfer(t.country(r.country), t.safeguards[r.safeguard]));
        }
        has(t.retention);
        has(declaration.retention[locale]!);
        has(t.source);
        has(declaration.source?.[locale] ?? t.fromYou);
        has(t.automated);
        has(declaration.automatedDecisions?.[locale] ?? t.noAutomated);
        expect(html).toContain(`<html lang="${locale}">`);
        expect(html.match(/<h1>/g)).toHaveLength(1);
      }
    });
  }

  it('names a transfer outside the EEA by its country in the learner’s language', async () => {
    const html = await page(section([]), DEMO_ART15['video-platform'], 'fr', {});
    expect(html).toContain('États-Unis, hors de l’Espace économique européen');
    expect(html).toContain('clauses types de protection des données');
  });

  it('shows records as a table in the learner’s language, CSV only where it has no JSON twin, and links every file', async () => {
    // Arrange
    const files = [
      staged('records.json', 'application/json'),
      staged('records.csv', 'text/csv; charset=utf-8'),
      staged('homework/marks.csv', 'text/csv'),
      staged('notes.txt', 'text/plain; charset=utf-8'),
      staged('photos/me & you #1.png', 'image/png', 2_048),
    ];
    const contents = {
      'records.json': JSON.stringify([{ firstName: 'Ada', lastLoginAt: '2026-11-20T19:03:00Z', credits: 1500, extra: true }]),
      'records.csv': 'firstName\r\nnot shown\r\n',
      'homework/marks.csv': 'x,f(x)\n0,1\n0.5,1.6487\n',
      'notes.txt': 'Notes taken during the lecture',
    };
    // Act
    const html = await page(section(files), DEMO_ART15['lms-account'], 'fr', contents);
    // Assess
    expect(html).toContain('<th scope="col">Prénom</th><th scope="col">Dernière connexion</th><th scope="col">Credits</th><th scope="col">Extra</th>');
    expect(html).toContain('<td>Ada</td><td>20 nov. 2026, 20:03</td><td class="n">1\u202f500</td><td>oui</td>');
    expect(html).toContain('<p class="note">Fuseau horaire des heures indiquées\u00a0: heure d’Europe centrale.</p>');
    expect(html).not.toContain('not shown');
    expect(html).toContain('<caption id="table-2">Contenu de homework/marks.csv</caption>');
    expect(html).toContain('<td>1.6487</td>');
    expect(html).toContain(`<p>${messages.fr.archive.records(1)}</p>`);
    expect(html).toContain('<pre>Notes taken during the lecture</pre>');
    expect(html).toContain('<a href="lms-account/records.csv">records.csv</a>');
    expect(html).toContain('<img src="lms-account/photos/me%20%26%20you%20%231.png" alt="photos/me &amp; you #1.png">');
    expect(html).toContain(`(${messages.fr.size(2_048)})`);
    expect(html).toContain('<a href="index.html">← Toutes vos données</a>');
  });

  it('writes the codes an attribute holds in the words the system declares, in the learner’s language', async () => {
    const records = { 'records.json': JSON.stringify([{ course: 'Algorithms 101', role: 'student', status: 'completed' }, { course: 'Compilers', role: 'auditor', status: 'active' }]) };
    const enrolments = section([staged('records.json', 'application/json')], { system: 'lms-enrolments', title: 'Enrolments' });

    const html = await page(enrolments, DEMO_ART15['lms-enrolments'], 'fr', records);

    expect(html).toContain('<td>Algorithms 101</td><td>Apprenant</td><td>Terminé</td>');
    expect(html).toContain('<td>Compilers</td><td>auditor</td><td>En cours</td>'); // a code the system did not declare: as written
    expect(await page(enrolments, DEMO_ART15['lms-enrolments'], 'en', records)).toContain('<td>Algorithms 101</td><td>Learner</td><td>Completed</td>');
  });

  it('escapes every value it shows: attribute names, values, file names, the system’s note', async () => {
    const hostile = '<script>alert(1)</script>';
    const files = [staged(`x${hostile}.json`, 'application/json')];
    const html = await page(section(files, { title: hostile, note: hostile, status: 'partial' }), { ...DEMO_ART15.forum, categories: [{ en: hostile, fr: hostile }] }, 'en', {
      [files[0].name]: JSON.stringify([{ [hostile]: hostile, body: `" onmouseover="${hostile}` }]),
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('" onmouseover');
    expect(html).toContain(escapeHtml(hostile));
  });

  it('ends a table with a note when its file turns out not to be records, and offers the file still', async () => {
    const records = Array.from({ length: 60 }, (_v, i) => JSON.stringify({ a: i })).join(',');
    const html = await page(section([staged('records.json', 'application/json')]), undefined, 'en', { 'records.json': `[${records},{"a":` });
    expect(html).toContain('<td class="n">59</td></tr>\n</tbody></table></div>');
    expect(html).toContain(messages.en.archive.notShown);
    expect(html).toContain('<a href="lms-account/records.json">records.json</a>');
  });

  it('heads every column, an attribute named like an object\'s own property or not named at all included', async () => {
    const html = await page(section([staged('records.json', 'application/json'), staged('marks.csv', 'text/csv')]), DEMO_ART15['lms-account'], 'en', {
      'records.json': JSON.stringify([{ constructor: 1, toString: 2 }]),
      'marks.csv': ',grade\nAda,17\n',
    });
    expect(html).toContain('<th scope="col">Constructor</th><th scope="col">To string</th>');
    expect(html).toContain('<th scope="col">(no name)</th><th scope="col">Grade</th>');
  });

  it('holds a table to a hundred columns, the first included, however many attributes its records bring', async () => {
    const wide = Array.from({ length: 3 }, (_v, r) => Object.fromEntries(Array.from({ length: 2_000 }, (_w, k) => [`r${r}k${k}`, k])));
    const html = await page(section([staged('records.json', 'application/json')]), undefined, 'en', { 'records.json': JSON.stringify(wide) });
    expect(Math.max(...html.match(/<thead>.*<\/thead>/g)!.map((head) => head.split('<th ').length - 1))).toBe(100);
    expect(html.match(/<table>/g)).toHaveLength(1);
  });

  it('starts a continued table for a later record with another attribute, and keeps tables narrow when each record brings its own', async () => {
    const records = [...Array.from({ length: 50 }, (_v, i) => ({ id: i })), { id: 50, late: 'x' }, ...Array.from({ length: 150 }, (_v, i) => ({ [`own${i}`]: i }))];
    const html = await page(section([staged('records.json', 'application/json')]), undefined, 'en', { 'records.json': JSON.stringify(records) });
    expect(html).toContain('<caption id="table-1-2">Contents of records.json (continued)</caption>\n<thead><tr><th scope="col">Id</th><th scope="col">Late</th></tr></thead>');
    // Tables grow to a hundred columns, then stop: the rest is in the file offered beside them.
    expect(html).not.toContain('<th scope="col">Own149</th>');
    expect(html.match(/<table>/g)!.length).toBeLessThanOrEqual(100);
    expect(Math.max(...html.match(/<thead>.*<\/thead>/g)!.map((head) => head.split('<th ').length - 1))).toBeLessThanOrEqual(100);
    expect(html).toContain('201 records');
  });

  it('writes rows while the export is still being read: the page streams, it is not built whole', async () => {
    // Arrange: an export of which only the first 60 records have arrived.
    const source = new PassThrough();
    const rows = systemPage(section([staged('records.json', 'application/json')]), undefined, { locale: 'en', timeZone: 'UTC', open: () => source })[Symbol.asyncIterator]();
    source.write(`[${Array.from({ length: 60 }, (_v, i) => `${JSON.stringify({ id: `r-${i}` })},`).join('')}`);
    // Act: read the page until the 60th row comes out.
    let written = '';
    while (!written.includes('<td>r-59</td>')) written += (await rows.next()).value!.value;
    // Assess: it came before the file ended; the rest follows once it does.
    expect(source.writableEnded).toBe(false);
    source.end('{"id":"r-60"}]');
    for (let next = await rows.next(); !next.done; next = await rows.next()) written += next.value.value;
    expect(written).toContain('<td>r-60</td>');
    expect(written).toContain('61 records');
  });
});

describe('index.html', () => {
  const sections: ArchiveSection[] = [
    section([staged('records.json', 'application/json', 1_500)], { status: 'partial' }),
    { system: 'newsletter', title: 'Newsletter', status: 'not_found', files: [] },
    { system: 'forum', title: 'Forum <posts>', status: 'skipped', skippedReason: 'Le forum est en maintenance', files: [] },
  ];
  const facts = (locale: Locale) => ({ right: 'access' as const, receivedAt: '2026-12-01T08:00:00Z', createdAt: '2026-12-03T10:00:00Z', sections, locale, timeZone: 'Europe/Paris', formUrl: `https://privacy.example.org/?lang=${locale}` });

  for (const locale of LOCALES) {
    it(`sums up the request and the systems, and says the learner’s other rights (${locale})`, () => {
      const t = messages[locale];
      const html = renderIndex(facts(locale)).value;
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toContain(escapeHtml(t.archive.summary(t.rights.access, t.dateTime('2026-12-01T08:00:00Z', 'Europe/Paris'), t.dateTime('2026-12-03T10:00:00Z', 'Europe/Paris'))));
      // Which systems hold data (linked to their page), which hold none, which could not be asked and why.
      expect(html).toMatch(new RegExp(`<h2 id="holding">${t.archive.holding}</h2>[^]*<a href="lms-account.html">Learning platform: account</a>[^]*${escapeHtml(t.archive.partial)}[^]*${t.systems.files(1)}`));
      expect(html).toMatch(new RegExp(`<h2>${escapeHtml(t.archive.holdingNone)}</h2>\\s*<ul><li>Newsletter</li></ul>`));
      expect(html).toMatch(new RegExp(`<h2>${escapeHtml(t.archive.notAsked)}</h2>\\s*<ul><li>Forum &lt;posts&gt;[^]*Le forum est en maintenance`));
      expect(html).not.toContain('href="newsletter.html"');
      // Art. 15(1)(e)–(f): the other rights, and the right to complain; where to ask.
      for (const text of [...t.archive.rights, t.archive.consent, t.archive.complaint]) expect(html).toContain(escapeHtml(text));
      expect(html).toContain(`<a href="https://privacy.example.org/?lang=${locale}">`);
      expect(html).toContain('<a href="manifest.json">manifest.json</a>');
    });
  }
});
