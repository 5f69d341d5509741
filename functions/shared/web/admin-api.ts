import type { MiddlewareObj } from '@middy/core';
import type { Breach } from '../breach.js';
import type { Deps } from '../context.js';
import { HttpError } from '../errors.js';
import { logger } from '../logger.js';
import type { FieldProblems } from '../validation.js';
import { jsonResponse, MAX_BREACH_BODY_BYTES, readFields, type ApiEvent, type ApiResult } from './http.js';

/**
 * The admin API's answers: JSON always, `{ message, field? }` on an error, as API
 * Gateway's own refusals (`{ message }`) are shaped, so that a caller reads one shape.
 */
export class AdminError extends HttpError {
  constructor(statusCode: number, message: string, field?: string) {
    super(statusCode, message, { field });
  }
}

/** middy middleware: an HttpError is answered with its status and message (a field with it for a 400); anything else is a bare 500, its detail in the log. */
export function adminErrors(): MiddlewareObj<ApiEvent, ApiResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof HttpError && error.statusCode < 500) {
        request.response = jsonResponse(error.statusCode, { message: error.message, ...(error.field ? { field: error.field } : {}) });
        return;
      }
      logger.error('admin call failed', { error: { name: error?.name, message: error?.message, stack: error?.stack } });
      request.response = jsonResponse(error instanceof HttpError ? error.statusCode : 500, { message: error instanceof HttpError ? error.message : 'Internal server error' });
    },
  };
}

const PROBLEM_WORDS = { required: 'is required', invalid: 'is not valid', too_long: 'is too long', not_offered: 'is not offered' } as const;

/** A 400 naming the first field refused. */
export function fieldError(problems: FieldProblems, hints: Record<string, string> = {}): AdminError {
  const [field, problem] = Object.entries(problems)[0];
  return new AdminError(400, `${field} ${PROBLEM_WORDS[problem]}${hints[field] && problem === 'invalid' ? `: ${hints[field]}` : ''}.`, field);
}

/** The JSON object sent, `{}` for an empty body; a clear 4xx for anything else (a form included). */
export function jsonBody(event: ApiEvent): Record<string, unknown> {
  const { kind, fields } = readFields(event, { maxBytes: MAX_BREACH_BODY_BYTES });
  if (kind === 'form' && Object.keys(fields).length) throw new AdminError(415, 'Send application/json.');
  return fields;
}

const ID = /^[A-Za-z0-9-]{1,100}$/;

/** The `{id}` of the path, checked: the product's ids are UUIDs, and nothing longer reaches the store. */
export function idOf(event: ApiEvent, kind: 'request' | 'breach'): string {
  const id = event.pathParameters?.id ?? '';
  if (!ID.test(id)) throw new AdminError(400, `id is not a ${kind} id.`, 'id');
  return id;
}

/** Who called: the IAM identity API Gateway authorised (on AWS), bounded; `local-token` in the twin. */
export function callerOf(event: ApiEvent): string {
  const identity = event.requestContext?.identity;
  return (identity?.userArn ?? identity?.caller ?? 'local-token').slice(0, 200);
}

export const ok = (value: unknown): ApiResult => jsonResponse(200, value);

const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;

/** A listing's `limit`: a whole number from 1 to 500, 100 when absent; a 400 otherwise. */
export function pageLimit(query: Record<string, string | undefined>): number {
  const limit = query.limit === undefined ? DEFAULT_PAGE : /^\d{1,3}$/.test(query.limit) ? Number(query.limit) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new AdminError(400, `limit is not valid: a whole number from 1 to ${MAX_PAGE}.`, 'limit');
  return limit;
}

/** The breach the path's `{id}` names, or a 404. */
export async function breachOf(event: ApiEvent, d: Deps): Promise<Breach> {
  const breachId = idOf(event, 'breach');
  const breach = await d.breaches.get(breachId);
  if (!breach) throw new AdminError(404, `No breach has the id ${breachId}.`, 'id');
  return breach;
}
