/** Characters that make a spreadsheet read a cell as a formula (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: a leading apostrophe when a spreadsheet would take it for a formula,
 * then quoted (quotes doubled) when it holds a comma, quote, CR or LF.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Records as RFC 4180 CSV: CRLF after every line, the last included; absent values are empty fields. */
export function csv(records: readonly (readonly (string | undefined | null)[])[]): string {
  return records.map((fields) => fields.map((field) => csvField(field ?? '')).join(',') + '\r\n').join('');
}
