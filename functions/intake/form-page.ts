import { LANGUAGE_NAMES, messages } from '../shared/i18n.js';
import { RIGHTS, type Locale, type Purpose } from '../shared/rights.js';
import { purposeTitle } from '../shared/purposes.js';
import type { FieldProblems } from '../shared/validation.js';
import { DETAILS_MAX_LENGTH } from '../shared/validation.js';
import { describedBy, errorSummary, fieldError } from '../shared/web/form-errors.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, type ApiResult } from '../shared/web/http.js';

export interface FormState {
  values?: Record<string, unknown>;
  problems?: FieldProblems;
  /** Why the form is shown again, above the fields' problems (a form too large to read). */
  message?: string;
}

/**
 * The request form. Plain HTML that works without JavaScript: labels on every field,
 * each error beside its field and summarised at the top (the summary takes focus and
 * links to each field), the values kept on a retry.
 */
export function formPage(statusCode: number, locale: Locale, languages: readonly Locale[], purposes: readonly Purpose[], state: FormState = {}): ApiResult {
  const t = messages[locale];
  const values = state.values ?? {};
  const problems = state.problems ?? {};
  const value = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const error = (name: string) => fieldError(locale, problems, name);
  const invalid = (name: string) => (problems[name] ? html` class="invalid" aria-invalid="true"` : '');
  const other = languages.find((l) => l !== locale);
  // Each field the summary links to has the field's id: an input, or a group's first choice.
  const shown = ['email', 'type', 'details', ...(purposes.length ? ['purposes'] : [])];

  const body = html`
${other ? html`<nav><a href="./?lang=${other}" lang="${other}">${LANGUAGE_NAMES[other]}</a></nav>` : ''}
<h1>${t.form.title}</h1>
<p>${t.form.intro}</p>
${errorSummary(locale, problems, t.fieldNames, shown, state.message)}
<form method="post" action="requests" novalidate>
<input type="hidden" name="locale" value="${locale}">
<label for="email">${t.form.email}<span class="hint" id="email-hint">${t.form.emailHint}</span></label>
${error('email')}
<input type="email" id="email" name="email" autocomplete="email" required maxlength="254" value="${value('email')}"${describedBy(problems, 'email', 'email-hint')}${invalid('email')}>
<fieldset${describedBy(problems, 'type')}>
<legend>${t.form.type}</legend>
${error('type')}
${RIGHTS.map((right, i) => html`<label class="choice"><input${i === 0 ? html` id="type"` : ''} type="radio" name="type" value="${right}" required${value('type') === right ? html` checked` : ''}> <span>${t.rights[right]}</span></label>`)}
</fieldset>
<fieldset${describedBy(problems, 'purposes', 'purposes-hint')}>
<legend>${t.form.purposes}<span class="hint" id="purposes-hint">${t.form.purposesHint}</span></legend>
${error('purposes')}
${purposes.map((p, i) => html`<label class="choice"><input${i === 0 ? html` id="purposes"` : ''} type="checkbox" name="purposes" value="${p.id}"${[values.purposes ?? []].flat().includes(p.id) ? html` checked` : ''}> <span>${purposeTitle(p.id, [...purposes], locale)}</span></label>`)}
</fieldset>
<label for="details">${t.form.details}<span class="hint" id="details-hint">${t.form.detailsHint}</span></label>
${error('details')}
<textarea id="details" name="details" maxlength="${DETAILS_MAX_LENGTH}"${describedBy(problems, 'details', 'details-hint')}${invalid('details')}>${value('details')}</textarea>
<button type="submit">${t.form.submit}</button>
</form>`;
  return htmlResponse(statusCode, locale, t.form.title, body);
}

/** What a form post sees once the request is received. */
export function receivedPage(locale: Locale, dueDate: string): ApiResult {
  const t = messages[locale];
  return htmlResponse(202, locale, t.form.receivedTitle, html`<h1>${t.form.receivedTitle}</h1><p class="notice">${t.form.received(t.date(dueDate))}</p>`);
}
