import middy from '@middy/core';
import { deps, type Deps } from '../shared/context.js';
import { HttpError, NotFoundError, type LinkError } from '../shared/errors.js';
import { messages, negotiateLocale } from '../shared/i18n.js';
import { resumeWithLink } from '../shared/resume.js';
import type { Locale } from '../shared/rights.js';
import { errorPages } from '../shared/web/error-pages.js';
import { html } from '../shared/web/html.js';
import { header, htmlResponse, messagePage, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { orLinkProblem } from '../shared/web/link-pages.js';

/**
 * GET /verify/{token} shows what confirming does and a button; it changes nothing (mail
 * scanners fetch links). POST /verify/{token} confirms once and resumes the workflow.
 */
export async function verifyAddress(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  const browserLocale: Locale = negotiateLocale(header(event, 'accept-language'), d.config.languages);
  // A known link speaks the learner's language even when it can no longer act.
  const localeFor = async (error: LinkError) => (error.requestId && (await d.requests.get(error.requestId))?.locale) || browserLocale;
  return orLinkProblem(
    localeFor,
    async () => {
      const link = await d.links.inspect(token, 'verify', d.now());
      const request = await d.requests.get(link.requestId);
      if (!request) throw new NotFoundError(`request ${link.requestId} not found for a live link`);
      const locale = request.locale;
      const t = messages[locale];
      if (event.httpMethod === 'GET') {
        return htmlResponse(200, locale, t.verify.title, html`<h1>${t.verify.title}</h1>
<p>${t.verify.explain(t.rights[request.type])}</p>
<form method="post"><button type="submit">${t.verify.button}</button></form>`);
      }
      if (event.httpMethod !== 'POST') throw new HttpError(405, 'Method not allowed.');
      await resumeWithLink(d, token, 'verify', { verifiedAt: d.now().toISOString() });
      return messagePage(200, locale, t.verify.doneTitle, t.verify.done);
    },
  );
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(errorPages())
  .handler((event) => verifyAddress(event, deps()));
