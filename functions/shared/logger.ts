import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/** Fields that hold personal data; their values never reach a log line. */
const PERSONAL_FIELDS = new Set(['email', 'details', 'reason', 'to', 'destination', 'subject', 'body', 'token', 'taskToken']);
const EMAIL_ADDRESS = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g;

/** Redacts personal fields and any email address that slips into a message or error. */
export function redact(key: string, value: unknown): unknown {
  if (PERSONAL_FIELDS.has(key) && value !== undefined) return '[redacted]';
  if (typeof value === 'string') return value.replace(EMAIL_ADDRESS, '[email]');
  return value;
}

export const logger = new Logger({ serviceName: 'dsr-workflow', jsonReplacerFn: redact });

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The data-subject request a step's input names (`requestId`, a UUID), else undefined: never anything else from the event. */
function requestIdOf(event: unknown): string | undefined {
  const id = (event as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' && REQUEST_ID.test(id) ? id : undefined;
}

/**
 * A Lambda entry whose log lines carry the invocation (function, AWS request id, cold
 * start) and the data-subject request it works on, so that one request's steps can be
 * followed across functions. Never an address: only the request's id is taken from the
 * event. The API's functions get the same from `injectLambdaContext` (middy).
 *
 * @example export const handler = logged((input: StepInput) => step(input, deps()));
 */
export function logged<E, R>(handler: (event: E) => Promise<R>): (event: E, context?: Context) => Promise<R> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    const requestId = requestIdOf(event);
    if (requestId) logger.appendKeys({ requestId });
    try {
      return await handler(event);
    } finally {
      if (requestId) logger.removeKeys(['requestId']);
    }
  };
}
