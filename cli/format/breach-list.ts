import type { BreachView } from '../api-types.js';
import { hoursLeftCell } from './breach-deadline.js';
import { printable } from './printable.js';
import { table } from './table.js';

const time = (iso: string): number => Date.parse(iso) || 0;

/** Newest awareness first (the service's order, kept across pages), newest opened first on a tie. */
export function sortBreaches(breaches: readonly BreachView[]): BreachView[] {
  return [...breaches].sort((a, b) => time(b.awareAt) - time(a.awareAt) || time(b.openedAt) - time(a.openedAt));
}

/** `dsr breaches list`: one breach per line, in the order given. */
export function breachTable(breaches: readonly BreachView[]): string {
  if (breaches.length === 0) return 'No breaches.\n';
  return table(
    ['ID', 'AWARE AT', 'RISK', 'STATE', 'DEADLINE', 'HOURS LEFT'],
    breaches.map((breach) => [breach.breachId, breach.awareAt, breach.risk, breach.state, breach.deadline, hoursLeftCell(breach)].map((cell) => printable(String(cell ?? '')))),
  );
}
