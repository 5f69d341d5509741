import { messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import { requestFacts } from '../shared/request-facts.js';
import type { DsrRequest } from '../shared/store/requests.js';
import type { FieldProblems } from '../shared/validation.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, type ApiResult } from '../shared/web/http.js';
import { choiceForm } from './choice-form.js';

/** The decision page: the request, approve or reject, and a reason (required to reject). */
export function decisionPage(
  statusCode: number,
  request: DsrRequest,
  locale: Locale,
  timeZone: string,
  state: { values?: Record<string, unknown>; problems?: FieldProblems } = {},
): ApiResult {
  const t = messages[locale];
  const form = choiceForm({
    locale,
    field: 'decision',
    choices: [
      ['approve', t.dpo.approve],
      ['reject', t.dpo.reject],
    ],
    reasonLabel: t.dpo.reason,
    reasonHint: t.dpo.reasonHint,
    ...state,
  });
  const body = html`<h1>${t.dpo.pageTitle}</h1>
<dl>${requestFacts(request, locale, timeZone).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
${form}`;
  return htmlResponse(statusCode, locale, t.dpo.pageTitle, body);
}
