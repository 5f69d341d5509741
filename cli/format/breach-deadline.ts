import type { BreachView } from '../api-types.js';

const hours = (n: number): string => `${n} hour${n === 1 ? '' : 's'}`;

/** The list's HOURS LEFT cell: `-` unless the clock runs, `N overdue` once the 72 hours have passed. */
export function hoursLeftCell({ state, hoursLeft, overdue }: BreachView): string {
  if (state !== 'open' || hoursLeft === undefined) return state === 'open' && overdue ? 'overdue' : '-';
  return hoursLeft < 0 ? `${-hoursLeft} overdue` : String(hoursLeft);
}

/**
 * The deadline with where the clock stands while the breach is open.
 *
 * @example deadlineText(breach) // '2026-10-04T08:00:00.000Z (12 hours left)'
 */
export function deadlineText({ deadline, state, hoursLeft, overdue }: BreachView): string {
  if (state !== 'open') return deadline;
  if (hoursLeft === undefined) return overdue ? `${deadline} (overdue)` : deadline;
  return `${deadline} (${hoursLeft < 0 ? `${hours(-hoursLeft)} overdue` : `${hours(hoursLeft)} left`})`;
}
