import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { sfnClient } from '../shared/clients/sfn.js';
import { deps, type Deps } from '../shared/context.js';
import { NotFoundError } from '../shared/errors.js';
import { messages } from '../shared/i18n.js';
import { resumeWithLink } from '../shared/resume.js';
import { errorPages } from '../shared/web/error-pages.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, messagePage, methodNotAllowed, readFields, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { logger } from '../shared/logger.js';
import { count } from '../shared/metrics.js';
import { learnersLanguage, orLinkProblem } from '../shared/web/link-pages.js';
import { readerLocale } from '../shared/web/locale.js';

/**
 * GET /verify/{token} shows what confirming does and a button; it changes nothing (mail
 * scanners fetch links). POST /verify/{token} confirms once and resumes the workflow.
 */
export async function verifyAddress(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  if (event.httpMethod !== 'GET' && event.httpMethod !== 'POST') throw methodNotAllowed();
  // The button sends nothing: a body that says two things is refused before the link acts.
  if (event.httpMethod === 'POST') readFields(event);
  return orLinkProblem(learnersLanguage(d, event), async () => {
    // POST acts at once (consuming checks the link); GET only looks.
    const link = event.httpMethod === 'POST' ? await resumeWithLink(d, token, 'verify', { verifiedAt: d.now().toISOString() }) : await d.links.inspect(token, 'verify', d.now());
    const request = await d.requests.get(link.requestId);
    if (!request) throw new NotFoundError(`request ${link.requestId} not found for a live link`);
    const locale = readerLocale(event, d.config.languages, request.locale);
    const t = messages[locale];
    if (event.httpMethod === 'POST') {
      count('RequestsVerified');
      return messagePage(200, locale, t.verify.doneTitle, t.verify.done);
    }
    return htmlResponse(200, locale, t.verify.title, html`<h1>${t.verify.title}</h1>
<p>${t.verify.explain(t.rights[request.type])}</p>
<form method="post"><button type="submit">${t.verify.button}</button></form>`);
  });
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(errorPages(() => deps().config.languages))
  .handler((event) => verifyAddress(event, deps({ sfn: sfnClient() })));
