import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { HttpError } from '../errors.js';
import { pageHeaders, page, html, type SafeHtml } from './html.js';
import { repeatedKey } from './json-keys.js';
import type { Locale } from '../rights.js';

export type ApiEvent = APIGatewayProxyEvent;
export type ApiResult = APIGatewayProxyResult;

/** Largest body accepted; the longest legitimate one (a request with full details) is far smaller. */
export const MAX_BODY_BYTES = 16 * 1024;
/** For the breach register's forms and API: a breach's texts, or a message in every language, form-encoded (non-Latin text triples). */
export const MAX_BREACH_BODY_BYTES = 128 * 1024;

export function header(event: ApiEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value ?? undefined;
  return undefined;
}

export type BodyKind = 'json' | 'form';

/** The body as text, whatever its transfer encoding. */
export const bodyText = (event: ApiEvent): string => (event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '');

export const contentType = (event: ApiEvent): string => (header(event, 'content-type') ?? '').split(';')[0].trim().toLowerCase();

export interface ReadOptions {
  /** Largest body accepted, in bytes (MAX_BODY_BYTES unless said). */
  maxBytes?: number;
  /** Form fields that may come more than once (checkboxes); any other repeated field is refused. */
  repeatable?: readonly string[];
}

/** A 400 naming the field sent twice: which value was meant cannot be told. */
const repeated = (field: string) =>
  new HttpError(400, `The field ${field} was sent more than once.`, { field, say: 'repeated' });

/** A 405; `locale` when the page's reader is known. */
export const methodNotAllowed = (locale?: Locale) => new HttpError(405, 'Method not allowed.', { say: 'method', locale });

/** The body was over `maxBytes`: the intake form answers with the form again. */
export class BodyTooLargeError extends HttpError {
  constructor(readonly maxBytes: number) {
    super(413, 'The request body is too large.', { say: 'tooLarge' });
  }
}

/**
 * Parses a JSON or form-encoded body into its fields; anything else is a clear 4xx, and so
 * is a field sent twice (a form's, unless `repeatable`; a JSON key, at any depth).
 */
export function readFields(event: ApiEvent, options: ReadOptions = {}): { kind: BodyKind; fields: Record<string, unknown> } {
  const raw = bodyText(event);
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  if (Buffer.byteLength(raw) > maxBytes) throw new BodyTooLargeError(maxBytes);
  const type = contentType(event);
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw || 'null');
    } catch (cause) {
      throw new HttpError(400, 'The body is not valid JSON.', { cause, say: 'notJson' });
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'The body must be a JSON object.', { say: 'notObject' });
    const twice = repeatedKey(raw);
    if (twice) throw repeated(twice);
    return { kind: 'json', fields: parsed as Record<string, unknown> };
  }
  if (type === 'application/x-www-form-urlencoded' || (type === '' && raw === '')) {
    const fields = new Map<string, string | string[]>();
    for (const [name, value] of new URLSearchParams(raw)) {
      if (!fields.has(name)) fields.set(name, value);
      else if (options.repeatable?.includes(name)) fields.set(name, [fields.get(name)!, value].flat()); // checkboxes keep all their values
      else throw repeated(name);
    }
    return { kind: 'form', fields: Object.fromEntries(fields) }; // own properties only, whatever the names
  }
  throw new HttpError(415, 'Send application/json or application/x-www-form-urlencoded.', { say: 'mediaType' });
}

/** A page; `formTargets` as in pageHeaders. */
export function htmlResponse(statusCode: number, lang: string, title: string, body: SafeHtml, formTargets: string[] = []): ApiResult {
  return { statusCode, headers: pageHeaders(formTargets), body: page(lang, title, body) };
}

export function jsonResponse(statusCode: number, value: unknown): ApiResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    body: JSON.stringify(value),
  };
}

/** A page with a heading and one paragraph: the shape of every outcome page. */
export function messagePage(statusCode: number, lang: string, title: string, text: string): ApiResult {
  return htmlResponse(statusCode, lang, title, html`<h1>${title}</h1><p>${text}</p>`);
}
