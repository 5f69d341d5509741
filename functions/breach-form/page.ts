import { BREACH_NATURES, BREACH_RISKS } from '../shared/breach.js';
import { messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import type { FieldProblems } from '../shared/validation.js';
import { describedBy, errorSummary, fieldError } from '../shared/web/form-errors.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, type ApiResult } from '../shared/web/http.js';

const TEXTS = ['summary', 'consequences', 'measures'] as const;
const LINES = ['categoriesOfPeople', 'recordCategories', 'contact'] as const;
const COUNTS = ['peopleCount', 'recordCount'] as const;

/**
 * The DPO's form to record a breach: plain HTML without JavaScript, each error beside its
 * field, the values kept on a retry. Times are the controller's local time.
 */
export function breachFormPage(statusCode: number, locale: Locale, timeZone: string, state: { values?: Record<string, unknown>; problems?: FieldProblems } = {}): ApiResult {
  const t = messages[locale];
  const f = t.breachForm;
  const values = state.values ?? {};
  const problems = state.problems ?? {};
  const value = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const error = (name: string) => fieldError(locale, problems, name);
  const invalid = (name: string) => (problems[name] ? html` class="invalid" aria-invalid="true"${describedBy(problems, name)}` : '');
  const label = (name: keyof typeof f.fields) => html`<label for="${name}">${f.fields[name]}</label>${error(name)}`;
  // Every field has an input with its id (a group: its first choice), so every problem links to one.
  const shown = Object.keys(f.fields);
  const body = html`<h1>${f.title}</h1>
<p>${f.intro(t.zoneName(timeZone))}</p>
${errorSummary(locale, problems, f.fields, shown)}
<form method="post" novalidate>
${label('awareAt')}<input type="datetime-local" id="awareAt" name="awareAt" required value="${value('awareAt')}"${invalid('awareAt')}>
${label('occurredAt')}<input type="datetime-local" id="occurredAt" name="occurredAt" value="${value('occurredAt')}"${invalid('occurredAt')}>
${label('summary')}<textarea id="summary" name="summary" required maxlength="4000"${invalid('summary')}>${value('summary')}</textarea>
<fieldset${describedBy(problems, 'risk')}><legend>${f.fields.risk}</legend>${error('risk')}
${BREACH_RISKS.map((risk, i) => html`<label class="choice"><input${i === 0 ? html` id="risk"` : ''} type="radio" name="risk" value="${risk}"${i === 0 ? html` required` : ''}${value('risk') === risk ? html` checked` : ''}> <span>${t.breach.risks[risk]}</span></label>`)}
</fieldset>
<fieldset${describedBy(problems, 'nature')}><legend>${f.fields.nature}</legend>${error('nature')}
${BREACH_NATURES.map((nature, i) => html`<label class="choice"><input${i === 0 ? html` id="nature"` : ''} type="checkbox" name="nature" value="${nature}"${[values.nature ?? []].flat().includes(nature) ? html` checked` : ''}> <span>${f.natures[nature]}</span></label>`)}
</fieldset>
${LINES.slice(0, 2).map((name) => html`${label(name)}<input type="text" id="${name}" name="${name}" maxlength="500" value="${value(name)}"${invalid(name)}>`)}
${COUNTS.map((name) => html`${label(name)}<input type="number" id="${name}" name="${name}" min="0" step="1" value="${value(name)}"${invalid(name)}>`)}
${TEXTS.slice(1).map((name) => html`${label(name)}<textarea id="${name}" name="${name}" maxlength="2000"${invalid(name)}>${value(name)}</textarea>`)}
${label('contact')}<input type="text" id="contact" name="contact" maxlength="500" value="${value('contact')}"${invalid('contact')}>
<button type="submit">${f.submit}</button>
</form>`;
  return htmlResponse(statusCode, locale, f.title, body);
}
