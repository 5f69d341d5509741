import { messages } from '../shared/i18n.js';
import type { Locale, Right } from '../shared/rights.js';
import { html, type SafeHtml } from '../shared/web/html.js';
import type { ArchiveSection } from './archive.js';
import { pageEnd, pageStart } from './page-frame.js';
import { href, systemPagePath } from './paths.js';
import { holding, statusNotes } from './section-status.js';

export interface IndexFacts {
  right: Right;
  receivedAt: string;
  createdAt: string;
  sections: ArchiveSection[];
  locale: Locale;
  timeZone: string;
  /** The request form, in the learner's language: where to exercise their other rights. */
  formUrl: string;
}

/**
 * index.html of the archive, in the learner's language: what was asked and when it was
 * answered; the systems that hold data (each linking to its page), those that hold none,
 * those that could not be asked and why; the learner's other rights (Art. 15(1)(e)–(f));
 * what the formats are for, and manifest.json, the proof.
 */
export function renderIndex(facts: IndexFacts): SafeHtml {
  const t = messages[facts.locale];
  const a = t.archive;
  const bySystems = (kind: ReturnType<typeof holding>) => facts.sections.filter((s) => holding(s) === kind);
  const withData = bySystems('data');
  const withNone = bySystems('none');
  const notAsked = bySystems('not_asked');
  return html`${pageStart(facts.locale, a.title)}<h1>${a.title}</h1>
<p>${a.summary(t.rights[facts.right], t.dateTime(facts.receivedAt, facts.timeZone), t.dateTime(facts.createdAt, facts.timeZone))}</p>
${
  withData.length
    ? html`<h2 id="holding">${a.holding}</h2>
<div class="region" role="region" tabindex="0" aria-labelledby="holding"><table>
<thead><tr><th scope="col">${a.system}</th><th scope="col" class="n">${a.files}</th><th scope="col" class="n">${a.size}</th></tr></thead>
<tbody>${withData.map(
        (s) => html`<tr><td><a href="${href(systemPagePath(s.system))}">${s.title}</a>${statusNotes(s, a)}</td><td class="n">${t.systems.files(s.files.length)}</td><td class="n">${t.size(s.files.reduce((n, f) => n + f.bytes, 0))}</td></tr>\n`,
      )}</tbody>
</table></div>`
    : ''
}
${withNone.length ? html`<h2>${a.holdingNone}</h2>\n<ul>${withNone.map((s) => html`<li>${s.title}</li>`)}</ul>` : ''}
${notAsked.length ? html`<h2>${a.notAsked}</h2>\n<ul>${notAsked.map((s) => html`<li>${s.title}${statusNotes(s, a)}</li>`)}</ul>` : ''}
<h2>${a.rightsTitle}</h2>
<p>${a.rightsIntro}</p>
<ul>${a.rights.map((r) => html`<li>${r}</li>`)}</ul>
<p>${a.consent}</p>
<p>${a.howToAsk} <a href="${facts.formUrl}">${facts.formUrl}</a></p>
<p>${a.complaint}</p>
<h2>${a.aboutTitle}</h2>
<p>${a.formats}</p>
<p><a href="manifest.json">manifest.json</a> ${a.proof}</p>
${pageEnd()}`;
}
