import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../shared/clients/sfn.js';
import { deps, type Deps } from '../shared/context.js';
import { HttpError } from '../shared/errors.js';
import { messages } from '../shared/i18n.js';
import { dueDate } from '../shared/legal-clock.js';
import { logger } from '../shared/logger.js';
import type { Locale } from '../shared/rights.js';
import { workflowInput } from '../shared/workflow-input.js';
import type { DsrRequest } from '../shared/store/requests.js';
import { validateNewRequest, type NewRequest } from '../shared/validation.js';
import { errorPages } from '../shared/web/error-pages.js';
import { BodyTooLargeError, bodyText, contentType, jsonResponse, methodNotAllowed, readFields, type ApiEvent, type ApiResult } from '../shared/web/http.js';
import { ERROR_TEXTS } from '../shared/web/error-texts.js';
import { readerLocale } from '../shared/web/locale.js';
import { count } from '../shared/metrics.js';
import { formPage, receivedPage } from './form-page.js';
import { keptValues } from './kept-values.js';

const pageLocale = (event: ApiEvent, d: Deps, asked?: unknown): Locale => readerLocale(event, d.config.languages, asked);

/** GET / — the request form. */
export function showForm(event: ApiEvent, d: Deps): ApiResult {
  return formPage(200, pageLocale(event, d), d.config.languages, d.config.purposes);
}

/**
 * POST /requests — receives a request. Answers 202 with `{ requestId, dueDate }` whether
 * or not the address is known, and the same shape for a repeat of an open request (which
 * starts no second workflow; the address's owner is told by email instead).
 */
export async function submitRequest(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  let read;
  try {
    read = readFields(event, { repeatable: ['purposes'] });
  } catch (error) {
    if (error instanceof BodyTooLargeError && contentType(event) === 'application/x-www-form-urlencoded') return tooLargeForm(event, error.maxBytes, d);
    throw error;
  }
  const { kind, fields } = read;
  const locale = pageLocale(event, d, fields.locale);
  const checked = validateNewRequest(fields, d.config.languages, d.config.purposes.map((p) => p.id));
  if (!checked.ok) {
    if (kind === 'form') return formPage(400, locale, d.config.languages, d.config.purposes, { values: fields, problems: checked.problems });
    const t = messages[locale];
    const described = Object.fromEntries(Object.entries(checked.problems).map(([name, problem]) => [name, t.problems[problem]]));
    return jsonResponse(400, { error: t.invalidRequest, fields: described });
  }

  const request = newRequest(checked.value, locale, d);
  await receive(request, d);
  return kind === 'form' ? receivedPage(request.locale, request.dueDate) : jsonResponse(202, { requestId: request.requestId, dueDate: request.dueDate });
}

/** A form over the body limit: the form again (413), with what can be kept of it and a message in the learner's language. */
function tooLargeForm(event: ApiEvent, maxBytes: number, d: Deps): ApiResult {
  const { values, problems } = keptValues(bodyText(event));
  const locale = pageLocale(event, d, values.locale);
  const t = messages[locale];
  return formPage(413, locale, d.config.languages, d.config.purposes, { values, problems, message: ERROR_TEXTS[locale].tooLargeForm(t.size(maxBytes)) });
}

function newRequest(input: NewRequest, locale: Locale, d: Deps): DsrRequest {
  const receivedAt = d.now();
  return {
    requestId: randomUUID(),
    email: input.email,
    type: input.type,
    locale: input.locale ?? locale,
    details: input.details,
    ...(input.purposes ? { purposes: input.purposes } : {}),
    status: 'awaiting_verification',
    receivedAt: receivedAt.toISOString(),
    dueDate: dueDate(receivedAt, d.config.calendar),
    updatedAt: receivedAt.toISOString(),
  };
}

/**
 * Stores the request, new or a repeat (a `duplicate` of the open one), each with the same
 * store operations: the open marker read, then one transaction of three writes. A marker
 * changed in between (a request opened or closed meanwhile) is read again.
 */
async function file(request: DsrRequest, d: Deps): Promise<DsrRequest> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const openRequestId = await d.requests.openRequestFor(request.type, request.email);
    if (!openRequestId) {
      const received = { requestId: request.requestId, at: request.receivedAt, actor: 'learner' as const, event: 'request_received', detail: { type: request.type, locale: request.locale, dueDate: request.dueDate } };
      if ((await d.requests.open(request, d.audit, received)).opened) return request;
      continue;
    }
    const repeat = { ...request, status: 'duplicate' as const, duplicateOf: openRequestId };
    const entry = { requestId: openRequestId, at: request.receivedAt, actor: 'learner' as const, event: 'repeat_received', detail: { repeatRequestId: request.requestId } };
    if (await d.requests.recordRepeat(repeat, d.audit, entry)) return repeat;
  }
  throw new Error('the open marker of this address and right kept changing');
}

/**
 * Files the request and starts its two executions, a repeat's as a new one's, so that the
 * answer takes as long whichever it is (a repeat must not reveal that the address has a
 * request open): a repeat's watchdog ends at its first step (the repeat is closed), and its
 * workflow only tells the address's owner (`TellTheOwnerOfTheRepeat`).
 */
async function receive(request: DsrRequest, d: Deps<'sfn'>): Promise<void> {
  const filed = await file(request, d);
  const input = filed.duplicateOf ? { requestId: filed.requestId, repeatOf: filed.duplicateOf } : workflowInput(filed, d.config);
  let watch: { executionArn?: string } | undefined;
  try {
    // The watchdog first: a request is never answered unwatched.
    watch = await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.config.deadlineStateMachineArn, name: `${request.requestId}-deadline`, input: JSON.stringify({ requestId: request.requestId }) }));
    await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.config.stateMachineArn, name: request.requestId, input: JSON.stringify(input) }));
  } catch (cause) {
    // Had the watchdog started, it would find no request and end at its first step; stop it now anyway.
    if (watch?.executionArn) await d.sfn.send(new StopExecutionCommand({ executionArn: watch.executionArn, cause: 'the request was not accepted' })).catch(() => undefined);
    // Nothing half-written: without its workflow the request would never be answered.
    await d.requests.discard(filed);
    await d.audit.append({ requestId: request.requestId, at: d.now().toISOString(), actor: 'system', event: 'request_discarded', detail: { why: 'workflow_not_started' } });
    throw new HttpError(503, 'We could not accept the request just now. Nothing was stored; please try again in a few minutes.', { cause, locale: request.locale, say: 'unavailable' });
  }
  logger.info(filed.duplicateOf ? 'repeat of an open request' : 'request received', { requestId: request.requestId, type: request.type, ...(filed.duplicateOf ? { openRequestId: filed.duplicateOf } : {}) });
  if (!filed.duplicateOf) count('RequestsReceived');
}

export async function routeIntake(event: ApiEvent, d: Deps<'sfn'>): Promise<ApiResult> {
  if (event.httpMethod === 'GET') return showForm(event, d);
  if (event.httpMethod === 'POST') return submitRequest(event, d);
  throw methodNotAllowed();
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(errorPages(() => deps().config.languages))
  .handler((event) => routeIntake(event, deps({ sfn: sfnClient() })));
