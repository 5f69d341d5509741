import { messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import { REASON_MAX_LENGTH, type FieldProblems } from '../shared/validation.js';
import { describedBy, fieldError } from '../shared/web/form-errors.js';
import { html, type SafeHtml } from '../shared/web/html.js';

/**
 * The form of every DPO answer: a choice, and a reason (required for one of the options,
 * said in its hint). Errors stand beside their fields; values are kept on a retry.
 */
export function choiceForm(options: {
  locale: Locale;
  field: string;
  choices: Array<[value: string, label: string]>;
  reasonLabel: string;
  reasonHint: string;
  values?: Record<string, unknown>;
  problems?: FieldProblems;
  /** Fields of the form that come before the choice (e.g. corrected values). */
  lead?: SafeHtml;
}): SafeHtml {
  const t = messages[options.locale];
  const problems = options.problems ?? {};
  const chosen = options.values?.[options.field];
  const reason = typeof options.values?.reason === 'string' ? options.values.reason : '';
  const error = (name: string) => fieldError(options.locale, problems, name);
  return html`<form method="post">
${options.lead ?? ''}
<fieldset${describedBy(problems, options.field)}>
<legend>${t.fieldNames.decision}</legend>
${error(options.field)}
${options.choices.map(([value, label], i) => html`<label class="choice"><input type="radio" name="${options.field}" value="${value}"${i === 0 ? html` required` : ''}${chosen === value ? html` checked` : ''}> <span>${label}</span></label>`)}
</fieldset>
<label for="reason">${options.reasonLabel}<span class="hint" id="reason-hint">${options.reasonHint}</span></label>
${error('reason')}
<textarea id="reason" name="reason" maxlength="${REASON_MAX_LENGTH}"${describedBy(problems, 'reason', 'reason-hint')}${problems.reason ? html` class="invalid" aria-invalid="true"` : ''}>${reason}</textarea>
<button type="submit">${t.dpo.submit}</button>
</form>`;
}
