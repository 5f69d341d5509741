import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sesClient } from '../shared/clients/ses.js';
import { sfnClient } from '../shared/clients/sfn.js';
import { deps, type Deps } from '../shared/context.js';
import { LinkError, NotFoundError } from '../shared/errors.js';
import { GATES, type Gate, type RoundOperation } from '../shared/gates.js';
import { messages } from '../shared/i18n.js';
import { resumeWithLink } from '../shared/resume.js';
import type { LinkRecord } from '../shared/store/link-tokens.js';
import { CLOSED_STATUSES, type DsrRequest } from '../shared/store/requests.js';
import { validateDecision, validateExtension, validateFailedSystemsChoice, validateHandWork, validateLeftoverChoice, validateReason, validateRectification } from '../shared/validation.js';
import { extendDeadline, extendedDueDates, extensionRefusal } from '../shared/extension.js';
import { errorPages } from '../shared/web/error-pages.js';
import { messagePage, methodNotAllowed, readFields, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { orLinkProblem } from '../shared/web/link-pages.js';
import { dpoLocale } from '../shared/web/locale.js';
import type { Locale } from '../shared/rights.js';
import { purposesText } from '../shared/purposes.js';
import { systemItem, workflowInput } from '../shared/workflow-input.js';
import { logger } from '../shared/logger.js';
import { decisionPage, extensionPage, liftPage, erasurePage, failedSystemsPage, handWorkPage, leftoverPage, rectifiableAttributes, rectifiableByHand, rectificationPage, releasePage } from './gate-pages.js';

/** What the DPO's decision gives the workflow. */
export interface DecisionOutput {
  decision: 'approve' | 'reject';
  reason?: string;
  decidedAt: string;
}

/**
 * GET /decisions/{token} shows the gate the link stands for (a request to decide, systems
 * that failed, an archive to release, an erasure to confirm, corrected values to enter,
 * work to confirm done by hand, data left after an erasure) and its choices; it changes nothing.
 * POST /decisions/{token} records the answer and resumes the workflow once. An invalid
 * form is shown again and does not use up the link.
 */
export async function decide(event: ApiEvent, d: Deps<'ses' | 'sfn'>): Promise<ApiResult> {
  const token = event.pathParameters?.token ?? '';
  const locale = dpoLocale(event, d.config.languages);
  const titles = Object.fromEntries(d.config.systems.map((s) => [s.name, s.title]));
  return orLinkProblem(
    () => locale,
    async () => {
      const link = await d.links.inspect(token, [...GATES], d.now());
      const request = await d.requests.get(link.requestId);
      if (!request) throw new NotFoundError(`request ${link.requestId} not found for a live link`);
      const gate = link.purpose as Gate;
      // A closed request waits on nothing (cancelled, abandoned, answered meanwhile), except a restriction in force
      // ('answered'): its lift link, and the gates of the lifting's own round.
      const waitsOnNothing = CLOSED_STATUSES.includes(request.status) && (request.status !== 'answered' || gate === 'extension');
      if (gate !== 'lift' && waitsOnNothing) throw new LinkError('expired', { requestId: request.requestId });
      if (event.httpMethod === 'GET') return page(gate, link, request, d, titles, locale);
      if (event.httpMethod !== 'POST') throw methodNotAllowed(locale);
      return answer(gate, link, event, request, token, d, titles, locale);
    },
  );
}

const operationOf = (link: LinkRecord) => (link.operation ?? 'export') as RoundOperation;

function page(gate: Gate, link: LinkRecord, request: DsrRequest, d: Deps, titles: Record<string, string>, locale: Locale): ApiResult {
  const { timeZone } = d.config.calendar;
  switch (gate) {
    case 'decision':
      return decisionPage(200, request, titles, locale, timeZone);
    case 'attention':
      return failedSystemsPage(200, request, titles, locale, timeZone, operationOf(link));
    case 'release':
      return releasePage(request, titles, locale, timeZone);
    case 'erasure':
      return erasurePage(request, d.config.systems, locale, timeZone);
    case 'rectification':
      return rectificationPage(200, request, d.config.systems, locale, timeZone);
    case 'manual':
      return handWorkPage(200, request, d.config.systems, operationOf(link), locale, timeZone);
    case 'leftover':
      return leftoverPage(200, request, titles, locale, timeZone);
    case 'lift':
      return liftPage(200, request, purposesOf(request, d, locale), noticeDays(d), locale, timeZone);
    case 'extension':
      return request.extension ? alreadyExtended(request, locale) : extensionPage(200, request, extendedDues(request, d), locale, timeZone);
  }
}

const extendedDues = (request: DsrRequest, d: Deps) => extendedDueDates(request, d.config.calendar);

function alreadyExtended(request: DsrRequest, locale: Locale): ApiResult {
  const t = messages[locale];
  return messagePage(409, locale, t.extension.alreadyTitle, t.extension.already(t.date(request.dueDate)));
}

const noticeDays = (d: Deps) => Math.round(d.config.liftNoticeSeconds / 86400);
const purposesOf = (request: DsrRequest, d: Deps, locale: Locale) => purposesText(request.purposes, d.config.purposes, locale);

/**
 * Lifting a restriction: no step waits on it, so the POST starts the lifting itself (an
 * execution of the request workflow that tells the learner first). The link is used once;
 * if the workflow cannot be started it is given back.
 */
async function startLifting(request: DsrRequest, token: string, reason: string, d: Deps<'sfn'>): Promise<void> {
  // Only a restriction in force can be lifted (a second link, from a retried step, finds it lifted).
  if (request.status !== 'answered') throw new LinkError('used', { requestId: request.requestId });
  const link = await d.links.consume(token, 'lift', d.now());
  await d.requests.save(request.requestId, { liftReason: reason });
  try {
    await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.config.stateMachineArn, name: `${request.requestId}-lift`, input: JSON.stringify(workflowInput(request, d.config, true)) }));
  } catch (cause) {
    await d.links.release(link);
    throw new LinkError('unavailable', { cause, requestId: request.requestId });
  }
  await d.audit.append({ requestId: request.requestId, at: d.now().toISOString(), actor: 'dpo', event: 'restriction_lift_started', detail: { reason } });
}

async function answer(gate: Gate, link: LinkRecord, event: ApiEvent, request: DsrRequest, token: string, d: Deps<'ses' | 'sfn'>, titles: Record<string, string>, locale: Locale): Promise<ApiResult> {
  const { timeZone } = d.config.calendar;
  const t = messages[locale];
  const { fields } = readFields(event, { repeatable: ['byHand'] });
  const at = d.now().toISOString();
  if (gate === 'decision') {
    const checked = validateDecision(fields);
    if (!checked.ok) return decisionPage(400, request, titles, locale, timeZone, { values: fields, problems: checked.problems });
    const output: DecisionOutput = { ...checked.value, decidedAt: at };
    await resumeWithLink(d, token, gate, { ...output });
    return output.decision === 'approve' ? messagePage(200, locale, t.dpo.approvedTitle, t.dpo.approved) : messagePage(200, locale, t.dpo.rejectedTitle, t.dpo.rejected);
  }
  if (gate === 'attention') {
    const checked = validateFailedSystemsChoice(fields);
    if (!checked.ok) return failedSystemsPage(400, request, titles, locale, timeZone, operationOf(link), { values: fields, problems: checked.problems });
    await resumeWithLink(d, token, gate, { ...checked.value, decidedAt: at });
    return checked.value.choice === 'retry' ? messagePage(200, locale, t.attention.retryTitle, t.attention.retryDone) : messagePage(200, locale, t.attention.proceedTitle, t.attention.proceedDone);
  }
  if (gate === 'rectification') {
    const checked = validateRectification(fields, [...rectifiableAttributes(d.config.systems).keys()], rectifiableByHand(request, d.config.systems).map((s) => s.name));
    if (!checked.ok) return rectificationPage(400, request, d.config.systems, locale, timeZone, { values: fields, problems: checked.problems });
    // The values wait on the request (the connectors read them there), not in the workflow's state.
    const rectification = { changes: checked.value.changes, byHand: checked.value.byHand, ...(checked.value.reason ? { reason: checked.value.reason } : {}) };
    // The round reaches only the systems holding a corrected attribute.
    const changed = Object.keys(checked.value.changes);
    const systems = d.config.systems.filter((s) => s.does.rectify === 'auto' && s.rectifiable?.some((a) => changed.includes(a))).map(systemItem);
    await resumeWithLink(d, token, gate, { choice: checked.value.choice, systems, decidedAt: at }, () => d.requests.save(request.requestId, { rectification }));
    await d.audit.append({ requestId: request.requestId, at, actor: 'dpo', event: 'rectification_decided', detail: { choice: checked.value.choice, attributes: changed.join(','), ...(checked.value.reason ? { reason: checked.value.reason } : {}) } });
    return checked.value.choice === 'apply' ? messagePage(200, locale, t.rectification.appliedTitle, t.rectification.applied) : messagePage(200, locale, t.rectification.noneTitle, t.rectification.noneDone);
  }
  if (gate === 'manual') {
    const operation = operationOf(link);
    const todo = Object.entries(request.systems ?? {}).filter(([, s]) => s[operation] === 'manual').map(([name]) => name);
    const checked = validateHandWork(fields, todo);
    if (!checked.ok) return handWorkPage(400, request, d.config.systems, operation, locale, timeZone, { values: fields, problems: checked.problems });
    // The notes may name the learner: they wait on the request, and the workflow gets the systems' names only.
    const systems = { ...request.systems };
    for (const [name, note] of Object.entries(checked.value.notes)) systems[name] = { ...systems[name], doneByHand: { note, at } };
    await resumeWithLink(d, token, gate, { systems: todo, decidedAt: at }, () => d.requests.save(request.requestId, { systems }));
    return messagePage(200, locale, t.handWork.doneTitle, t.handWork.done);
  }
  if (gate === 'leftover') {
    const checked = validateLeftoverChoice(fields);
    if (!checked.ok) return leftoverPage(400, request, titles, locale, timeZone, { values: fields, problems: checked.problems });
    await resumeWithLink(d, token, gate, { ...checked.value, decidedAt: at });
    return checked.value.choice === 'retry' ? messagePage(200, locale, t.leftover.retryTitle, t.leftover.retryDone) : messagePage(200, locale, t.leftover.closeTitle, t.leftover.closeDone);
  }
  if (gate === 'lift') {
    const checked = validateReason(fields);
    if (!checked.ok) return liftPage(400, request, purposesOf(request, d, locale), noticeDays(d), locale, timeZone, { values: fields, problems: checked.problems });
    await startLifting(request, token, checked.value.reason, d);
    return messagePage(200, locale, t.lift.doneTitle, t.lift.done);
  }
  if (gate === 'extension') {
    const checked = validateExtension(fields);
    if (!checked.ok) return request.extension ? alreadyExtended(request, locale) : extensionPage(400, request, extendedDues(request, d), locale, timeZone, { values: fields, problems: checked.problems });
    const change = { ...checked.value, actor: 'dpo' as const };
    const refusal = extensionRefusal(request, change, d.now(), timeZone);
    if (refusal === 'extended') return alreadyExtended(request, locale);
    if (refusal) throw new LinkError('expired', { requestId: request.requestId });
    const extended = await extendDeadline(request, change, d);
    if (!extended) return alreadyExtended((await d.requests.get(request.requestId)) ?? request, locale);
    // Used up once it has acted: the same form sent again after a failure part-way finishes the extension.
    await d.links.consume(token, 'extension', d.now()).catch((error: Error) => {
      if (!(error instanceof LinkError)) throw error;
    });
    return messagePage(200, locale, t.extension.doneTitle, t.extension.done(t.date(extended.dueDate)));
  }
  if (gate === 'erasure') {
    await resumeWithLink(d, token, gate, { confirmed: true, decidedAt: at });
    await d.audit.append({ requestId: request.requestId, at, actor: 'dpo', event: 'erasure_confirmed' });
    return messagePage(200, locale, t.erasure.doneTitle, t.erasure.done);
  }
  await resumeWithLink(d, token, gate, { released: true, releasedAt: at });
  return messagePage(200, locale, t.release.doneTitle, t.release.done);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(errorPages(() => deps().config.languages))
  .handler((event) => decide(event, deps({ ses: sesClient(), sfn: sfnClient() })));
