import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3Client } from '../shared/clients/s3.js';
import { deps, type Deps } from '../shared/context.js';
import { LinkError, NotFoundError } from '../shared/errors.js';
import { messages } from '../shared/i18n.js';
import { errorPages } from '../shared/web/error-pages.js';
import { html } from '../shared/web/html.js';
import { htmlResponse, messagePage, methodNotAllowed, readFields, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { logger } from '../shared/logger.js';
import { learnersLanguage, orLinkProblem } from '../shared/web/link-pages.js';
import { readerLocale } from '../shared/web/locale.js';

/** How long the S3 address a download redirects to lives: minutes, not days. */
const PRESIGNED_SECONDS = 300;

/**
 * GET /downloads/{token}: the archive's size and expiry, and a button. POST answers 303
 * to a presigned S3 URL that lives five minutes. The link works until it expires, as
 * often as needed; each download is audited.
 */
export async function download(event: ApiEvent, d: Deps, s3 = s3Client()): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  const localeFor = learnersLanguage(d, event);
  return orLinkProblem(localeFor, async () => {
    const now = d.now();
    let link;
    try {
      link = await d.links.inspect(token, 'download', now);
    } catch (error) {
      if (error instanceof LinkError && error.problem === 'expired') {
        const locale = await localeFor(error);
        return messagePage(410, locale, messages[locale].download.expiredTitle, messages[locale].download.expired);
      }
      throw error;
    }
    const request = await d.requests.get(link.requestId);
    if (!request?.archive) throw new NotFoundError(`no archive for request ${link.requestId}`);
    const locale = readerLocale(event, d.config.languages, request.locale);
    const t = messages[locale];
    const filename = `data-${request.receivedAt.slice(0, 10)}-${request.requestId.slice(0, 8)}.zip`;
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: d.config.archiveBucket, Key: request.archive.key, ResponseContentDisposition: `attachment; filename="${filename}"`, ResponseContentType: 'application/zip' }),
      { expiresIn: PRESIGNED_SECONDS },
    );
    if (event.httpMethod === 'GET') {
      const expires = t.dateTime(link.expiresAt, d.config.calendar.timeZone);
      // The button's POST is answered by a redirect to S3: the page's CSP must let the form go there.
      return htmlResponse(200, locale, t.download.pageTitle, html`<h1>${t.download.pageTitle}</h1>
<p>${t.download.page(t.size(request.archive.bytes), expires)}</p>
<form method="post"><button type="submit">${t.download.button}</button></form>`, [new URL(url).origin]);
    }
    if (event.httpMethod !== 'POST') throw methodNotAllowed(locale);
    readFields(event); // the button sends nothing: a body that says two things is refused
    await d.audit.append({ requestId: request.requestId, at: now.toISOString(), actor: 'learner', event: 'archive_downloaded' });
    return { statusCode: 303, headers: { Location: url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }, body: '' };
  });
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(errorPages(() => deps().config.languages))
  .handler((event) => download(event, deps()));
