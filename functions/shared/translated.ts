import { isLocale, LOCALES, type Locale } from './rights.js';
import * as z from 'zod/mini';

/** What a missing or shapeless text is told: `must be a text in each language: { "fr": "…", "en": "…" }`. */
export const textInEach = (languages: readonly Locale[] = LOCALES) => `must be a text in each language: { ${languages.map((l) => `"${l}": "…"`).join(', ')} }`;

/**
 * A text in each language the deployment offers, e.g. `{ "en": "Invoices", "fr": "Factures" }`,
 * each at most `max` characters; a key that is not a language offered is a typo. Given
 * `languages` (`dsr:languages`, at synth), each of them is required; without, only the shape
 * is checked (what a function reads was checked at synth).
 */
export const translated = (max: number, languages?: readonly Locale[]) =>
  z
    .partialRecord(z.custom<Locale>(isLocale), z.string('must be text').check(z.maxLength(max, `is longer than ${max} characters`)), {
      error: (issue) => (issue.code === 'invalid_key' ? `which is not a language offered (${LOCALES.join(', ')})` : textInEach(languages)),
    })
    .check(...(languages ?? []).map((l) => z.refine<Partial<Record<Locale, string>>>((t) => !!t[l]?.trim(), `has no "${l}"`)));

/** A text in each language the deployment offers. */
export type Translated = z.output<ReturnType<typeof translated>>;
