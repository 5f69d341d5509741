import type { AuditEntry } from '../api-types.js';
import { printable } from './printable.js';
import { table } from './table.js';

/** An audit trail (or a breach's timeline) as table lines, one entry per line; `(empty)` when there is none. */
export function auditLines(audit: readonly AuditEntry[]): string[] {
  if (audit.length === 0) return ['(empty)'];
  return table(
    ['AT', 'ACTOR', 'EVENT', 'DETAILS'],
    audit.map((entry) => [printable(entry.at), printable(entry.actor), printable(entry.event), pairs(entry.detail ?? {})]),
  )
    .trimEnd()
    .split('\n');
}

/** `key=value` pairs; values with spaces, quotes or `=` are JSON-quoted so the line splits back unambiguously. */
export function pairs(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([key, value]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return printable(`${key}=${/^[^\s"'=]*$/.test(text) && text !== '' ? text : JSON.stringify(text)}`);
    })
    .join(' ');
}
