import { parseDate } from '../shared/civil-date.js';
import { dateFormatter } from '../shared/formats.js';
import type { Messages } from '../shared/i18n.js';

/**
 * How one page writes values: the learner's messages, the label of each attribute, and
 * its Intl formatters, made once per page. A formatter costs about 70 µs and 13 KB of
 * native memory to make, which the heap does not see: one per value would hold gigabytes
 * for a page of 100,000 records.
 */
export interface ValueFormat {
  t: Messages;
  label: (attribute: string) => string;
  /** The learner's words for a code an attribute holds (`completed`: "Terminé"), where the system declares them. */
  valueLabel?: (attribute: string, value: string) => string | undefined;
  date: (date: Date) => string;
  time: (date: Date) => string;
  number: Intl.NumberFormat;
}

/**
 * Dates as the learner's language writes them in a table, the month in letters (5 Oct 2026,
 * 1er oct. 2026) so that no reader takes the day for the month, times too, in the
 * controller's time zone, which the page names once (`t.zoneName`).
 */
export function valueFormat(t: Messages, timeZone: string, label: ValueFormat['label'], valueLabel?: ValueFormat['valueLabel']): ValueFormat {
  const tag = t.archive.intl;
  return {
    t,
    label,
    valueLabel,
    date: dateFormatter(tag, { dateStyle: 'medium', timeZone: 'UTC' }),
    time: dateFormatter(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
    number: new Intl.NumberFormat(tag, { maximumFractionDigits: 20 }),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How deep a nested value is written out in a cell. */
const MAX_DEPTH = 8;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A value of a record as the learner reads it: dates and times, numbers with their
 * language's separators, yes or no, lists joined, a nested record as its labelled values,
 * a code in the words the system declares for it. Other text is shown as written.
 */
export function readableValue(value: unknown, f: ValueFormat, attribute = '', depth = 0): string {
  if (value === null || value === undefined) return '';
  if (depth > MAX_DEPTH) return '…'; // deeper than anyone reads; the file offered beside the table holds it all
  if (typeof value === 'number') return f.number.format(value);
  if (typeof value === 'boolean') return value ? f.t.archive.yes : f.t.archive.no;
  if (typeof value === 'string') return f.valueLabel?.(attribute, value) ?? readableText(value, f);
  if (Array.isArray(value)) return value.map((v) => readableValue(v, f, attribute, depth + 1)).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => f.t.labelled(f.label(k), readableValue(v, f, k, depth + 1))).join(', ');
  return String(value);
}

function readableText(text: string, f: ValueFormat): string {
  if (DATE.test(text)) {
    try {
      const d = parseDate(text);
      return f.date(new Date(Date.UTC(d.year, d.month - 1, d.day)));
    } catch {
      return text; // not a real date (2026-13-01): shown as written
    }
  }
  const instant = INSTANT.test(text) ? new Date(text) : undefined;
  return instant && !Number.isNaN(instant.getTime()) ? f.time(instant) : text;
}

/** A code name: a lowercase word of two letters or more, or words joined in camelCase or by `_`, `.`, `-`. */
const CODE_NAME = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*|[_.-][a-z0-9]+)+$|^[a-z][a-z0-9]+$/;

/**
 * An attribute without a declared label, made readable where it is a code name:
 * `lastLoginAt` and `last_login_at` read "Last login at". Any other heading (a learner's
 * own CSV: `x`, `f(x)`, `Note finale`) is shown as written.
 */
export function readableKey(attribute: string): string {
  if (!CODE_NAME.test(attribute)) return attribute;
  const words = attribute
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : attribute;
}
