import { dateInZone, parseDate, type CivilDate } from '../shared/civil-date.js';
import type { HolidayRule } from '../shared/holidays.js';
import { workingDaysBetween } from '../shared/legal-clock.js';
import { CLOSED_STATUSES, type RegisterEntry } from '../shared/store/requests.js';

/** One request as the admin listing and the register show it (the `dsr` command line reads this type too). */
export interface RequestSummary {
  requestId: string;
  right: string;
  status: string;
  receivedAt: string;
  dueDate: string;
  /** Set when the deadline was extended: the due date before. */
  originalDueDate?: string;
  closedAt?: string;
  outcome?: 'complete' | 'incomplete';
  /** Open requests only: working days left to the due date, negative once overdue. */
  workingDaysLeft?: number;
  overdue: boolean;
  /** With `addresses=true` only, and only until the request is minimised. */
  email?: string;
}

/** Today's date and the holidays the working days are counted with: the controller's. */
export interface Today {
  date: CivilDate;
  holidays: HolidayRule;
}

export const todayOf = (now: Date, calendar: { timeZone: string; holidays: HolidayRule }): Today => ({ date: dateInZone(now, calendar.timeZone), holidays: calendar.holidays });

export function summaryOf(entry: RegisterEntry, today: Today, withAddress = false): RequestSummary {
  const open = !CLOSED_STATUSES.includes(entry.status);
  const left = open ? workingDaysBetween(today.date, parseDate(entry.dueDate), today.holidays) : undefined;
  return {
    requestId: entry.requestId,
    right: entry.type,
    status: entry.status,
    receivedAt: entry.receivedAt,
    dueDate: entry.dueDate,
    ...(entry.extension ? { originalDueDate: entry.extension.originalDueDate } : {}),
    ...(entry.closedAt ? { closedAt: entry.closedAt } : {}),
    ...(entry.outcome ? { outcome: entry.outcome } : {}),
    ...(left !== undefined ? { workingDaysLeft: left } : {}),
    overdue: left !== undefined && left < 0,
    ...(withAddress && entry.email ? { email: entry.email } : {}),
  };
}
