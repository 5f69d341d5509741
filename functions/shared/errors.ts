import type { ErrorKey } from './web/error-texts.js';
import type { Locale } from './rights.js';

/**
 * Errors of the product. Step Functions Retry/Catch and the HTTP layer match on `name`,
 * so the names are a contract: keep them stable.
 */
export class DsrError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A configuration value is missing or wrong; raised at cold start. */
export class ConfigError extends DsrError {}

/**
 * A gate reached `dsr:abandonAfterDays` after the request's due date: the workflow closes
 * the request as abandoned instead of asking again (the name is matched by the ASL).
 */
export class RequestAbandoned extends DsrError {}

/** A request or token that the store does not hold. */
export class NotFoundError extends DsrError {}

/** A staged JSON or CSV file that is not a list of records the archive's pages can show (malformed, or one record too large): the file itself is still in the archive. */
export class UnreadableRecordsError extends DsrError {}

/**
 * An error shown to the person who made the HTTP call, with its status (a deliberate 503
 * too) and a message safe to display: `message` in English (logs, the admin API), `say` in
 * the reader's language for the public pages, `field` the field it is about. Anything that
 * is not an HttpError becomes a generic 500 page.
 * @example new HttpError(405, 'Method not allowed.', { say: 'method' })
 */
export class HttpError extends DsrError {
  readonly say?: ErrorKey;
  readonly field?: string;
  /** The reader's language, when the thrower knows it (a link's request). */
  readonly locale?: Locale;
  constructor(
    readonly statusCode: number,
    message: string,
    options?: { cause?: unknown; say?: ErrorKey; field?: string; locale?: Locale },
  ) {
    super(message, options);
    this.say = options?.say;
    this.field = options?.field;
    this.locale = options?.locale;
  }
}

/** Why a link from an email cannot act. */
export type LinkProblem = 'unknown' | 'used' | 'expired' | 'unavailable';

export class LinkError extends DsrError {
  static readonly statusCodes: Record<LinkProblem, number> = { unknown: 404, used: 409, expired: 410, unavailable: 503 };
  /** The request the link belongs to, when the link is known: its page can then speak the learner's language. */
  readonly requestId?: string;
  constructor(
    readonly problem: LinkProblem,
    options?: { cause?: unknown; requestId?: string },
  ) {
    super(`link ${problem}`, options);
    this.requestId = options?.requestId;
  }
  get statusCode(): number {
    return LinkError.statusCodes[this.problem];
  }
}
