import { systemLines } from '../shared/gates.js';
import { messages } from '../shared/i18n.js';
import type { Locale } from '../shared/rights.js';
import { factsList } from '../shared/request-facts.js';
import type { DsrRequest } from '../shared/store/requests.js';
import type { FieldProblems } from '../shared/validation.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, type ApiResult } from '../shared/web/http.js';
import { choiceForm } from './choice-form.js';

/** The DPO's pages, one per gate: decide on a request, deal with failed systems, release an archive. */
export interface PageState {
  values?: Record<string, unknown>;
  problems?: FieldProblems;
}

/** The decision page: the request, approve or reject, and a reason (required to reject). */
export function decisionPage(statusCode: number, request: DsrRequest, locale: Locale, timeZone: string, state: PageState = {}): ApiResult {
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
  return htmlResponse(statusCode, locale, t.dpo.pageTitle, html`<h1>${t.dpo.pageTitle}</h1>
${factsList(request, locale, timeZone)}
${form}`);
}

/** The page for systems that failed: which, why, and retry or go on (with a reason). */
export function failedSystemsPage(statusCode: number, request: DsrRequest, titles: Record<string, string>, locale: Locale, timeZone: string, state: PageState = {}): ApiResult {
  const t = messages[locale];
  const form = choiceForm({
    locale,
    field: 'choice',
    choices: [
      ['retry', t.attention.retry],
      ['proceed', t.attention.proceed],
    ],
    reasonLabel: t.attention.reason,
    reasonHint: t.attention.reasonHint,
    ...state,
  });
  return htmlResponse(statusCode, locale, t.attention.pageTitle, html`<h1>${t.attention.pageTitle}</h1>
${factsList(request, locale, timeZone)}
<p>${t.attention.intro}</p>
<pre>${systemLines(request, titles, locale, (s) => s === 'failed')}</pre>
${form}`);
}

/** The release page: what the archive holds, and one button. */
export function releasePage(request: DsrRequest, titles: Record<string, string>, locale: Locale, timeZone: string): ApiResult {
  const t = messages[locale];
  return htmlResponse(200, locale, t.release.pageTitle, html`<h1>${t.release.pageTitle}</h1>
${factsList(request, locale, timeZone)}
<p>${t.release.intro(request.archive?.fileCount ?? 0, t.size(request.archive?.bytes ?? 0))}</p>
<pre>${systemLines(request, titles, locale)}</pre>
<form method="post"><button type="submit">${t.release.button}</button></form>`);
}
