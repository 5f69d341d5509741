import { parseDate } from './civil-date.js';

/**
 * Dates, sizes and counts as each language writes them, for `messages`: the first of the
 * month "1er" in French, sizes in kB and MB (ko and Mo), plurals by Intl.PluralRules.
 */

/**
 * Formats a date with Intl's `options`, writing the first of the month "1er" where the
 * language does (French), which Intl does not. The Intl formatter is made when first
 * needed: `messages` makes these for each language at every cold start.
 * @example dateFormatter('fr-FR', { day: 'numeric', month: 'long' })(new Date('2026-12-01')) // '1er décembre'
 */
export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): (date: Date) => string {
  let format: Intl.DateTimeFormat | undefined;
  const made = () => (format ??= new Intl.DateTimeFormat(locale, options));
  // Only French needs the parts, which take twice as long to make: an archive's table formats every date it holds.
  if (!locale.startsWith('fr')) return (date) => made().format(date);
  return (date) =>
    made()
      .formatToParts(date)
      .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
      .join('');
}

/** A civil date (YYYY-MM-DD) in full: "Tuesday 1 December 2026", "mardi 1er décembre 2026". */
export const longDate = (locale: string) => {
  const format = dateFormatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (isoDate: string) => {
    const d = parseDate(isoDate);
    return format(new Date(Date.UTC(d.year, d.month - 1, d.day)));
  };
};

/**
 * A moment with its time zone's long generic name ("Central European Time", "heure
 * d’Europe centrale"): the same kind of name in every language, where the short names
 * differ ("CET" in English, "UTC+1" in French).
 */
export const dateTime = (locale: string) => {
  // An Intl formatter costs far more to make than to use: one per time zone, kept.
  const byZone = new Map<string, (date: Date) => string>();
  return (instant: string, timeZone: string) => {
    let format = byZone.get(timeZone);
    if (!format) byZone.set(timeZone, (format = dateFormatter(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'longGeneric' })));
    return format(new Date(instant));
  };
};

/** A time zone's long generic name alone, as `dateTime` writes it. */
export const zoneName = (locale: string) => (timeZone: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A size in the language's units (kB, MB in English; ko, Mo in French), bytes in words ("12 bytes", "12 octets"). */
export const humanSize = (locale: string) => {
  // Made when first needed: `messages` makes this for each language at every cold start.
  const formats: Intl.NumberFormat[] = [];
  return (bytes: number) => {
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    formats[unit] ??= new Intl.NumberFormat(locale, { style: 'unit', unit: SIZE_UNITS[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 });
    return formats[unit].format(value);
  };
};

/**
 * A language's plural rules (Intl.PluralRules): `form` picks the word that agrees with a
 * count, `count` writes the count with it.
 * @example pluralsOf('fr-FR').count(1, 'jour', 'jours') // '1 jour'
 */
export function pluralsOf(locale: string) {
  // Made when first needed, as above.
  let rules: Intl.PluralRules | undefined;
  let numbers: Intl.NumberFormat | undefined;
  const form = (n: number, one: string, other: string) => ((rules ??= new Intl.PluralRules(locale)).select(n) === 'one' ? one : other);
  return { form, count: (n: number, one: string, other: string) => `${(numbers ??= new Intl.NumberFormat(locale)).format(n)} ${form(n, one, other)}` };
}

/** A country's name from its ISO code ("United States", "États-Unis"), the Intl names made when first needed. */
export const countryName = (locale: string) => {
  let names: Intl.DisplayNames | undefined;
  return (code: string) => (names ??= new Intl.DisplayNames(locale, { type: 'region' })).of(code) ?? code;
};
