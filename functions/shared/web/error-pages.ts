import type { MiddlewareObj } from '@middy/core';
import { HttpError } from '../errors.js';
import { messages, type Messages } from '../i18n.js';
import { logger } from '../logger.js';
import { LOCALES, type Locale } from '../rights.js';
import { ERROR_TEXTS, type ErrorTexts } from './error-texts.js';
import { header, jsonResponse, messagePage, type ApiEvent, type ApiResult } from './http.js';
import { bodyLocale, readerLocale } from './locale.js';

/** The deployment's languages; every language the product speaks if its settings cannot be read (the failure may be theirs). */
function offeredOr(offered: () => readonly Locale[]): readonly Locale[] {
  try {
    return offered();
  } catch {
    return LOCALES;
  }
}

const titleOf = (statusCode: number, e: ErrorTexts) => (statusCode < 500 ? e.titles.notAccepted : statusCode === 503 ? e.titles.tryAgain : e.titles.failed);

/** What an HttpError says in the reader's language (its field by the name the form gives it); its English message if it says nothing of its own. */
function textOf(error: HttpError, t: Messages, e: ErrorTexts): string {
  if (error.say === 'repeated') return e.repeated(t.fieldNames[error.field ?? ''] ?? error.field ?? '');
  return error.say ? e.said[error.say] : error.message;
}

/**
 * middy middleware: an HttpError is answered with its own status (a deliberate 503 too)
 * and message; anything else becomes a generic 500 whose detail goes to the log, never to
 * the page. Pages speak the reader's language (the error's, the form's, `?lang=`, the
 * browser's, among `offered`); JSON callers get `{ error, field? }`, browsers a page.
 * @example middy().use(errorPages(() => deps().config.languages))
 */
export function errorPages(offered: () => readonly Locale[] = () => LOCALES): MiddlewareObj<ApiEvent, ApiResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      const exposed = error instanceof HttpError ? error : undefined;
      if (!exposed || exposed.statusCode >= 500) {
        const cause = error?.cause instanceof Error ? { name: error.cause.name, message: error.cause.message } : undefined;
        logger.error('request failed', { error: { name: error?.name, message: error?.message, stack: error?.stack, cause } });
      }
      const locale = readerLocale(request.event, offeredOr(offered), exposed?.locale ?? bodyLocale(request.event));
      const e = ERROR_TEXTS[locale];
      const statusCode = exposed?.statusCode ?? 500;
      const text = exposed ? textOf(exposed, messages[locale], e) : e.failed;
      const wantsJson = /json/i.test(header(request.event, 'content-type') ?? '') || /json/i.test(header(request.event, 'accept') ?? '');
      request.response = wantsJson ? jsonResponse(statusCode, { error: text, ...(exposed?.field ? { field: exposed.field } : {}) }) : messagePage(statusCode, locale, titleOf(statusCode, e), text);
    },
  };
}
