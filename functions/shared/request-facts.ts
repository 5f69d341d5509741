import { messages } from './i18n.js';
import { purposesText } from './purposes.js';
import type { Locale, Purpose } from './rights.js';
import type { DsrRequest } from './store/requests.js';
import { html, type SafeHtml } from './web/html.js';

/** The facts of a request, as the DPO reads them in the email and on the page. */
export function requestFacts(request: DsrRequest, locale: Locale, timeZone: string, purposes: Purpose[] = []): Array<[string, string]> {
  const t = messages[locale];
  const f = t.dpo.fields;
  return [
    [f.requestId, request.requestId],
    [f.type, t.rights[request.type]],
    [f.email, request.email],
    // The DPO writes a rejection's reason in it.
    [f.language, new Intl.DisplayNames([locale], { type: 'language' }).of(request.locale) ?? request.locale],
    [f.receivedAt, t.dateTime(request.receivedAt, timeZone)],
    [f.dueDate, t.date(request.dueDate)],
    ...(request.purposes?.length ? [[t.fieldNames.purposes, purposesText(request.purposes, purposes, locale)] as [string, string]] : []),
    [f.details, request.details ?? f.none],
  ];
}

/** The facts as a definition list, for the DPO's pages. */
export function factsList(request: DsrRequest, locale: Locale, timeZone: string, purposes: Purpose[] = [], more: Array<[string, string]> = []): SafeHtml {
  return html`<dl>${[...requestFacts(request, locale, timeZone, purposes), ...more].map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}
