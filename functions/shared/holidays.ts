import { addDays, formatDate, type CivilDate } from './civil-date.js';

/**
 * Public-holiday calendars that a legal period rolls over. A calendar is a function of the
 * year so that it needs no yearly update; `extraDates` adds one-off days (a regional
 * holiday, a decreed bridge day).
 */
export const HOLIDAY_CALENDARS = ['FR', 'none'] as const;
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

export interface HolidayRule {
  calendar: HolidayCalendar;
  extraDates: string[]; // YYYY-MM-DD
}

/** Easter Sunday of the Gregorian calendar (Meeus/Jones/Butcher algorithm). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** France's eleven public holidays (Code du travail, art. L3133-1). */
function frenchHolidays(year: number): CivilDate[] {
  const easter = easterSunday(year);
  const fixed: Array<[number, number]> = [
    [1, 1], // Jour de l'an
    [5, 1], // Fête du travail
    [5, 8], // Victoire 1945
    [7, 14], // Fête nationale
    [8, 15], // Assomption
    [11, 1], // Toussaint
    [11, 11], // Armistice
    [12, 25], // Noël
  ];
  return [
    ...fixed.map(([month, day]) => ({ year, month, day })),
    addDays(easter, 1), // Lundi de Pâques
    addDays(easter, 39), // Ascension
    addDays(easter, 50), // Lundi de Pentecôte
  ];
}

const calendars: Record<HolidayCalendar, (year: number) => CivilDate[]> = {
  FR: frenchHolidays,
  none: () => [],
};

/** A predicate answering whether a date is a public holiday under `rule`. */
export function holidayChecker(rule: HolidayRule): (date: CivilDate) => boolean {
  const extra = new Set(rule.extraDates);
  const byYear = new Map<number, Set<string>>();
  return (date) => {
    let days = byYear.get(date.year);
    if (!days) {
      days = new Set(calendars[rule.calendar](date.year).map(formatDate));
      byYear.set(date.year, days);
    }
    const key = formatDate(date);
    return days.has(key) || extra.has(key);
  };
}
