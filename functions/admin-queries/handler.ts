import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { deps, type Deps } from '../shared/context.js';
import { formatDate } from '../shared/civil-date.js';
import type { Gate } from '../shared/gates.js';
import { CLOSED_STATUSES, REQUEST_STATUSES, type DsrRequest, type RegisterFilter, type RequestStatus } from '../shared/store/requests.js';
import { AdminError, adminErrors, pageLimit, ok, idOf } from '../shared/web/admin-api.js';
import type { ApiEvent, ApiResult } from '../shared/web/http.js';
import { decodeCursor, encodeCursor } from '../shared/web/cursor.js';
import { logger } from '../shared/logger.js';
import { summaryOf, todayOf, type Today } from './summaries.js';

/**
 * GET /admin/requests: one page of requests, the latest received first, with
 * `status=S`, `open=true`, `overdue=true`, `addresses=true`, `limit=N` (1 to 500) and the
 * `cursor` of the previous page; the answer's `cursor` is absent on the last page.
 */
export async function listRequests(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const query = event.queryStringParameters ?? {};
  const known = new Set(['status', 'open', 'overdue', 'addresses', 'limit', 'cursor']);
  const unknown = Object.keys(query).find((name) => !known.has(name));
  if (unknown) throw new AdminError(400, `${unknown.slice(0, 40)} is not a parameter of this listing.`, unknown.slice(0, 40));
  for (const flag of ['open', 'overdue', 'addresses']) {
    if (query[flag] !== undefined && query[flag] !== 'true' && query[flag] !== 'false') throw new AdminError(400, `${flag} is not valid: true or false.`, flag);
  }
  if (query.status !== undefined && !REQUEST_STATUSES.includes(query.status as RequestStatus)) {
    throw new AdminError(400, `status is not valid: one of ${REQUEST_STATUSES.join(', ')}.`, 'status');
  }
  const limit = pageLimit(query);

  const today = todayOf(d.now(), d.config.calendar);
  const filter: RegisterFilter = {
    ...(query.status ? { status: query.status as RequestStatus } : {}),
    ...(query.open === 'true' ? { open: true } : {}),
    ...(query.overdue === 'true' ? { overdueOn: formatDate(today.date) } : {}),
  };
  const page = await d.requests.register(filter, { limit, ...(query.cursor ? { after: decodeCursor(query.cursor, { prefix: 'request#', kind: 'request', sortKey: 'receivedAt' }) } : {}) });
  const withAddresses = query.addresses === 'true';
  return ok({ requests: page.entries.map((entry) => summaryOf(entry, today, withAddresses)), ...(page.next ? { cursor: encodeCursor(page.next) } : {}) });
}

/** GET /admin/requests/{id}: everything known of one request, and its audit trail, oldest step first. */
export async function showRequest(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const requestId = idOf(event, 'request');
  const request = await d.requests.get(requestId);
  if (!request) throw new AdminError(404, `No request has the id ${requestId}.`, 'id');
  const audit = (await d.audit.list(requestId)).map(({ requestId: _id, ...entry }) => entry);
  // The gate it waits on now, if it is open and the gate's link can still act.
  const open = !CLOSED_STATUSES.includes(request.status);
  const gate = open && request.currentGate && (await d.links.inspectHash(request.currentGate.tokenHash, request.currentGate.gate as Gate, d.now()).catch(() => undefined));
  return ok({ request: { ...detailOf(request, todayOf(d.now(), d.config.calendar)), ...(gate ? { gate: gate.purpose } : {}) }, audit });
}

/** The request as stored, without the store's own bookkeeping (link hashes, reminder claims, SES events recorded, index keys), and its summary. */
function detailOf(request: DsrRequest, today: Today) {
  const { lettersSent: _l, mailEvents: _e, currentGate: _g, kind: _k, state: _s, minimise: _m, minimiseAt: _ma, type: _t, ...stored } = request as DsrRequest & Record<string, unknown>;
  return { ...stored, ...summaryOf(request, today) };
}

/** One function for the admin API's reads, routed by API Gateway's resource. */
export async function adminQueries(event: ApiEvent, d: Deps): Promise<ApiResult> {
  return event.resource === '/admin/requests/{id}' ? showRequest(event, d) : listRequests(event, d);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(adminErrors())
  .handler((event) => adminQueries(event, deps()));
