import { negotiateLocale } from '../i18n.js';
import { isLocale, type Locale } from '../rights.js';
import { bodyText, contentType, header, type ApiEvent } from './http.js';

/**
 * The language a page speaks to its reader: the first offered of the page's `?lang=` (the
 * reader chose it) and `asked` (the form's field, the link's request), else the browser's
 * Accept-Language.
 */
export function readerLocale(event: ApiEvent, offered: readonly Locale[], asked?: unknown): Locale {
  const wanted = [event.queryStringParameters?.lang, asked].find((l) => isLocale(l) && offered.includes(l));
  return (wanted as Locale | undefined) ?? negotiateLocale(header(event, 'accept-language'), offered);
}

/** The language of the DPO's pages: the page's `?lang=`, else the deployment's first, the language of the DPO's emails. */
export const dpoLocale = (event: ApiEvent, offered: readonly Locale[]): Locale => readerLocale(event, offered, offered[0]);

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
