import type { Deps } from '../context.js';
import { LinkError, type LinkProblem } from '../errors.js';
import { messages } from '../i18n.js';
import type { Locale } from '../rights.js';
import { messagePage, type ApiEvent, type ApiResult } from './http.js';
import { readerLocale } from './locale.js';

const texts = (locale: Locale): Record<LinkProblem, [string, string]> => {
  const t = messages[locale].links;
  return {
    unknown: [t.unknownTitle, t.unknown],
    used: [t.usedTitle, t.used],
    expired: [t.expiredTitle, t.expired],
    unavailable: [t.unavailableTitle, t.unavailable],
  };
};

/** The page for a link that cannot act, with the status that says why (404, 409, 410, 503). */
export function linkProblemPage(error: LinkError, locale: Locale): ApiResult {
  const [title, text] = texts(locale)[error.problem];
  return messagePage(error.statusCode, locale, title, text);
}

/**
 * Runs `action`; a LinkError becomes its page, in the language `localeFor` picks for it,
 * and anything else goes to the error middleware.
 */
export async function orLinkProblem(localeFor: (error: LinkError) => Promise<Locale> | Locale, action: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof LinkError) return linkProblemPage(error, await localeFor(error));
    throw error;
  }
}

/**
 * The language of a learner's link page: the page's `?lang=`, else the learner's own when
 * the link is known (even if it can no longer act), else the browser's.
 */
export function learnersLanguage(d: Deps, event: ApiEvent): (error: LinkError) => Promise<Locale> {
  return async (error) => readerLocale(event, d.config.languages, error.requestId && (await d.requests.get(error.requestId))?.locale);
}
