import { addDays, addMonthsClamped, dateInZone, formatDate, instantAt, parseDate, weekday, type CivilDate } from './civil-date.js';
import { holidayChecker, type HolidayRule } from './holidays.js';

export interface ControllerCalendar {
  timeZone: string;
  holidays: HolidayRule;
}

/**
 * The last day on which a request received at `receivedAt` must be answered: one month,
 * counted as Regulation 1182/71 counts it. The day of receipt is not counted, so the
 * period ends with the same date next month (the last day of that month where the date
 * does not exist), and a period ending on a Saturday, Sunday or public holiday runs to
 * the end of the next working day. Dates are the controller's, in its time zone.
 *
 * @example dueDate(new Date('2026-09-03T09:00:00+02:00'), calendar) // '2026-10-05'
 */
export function dueDate(receivedAt: Date, calendar: ControllerCalendar, months = 1): string {
  const received = dateInZone(receivedAt, calendar.timeZone);
  return formatDate(nextWorkingDay(addMonthsClamped(received, months), calendar.holidays));
}

/**
 * Working days after `from` up to `to` (so 0 when `to` is `from`); when `to` is before
 * `from`, minus the working days from `to` (excluded) to `from`, and at least -1: a
 * request due on Friday is late on Saturday already.
 */
export function workingDaysBetween(from: CivilDate, to: CivilDate, holidays: HolidayRule): number {
  const isHoliday = holidayChecker(holidays);
  const working = (day: CivilDate) => weekday(day) !== 0 && weekday(day) !== 6 && !isHoliday(day);
  const [start, end, sign] = formatDate(to) >= formatDate(from) ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = addDays(start, 1); formatDate(day) <= formatDate(end); day = addDays(day, 1)) if (working(day)) count++;
  return sign > 0 ? count : -Math.max(1, count);
}

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: CivilDate, holidays: HolidayRule): CivilDate {
  const isHoliday = holidayChecker(holidays);
  let day = date;
  while (weekday(day) === 0 || weekday(day) === 6 || isHoliday(day)) day = addDays(day, 1);
  return day;
}

/** The instant a due date (YYYY-MM-DD) ends: midnight after it, in the controller's time zone. */
export function endOfDueDate(date: string, timeZone: string): Date {
  return instantAt(addDays(parseDate(date), 1), 0, timeZone);
}
