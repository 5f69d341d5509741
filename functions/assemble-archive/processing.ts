import type { Art15Declaration, Translated } from '../connectors/art15.js';
import type { Messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import { html, type SafeHtml } from '../shared/web/html.js';

/** A declared text in the learner's language (synth requires every language offered; another one rather than nothing). */
export const inLanguage = (text: Translated, locale: Locale): string => text[locale] ?? Object.values(text).find(Boolean) ?? '';

/**
 * What a system does with the learner's data, as it declared it (Art. 15(1)(a)–(d), (g),
 * (h) and 15(2) GDPR): why, on which legal basis, which data, who receives it and where,
 * for how long, where it comes from, and automated decisions, each said even when it is
 * "none" or "from you".
 */
export function processingSection(declaration: Art15Declaration, locale: Locale, t: Messages['archive']): SafeHtml {
  const text = (value: Translated) => inLanguage(value, locale);
  return html`<h2>${t.processingTitle}</h2>
<h3>${t.purposes}</h3>
<ul>${declaration.purposes.map(
    (p) => html`<li>${text(p.purpose)}<br><span class="note">${t.legalBasis(t.legalBases[p.legalBasis])}${p.interest ? html` ${t.interest(text(p.interest))}` : ''}</span></li>`,
  )}</ul>
<h3>${t.categories}</h3>
<ul>${declaration.categories.map((c) => html`<li>${text(c)}</li>`)}</ul>
<h3>${t.recipients}</h3>
${
  declaration.recipients.length
    ? html`<ul>${declaration.recipients.map(
        (r) => html`<li>${text(r.name)}${r.country && r.safeguard ? html`<br><span class="note">${t.transfer(t.country(r.country), t.safeguards[r.safeguard])}</span>` : ''}</li>`,
      )}</ul>`
    : html`<p>${t.noRecipients}</p>`
}
<h3>${t.retention}</h3>
<p>${text(declaration.retention)}</p>
<h3>${t.source}</h3>
<p>${declaration.source ? text(declaration.source) : t.fromYou}</p>
<h3>${t.automated}</h3>
<p>${declaration.automatedDecisions ? text(declaration.automatedDecisions) : t.noAutomated}</p>
`;
}
