import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Breach } from '../shared/breach.js';
import { sfnClient } from '../shared/clients/sfn.js';
import { deps, type Deps } from '../shared/context.js';
import { LinkError, NotFoundError } from '../shared/errors.js';
import { messages } from '../shared/i18n.js';
import { resumeWithLink } from '../shared/resume.js';
import { errorPages } from '../shared/web/error-pages.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, messagePage, methodNotAllowed, readFields, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { logger } from '../shared/logger.js';
import { orLinkProblem } from '../shared/web/link-pages.js';
import { dpoLocale } from '../shared/web/locale.js';
import type { Locale } from '../shared/rights.js';

/**
 * GET /communications/{token} shows the DPO the message to the people concerned by a
 * breach, every language's version, and how many addresses it goes to; it changes
 * nothing. POST sends it: the communication's workflow resumes, once.
 */
export async function approveCommunication(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  const locale = dpoLocale(event, d.config.languages);
  const t = messages[locale];
  if (event.httpMethod !== 'GET' && event.httpMethod !== 'POST') throw methodNotAllowed(locale);
  return orLinkProblem(
    () => locale,
    async () => {
      const link = await d.links.inspect(token, 'communication', d.now());
      const breach = await d.breaches.get(link.requestId);
      if (!breach?.communication) throw new NotFoundError(`breach ${link.requestId} has no communication for a live link`);
      // A link of another ask (one that lapsed), or sent already: it waits on nothing.
      if (breach.communication.state !== 'awaiting_approval') throw new LinkError('expired', { requestId: breach.breachId });
      const count = breach.communication.recipients ?? 0;
      if (event.httpMethod === 'GET') return page(breach, count, d, locale);
      readFields(event); // the button sends nothing: a body that says two things is refused before the link acts
      // The workflow records the approval and begins (RecordTheApproval): the page only answers the step.
      await resumeWithLink(d, token, 'communication', { approvedAt: d.now().toISOString() });
      return messagePage(200, locale, t.communication.doneTitle, t.communication.donePage(count));
    },
  );
}

function page(breach: Breach, count: number, d: Deps, locale: Locale): ApiResult {
  const t = messages[locale];
  const versions = d.config.languages.map((language) => ({ language, text: breach.communication!.texts[language] }));
  return htmlResponse(200, locale, t.communication.pageTitle, html`<h1>${t.communication.pageTitle}</h1>
<p>${t.communication.pageExplain(count)}</p>
${versions.map(({ language, text }) => html`<section lang="${language}"><h2>${t.communication.language(language)}</h2><p><strong>${text?.subject ?? ''}</strong></p>${(text?.body ?? '').split(/\n\s*\n/).map((paragraph) => html`<p>${paragraph.split('\n').map((line, i) => html`${i ? html`<br>` : ''}${line}`)}</p>`)}</section>`)}
<form method="post"><button type="submit">${t.communication.button}</button></form>`);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(errorPages(() => deps().config.languages))
  .handler((event) => approveCommunication(event, deps({ sfn: sfnClient() })));
