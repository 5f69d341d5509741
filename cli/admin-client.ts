import { errorFromAnswer } from './answer-errors.js';
import type {
  BreachAnswer,
  BreachDetail,
  BreachDraft,
  BreachPage,
  BreachView,
  Cancelled,
  CommunicationTexts,
  Extended,
  NewBreach,
  NewNotification,
  RequestFilter,
  RequestPage,
  RequestSummary,
  RecipientsUpload,
  RequestView,
  Retried,
} from './api-types.js';
import type { Authorize } from './auth.js';
import { basePath, describeEndpoint, isLocal } from './endpoint.js';
import { RefusedError } from './errors.js';

export interface AdminClientOptions {
  /** The admin API's base URL, stage path included. */
  endpoint: URL;
  authorize: Authorize;
  /** How long one call may take before the CLI gives up. */
  timeoutMs?: number;
}

/**
 * The admin API over HTTP: one method per route, answers parsed, failures turned into
 * `UsageError` (HTTP 400) or `RefusedError` (anything else, unreachable included).
 *
 * @example
 *   const client = new AdminClient({ endpoint: new URL('http://127.0.0.1:3000'), authorize });
 *   const open = await client.listRequests({ open: true });
 */
export class AdminClient {
  constructor(private readonly options: AdminClientOptions) {}

  /** Every request the filter matches, following the cursor page after page. */
  listRequests(filter: RequestFilter): Promise<RequestSummary[]> {
    const query = new URLSearchParams();
    if (filter.status) query.set('status', filter.status);
    if (filter.open) query.set('open', 'true');
    if (filter.overdue) query.set('overdue', 'true');
    if (filter.addresses) query.set('addresses', 'true');
    return this.allPages<RequestPage, RequestSummary>('/admin/requests', query, (page) => page?.requests, 'a page of requests');
  }

  async getRequest(id: string): Promise<RequestView> {
    const view = await this.call<RequestView>('GET', requestPath(id));
    if (!view?.request || !Array.isArray(view.audit)) throw this.unexpected('a request and its audit trail');
    return view;
  }

  extend(id: string, months: 1 | 2, reason: string): Promise<Extended> {
    return this.call('POST', `${requestPath(id)}/extend`, undefined, { months, reason });
  }

  retry(id: string): Promise<Retried> {
    return this.call('POST', `${requestPath(id)}/retry`, undefined, {});
  }

  cancel(id: string, reason: string): Promise<Cancelled> {
    return this.call('POST', `${requestPath(id)}/cancel`, undefined, { reason });
  }

  /** Every breach, following the cursor; the service gives the newest awareness first. */
  listBreaches(): Promise<BreachView[]> {
    return this.allPages<BreachPage, BreachView>('/admin/breaches', new URLSearchParams(), (page) => page?.breaches, 'a page of breaches');
  }

  async getBreach(id: string): Promise<BreachDetail> {
    const detail = await this.call<BreachDetail>('GET', breachPath(id));
    if (!detail?.breach || !Array.isArray(detail.timeline)) throw this.unexpected('a breach and its timeline');
    return detail;
  }

  openBreach(facts: NewBreach): Promise<BreachAnswer> {
    return this.breachAnswer(this.call('POST', '/admin/breaches', undefined, facts));
  }

  notifyBreach(id: string, notification: NewNotification): Promise<BreachAnswer> {
    return this.breachAnswer(this.call('POST', `${breachPath(id)}/notify`, undefined, notification));
  }

  decideNoNotification(id: string, reason: string): Promise<BreachAnswer> {
    return this.breachAnswer(this.call('POST', `${breachPath(id)}/no-notification`, undefined, { reason }));
  }

  emailFormLink(): Promise<{ sentTo: string; expiresAt: string }> {
    return this.call('POST', '/admin/breaches/form-link', undefined, {});
  }

  async draftNotification(id: string): Promise<BreachDraft> {
    const draft = await this.call<BreachDraft>('GET', `${breachPath(id)}/draft`);
    if (typeof draft?.text !== 'string') throw this.unexpected('a draft notification');
    return draft;
  }

  /** Where to upload the CSV of a breach's affected addresses: a presigned PUT, not an admin route (see `putPresigned`). */
  async recipientsUpload(id: string): Promise<RecipientsUpload> {
    const upload = await this.call<RecipientsUpload>('POST', `${breachPath(id)}/recipients`, undefined, {});
    if (typeof upload?.url !== 'string') throw this.unexpected('an address to upload the addresses to');
    return upload;
  }

  /** Asks for the communication to the people (Art. 34) once the addresses are uploaded; the DPO approves it next. */
  askCommunication(id: string, recipients: string, texts: CommunicationTexts): Promise<BreachAnswer> {
    return this.breachAnswer(this.call('POST', `${breachPath(id)}/communication`, undefined, { recipients, texts }));
  }

  /** Starts again a sending that was interrupted; the service writes only to the addresses still pending. */
  resumeCommunication(id: string): Promise<BreachAnswer> {
    return this.breachAnswer(this.call('POST', `${breachPath(id)}/communication/resume`, undefined, {}));
  }

  /** Page after page until the service gives no cursor; `items` picks a page's list out of its answer. */
  private async allPages<P extends { cursor?: string }, T>(route: string, query: URLSearchParams, items: (page: P) => T[] | undefined, expected: string): Promise<T[]> {
    const all: T[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const pageQuery = new URLSearchParams(query);
      if (cursor) pageQuery.set('cursor', cursor);
      const page = await this.call<P>('GET', route, pageQuery);
      const list = items(page);
      if (!Array.isArray(list)) throw this.unexpected(expected);
      all.push(...list);
      cursor = page.cursor || undefined;
      // A cursor seen before would loop for ever.
      if (cursor && seen.has(cursor)) throw new RefusedError('the service returned the same cursor twice; the list would never end');
      if (cursor) seen.add(cursor);
    } while (cursor);
    return all;
  }

  private async breachAnswer(answer: Promise<BreachAnswer>): Promise<BreachAnswer> {
    const { breach } = (await answer) ?? {};
    if (typeof breach?.breachId !== 'string') throw this.unexpected('a breach');
    return answer;
  }

  private async call<T>(method: 'GET' | 'POST', route: string, query?: URLSearchParams, payload?: object): Promise<T> {
    const { endpoint, authorize, timeoutMs = 30_000 } = this.options;
    const url = new URL(endpoint);
    url.pathname = `${basePath(endpoint)}${route}`;
    url.search = query?.toString() ?? '';
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const signed = { ...headers, ...(await authorize({ method, url, headers, body })) };

    let response: Response;
    try {
      // Redirects are not followed: the Authorization header must not travel to another host.
      response = await fetch(url, { method, headers: signed, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw this.unreachable(error, timeoutMs);
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 300 && response.status < 400) {
      throw new RefusedError(`the endpoint redirected (HTTP ${response.status}); point --endpoint at the admin API itself, not ${describeEndpoint(endpoint)}`, response.status);
    }
    if (!response.ok) throw errorFromAnswer(response.status, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.unexpected('JSON');
    }
  }

  private unreachable(error: unknown, timeoutMs: number): RefusedError {
    const where = describeEndpoint(this.options.endpoint);
    const hint = isLocal(this.options.endpoint) ? 'is the twin running (npm start)? Otherwise set' : 'set';
    if (error instanceof Error && error.name === 'TimeoutError') {
      return new RefusedError(`no answer from ${where} within ${timeoutMs / 1000} s`, undefined, { cause: error });
    }
    const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
    const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return new RefusedError(`cannot reach ${where} (${why}); ${hint} --endpoint or DSR_ENDPOINT to the admin API's URL`, undefined, { cause: error });
  }

  private unexpected(expected: string): RefusedError {
    return new RefusedError(`the endpoint did not answer with ${expected}; is ${describeEndpoint(this.options.endpoint)} the admin API?`);
  }
}

/** Ids are checked before the call; encoding keeps the path one segment whatever they hold. */
const requestPath = (id: string): string => `/admin/requests/${encodeURIComponent(id)}`;
const breachPath = (id: string): string => `/admin/breaches/${encodeURIComponent(id)}`;
