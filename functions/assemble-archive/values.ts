import type { Messages } from '../shared/i18n.js';

/** How one page writes values: the learner's messages, the controller's time zone, and the label of each attribute. */
export interface ValueFormat {
  t: Messages;
  timeZone: string;
  label: (attribute: string) => string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A value of a record as the learner reads it: dates and times in their language (times in
 * the controller's time zone, named), numbers with their language's separators, yes or no,
 * lists joined, a nested record as its labelled values. Text is shown as written.
 */
export function readableValue(value: unknown, f: ValueFormat): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return f.t.archive.number(value);
  if (typeof value === 'boolean') return value ? f.t.archive.yes : f.t.archive.no;
  if (typeof value === 'string') return readableText(value, f);
  if (Array.isArray(value)) return value.map((v) => readableValue(v, f)).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => f.t.archive.pair(f.label(k), readableValue(v, f))).join(', ');
  return String(value);
}

function readableText(text: string, f: ValueFormat): string {
  try {
    if (DATE.test(text)) return f.t.date(text);
    if (INSTANT.test(text)) return f.t.dateTime(text, f.timeZone);
  } catch {
    // Not a real date (2026-13-01): shown as written.
  }
  return text;
}

/** An attribute without a declared label, made readable: `lastLoginAt` and `last_login_at` read "Last login at". */
export function readableKey(attribute: string): string {
  const words = attribute
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : attribute;
}
