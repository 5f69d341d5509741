import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { HttpError } from '../errors.js';
import { pageHeaders, page, html, type SafeHtml } from './html.js';

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

/** Parses a JSON or form-encoded body into its fields; anything else is a clear 4xx. */
export function readFields(event: ApiEvent, maxBytes = MAX_BODY_BYTES): { kind: BodyKind; fields: Record<string, unknown> } {
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (Buffer.byteLength(raw) > maxBytes) throw new HttpError(413, 'The request body is too large.');
  const type = (header(event, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw || 'null');
    } catch (cause) {
      throw new HttpError(400, 'The body is not valid JSON.', { cause });
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'The body must be a JSON object.');
    return { kind: 'json', fields: parsed as Record<string, unknown> };
  }
  if (type === 'application/x-www-form-urlencoded' || (type === '' && raw === '')) {
    // A repeated field (checkboxes) keeps all its values.
    const fields = new Map<string, string | string[]>();
    for (const [name, value] of new URLSearchParams(raw)) fields.set(name, fields.has(name) ? [fields.get(name)!, value].flat() : value);
    return { kind: 'form', fields: Object.fromEntries(fields) }; // own properties only, whatever the names
  }
  throw new HttpError(415, 'Send application/json or application/x-www-form-urlencoded.');
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
