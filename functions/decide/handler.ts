import middy from '@middy/core';
import { deps, type Deps } from '../shared/context.js';
import { HttpError, NotFoundError } from '../shared/errors.js';
import { messages } from '../shared/i18n.js';
import { resumeWithLink } from '../shared/resume.js';
import { validateDecision } from '../shared/validation.js';
import { errorPages } from '../shared/web/error-pages.js';
import { messagePage, readFields, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { orLinkProblem } from '../shared/web/link-pages.js';
import { decisionPage } from './decision-page.js';

/** What the DPO's decision gives the workflow. */
export interface DecisionOutput {
  decision: 'approve' | 'reject';
  reason?: string;
  decidedAt: string;
}

/**
 * GET /decisions/{token} shows the request and the choices; it changes nothing.
 * POST /decisions/{token} with `decision=approve|reject` (and `reason` to reject) resumes
 * the workflow once. An invalid form is shown again and does not use up the link.
 */
export async function decide(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  const locale = d.config.languages[0];
  const { timeZone } = d.config.calendar;
  return orLinkProblem(
    () => locale,
    async () => {
      const link = await d.links.inspect(token, 'decision', d.now());
      const request = await d.requests.get(link.requestId);
      if (!request) throw new NotFoundError(`request ${link.requestId} not found for a live link`);
      if (event.httpMethod === 'GET') return decisionPage(200, request, locale, timeZone);
      if (event.httpMethod !== 'POST') throw new HttpError(405, 'Method not allowed.');

      const { fields } = readFields(event);
      const checked = validateDecision(fields);
      if (!checked.ok) return decisionPage(400, request, locale, timeZone, { values: fields, problems: checked.problems });
      const output: DecisionOutput = { ...checked.value, decidedAt: d.now().toISOString() };
      await resumeWithLink(d, token, 'decision', { ...output });
      const t = messages[locale].dpo;
      return output.decision === 'approve' ? messagePage(200, locale, t.approvedTitle, t.approved) : messagePage(200, locale, t.rejectedTitle, t.rejected);
    },
  );
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(errorPages())
  .handler((event) => decide(event, deps()));
