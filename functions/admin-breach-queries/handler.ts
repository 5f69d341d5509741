import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { viewOf } from '../shared/breach.js';
import { breachDraft } from '../shared/breach-draft.js';
import { deps, type Deps } from '../shared/context.js';
import { AdminError, adminErrors, breachOf, ok, pageLimit } from '../shared/web/admin-api.js';
import { decodeCursor, encodeCursor } from '../shared/web/cursor.js';
import { logger } from '../shared/logger.js';
import type { ApiEvent, ApiResult } from '../shared/web/http.js';

/** GET /admin/breaches: one page of the register, the latest awareness first; `cursor` continues. */
export async function listBreaches(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const query = event.queryStringParameters ?? {};
  const unknown = Object.keys(query).find((name) => name !== 'limit' && name !== 'cursor');
  if (unknown) throw new AdminError(400, `${unknown.slice(0, 40)} is not a parameter of this listing.`, unknown.slice(0, 40));
  const limit = pageLimit(query);
  const after = query.cursor ? decodeCursor(query.cursor, { prefix: 'breach#', kind: 'breach', sortKey: 'awareAt', fixed: { sk: 'breach' } }) : undefined;
  const page = await d.breaches.page({ limit, ...(after ? { after } : {}) });
  const now = d.now();
  return ok({ breaches: page.breaches.map((breach) => viewOf(breach, now)), ...(page.next ? { cursor: encodeCursor(page.next) } : {}) });
}

/** GET /admin/breaches/{id}: the breach and its timeline (its entries in the audit trail), oldest first. */
export async function showBreach(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const breach = await breachOf(event, d);
  const timeline = (await d.audit.list(breach.breachId)).map(({ requestId: _id, ...entry }) => entry);
  return ok({ breach: viewOf(breach, d.now()), timeline });
}

/** GET /admin/breaches/{id}/draft: the notification to the authority, every Art. 33(3) item in the order of its form, ready to paste. */
export async function draftNotification(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const breach = await breachOf(event, d);
  const draft = breachDraft(breach, { locale: d.config.languages[0], timeZone: d.config.calendar.timeZone, controllerName: d.config.controllerName, dpoEmail: d.config.mail.dpo, now: d.now() });
  return ok({ breachId: breach.breachId, ...draft });
}

const ROUTES: Record<string, (event: ApiEvent, d: Deps) => Promise<ApiResult>> = {
  '/admin/breaches': listBreaches,
  '/admin/breaches/{id}': showBreach,
  '/admin/breaches/{id}/draft': draftNotification,
};

/** One function for the admin API's reads of the breach register, routed by API Gateway's resource. */
export async function adminBreachQueries(event: ApiEvent, d: Deps): Promise<ApiResult> {
  const route = ROUTES[event.resource];
  if (!route) throw new AdminError(404, 'No such route.');
  return route(event, d);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger))
  .use(adminErrors())
  .handler((event) => adminBreachQueries(event, deps()));
