import { negotiateLocale } from '../i18n.js';
import { isLocale, type Locale } from '../rights.js';
import { bodyText, contentType, header, type ApiEvent } from './http.js';

/**
 * The language a page speaks to its reader: the first offered of `asked` (the form's
 * field, the link's request) and the page's `?lang=`, else the browser's Accept-Language.
 */
export function readerLocale(event: ApiEvent, offered: readonly Locale[], asked?: unknown): Locale {
  const wanted = [asked, event.queryStringParameters?.lang].find((l) => l !== undefined);
  if (isLocale(wanted) && offered.includes(wanted)) return wanted;
  return negotiateLocale(header(event, 'accept-language'), offered);
}

/**
 * The `locale` a form or JSON body asks for, read leniently: an error page speaks the
 * form's language whatever else is wrong with the body (too large, a field twice).
 */
export function bodyLocale(event: ApiEvent): unknown {
  try {
    const raw = bodyText(event);
    if (contentType(event) === 'application/json') return (JSON.parse(raw) as { locale?: unknown })?.locale;
    return new URLSearchParams(raw).get('locale') ?? undefined;
  } catch {
    return undefined;
  }
}
