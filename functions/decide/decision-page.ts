import { messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import { requestFacts } from '../shared/request-facts.js';
import type { DsrRequest } from '../shared/store/requests.js';
import { REASON_MAX_LENGTH, type FieldProblems } from '../shared/validation.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, type ApiResult } from '../shared/web/http.js';

/** The decision page: the request, approve or reject, and a reason (required to reject). */
export function decisionPage(
  statusCode: number,
  request: DsrRequest,
  locale: Locale,
  timeZone: string,
  state: { values?: Record<string, unknown>; problems?: FieldProblems } = {},
): ApiResult {
  const t = messages[locale];
  const problems = state.problems ?? {};
  const chosen = state.values?.decision;
  const reason = typeof state.values?.reason === 'string' ? state.values.reason : '';
  const error = (name: string) => (problems[name] ? html`<span class="error" id="${name}-error">${t.problems[problems[name]]}</span>` : '');
  const body = html`<h1>${t.dpo.pageTitle}</h1>
<dl>${requestFacts(request, locale, timeZone).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<form method="post">
<fieldset${problems.decision ? html` aria-describedby="decision-error"` : ''}>
<legend>${t.fieldNames.decision}</legend>
${error('decision')}
<label class="choice"><input type="radio" name="decision" value="approve" required${chosen === 'approve' ? html` checked` : ''}> <span>${t.dpo.approve}</span></label>
<label class="choice"><input type="radio" name="decision" value="reject"${chosen === 'reject' ? html` checked` : ''}> <span>${t.dpo.reject}</span></label>
</fieldset>
<label for="reason">${t.dpo.reason}<span class="hint" id="reason-hint">${t.dpo.reasonHint}</span></label>
${error('reason')}
<textarea id="reason" name="reason" maxlength="${REASON_MAX_LENGTH}" aria-describedby="reason-hint${problems.reason ? ' reason-error' : ''}"${problems.reason ? html` class="invalid" aria-invalid="true"` : ''}>${reason}</textarea>
<button type="submit">${t.dpo.submit}</button>
</form>`;
  return htmlResponse(statusCode, locale, t.dpo.pageTitle, body);
}
