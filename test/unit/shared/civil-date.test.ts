import { describe, expect, it } from 'vitest';
import { addMonthsClamped, dateInZone, isTimeZone, parseDate } from '../../../functions/shared/civil-date.js';

describe('civil dates', () => {
  it('refuses dates that do not exist', () => {
    expect(() => parseDate('2027-02-29')).toThrow(/no such date/);
    expect(() => parseDate('2026-13-01')).toThrow(/no such date/);
    expect(() => parseDate('26-1-1')).toThrow(/YYYY-MM-DD/);
  });

  it('adds months across years and clamps to the month end', () => {
    expect(addMonthsClamped(parseDate('2026-12-31'), 2)).toEqual(parseDate('2027-02-28'));
    expect(addMonthsClamped(parseDate('2026-01-15'), -1)).toEqual(parseDate('2025-12-15'));
  });

  it('reads the date an instant falls on in a zone', () => {
    expect(dateInZone(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toEqual(parseDate('2027-01-01'));
    expect(dateInZone(new Date('2026-12-31T23:30:00Z'), 'UTC')).toEqual(parseDate('2026-12-31'));
  });

  it('knows IANA zones and rejects others', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
