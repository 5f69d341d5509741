import middy from '@middy/core';
import { deps, type Deps } from '../shared/context.js';
import { HttpError, NotFoundError } from '../shared/errors.js';
import { GATES, type Gate } from '../shared/gates.js';
import { messages } from '../shared/i18n.js';
import { resumeWithLink } from '../shared/resume.js';
import type { DsrRequest } from '../shared/store/requests.js';
import { validateDecision, validateFailedSystemsChoice } from '../shared/validation.js';
import { errorPages } from '../shared/web/error-pages.js';
import { messagePage, readFields, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { orLinkProblem } from '../shared/web/link-pages.js';
import { decisionPage, failedSystemsPage, releasePage } from './gate-pages.js';

/** What the DPO's decision gives the workflow. */
export interface DecisionOutput {
  decision: 'approve' | 'reject';
  reason?: string;
  decidedAt: string;
}

/**
 * GET /decisions/{token} shows the gate the link stands for (a request to decide, systems
 * that failed, an archive to release) and its choices; it changes nothing.
 * POST /decisions/{token} records the answer and resumes the workflow once. An invalid
 * form is shown again and does not use up the link.
 */
export async function decide(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  const locale = d.config.languages[0];
  const { timeZone } = d.config.calendar;
  const titles = Object.fromEntries(d.config.systems.map((s) => [s.name, s.title]));
  return orLinkProblem(
    () => locale,
    async () => {
      const link = await d.links.inspect(token, [...GATES], d.now());
      const request = await d.requests.get(link.requestId);
      if (!request) throw new NotFoundError(`request ${link.requestId} not found for a live link`);
      const gate = link.purpose as Gate;
      if (event.httpMethod === 'GET') {
        if (gate === 'attention') return failedSystemsPage(200, request, titles, locale, timeZone);
        if (gate === 'release') return releasePage(request, titles, locale, timeZone);
        return decisionPage(200, request, locale, timeZone);
      }
      if (event.httpMethod !== 'POST') throw new HttpError(405, 'Method not allowed.');
      return answer(gate, event, request, token, d, titles);
    },
  );
}

async function answer(gate: Gate, event: ApiEvent, request: DsrRequest, token: string, d: Deps, titles: Record<string, string>): Promise<ApiResult> {
  const locale = d.config.languages[0];
  const { timeZone } = d.config.calendar;
  const t = messages[locale];
  const { fields } = readFields(event);
  const at = d.now().toISOString();
  if (gate === 'decision') {
    const checked = validateDecision(fields);
    if (!checked.ok) return decisionPage(400, request, locale, timeZone, { values: fields, problems: checked.problems });
    const output: DecisionOutput = { ...checked.value, decidedAt: at };
    await resumeWithLink(d, token, gate, { ...output });
    return output.decision === 'approve' ? messagePage(200, locale, t.dpo.approvedTitle, t.dpo.approved) : messagePage(200, locale, t.dpo.rejectedTitle, t.dpo.rejected);
  }
  if (gate === 'attention') {
    const checked = validateFailedSystemsChoice(fields);
    if (!checked.ok) return failedSystemsPage(400, request, titles, locale, timeZone, { values: fields, problems: checked.problems });
    await resumeWithLink(d, token, gate, { ...checked.value, decidedAt: at });
    return checked.value.choice === 'retry' ? messagePage(200, locale, t.attention.retryTitle, t.attention.retryDone) : messagePage(200, locale, t.attention.proceedTitle, t.attention.proceedDone);
  }
  await resumeWithLink(d, token, gate, { released: true, releasedAt: at });
  return messagePage(200, locale, t.release.doneTitle, t.release.done);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(errorPages())
  .handler((event) => decide(event, deps()));
