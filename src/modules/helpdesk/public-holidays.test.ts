import { describe, expect, it } from 'vitest';
import { easterSunday, isPublicHoliday, publicHolidays } from './public-holidays.ts';

describe('French public holidays', () => {
  it('finds Easter Sunday on known dates', () => {
    // Published dates, including the earliest and latest possible (22 March, 25 April).
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('lists the eleven holidays of 2026 with Easter Monday, Ascension and Whit Monday', () => {
    const dates = publicHolidays(2026).map((h) => h.date);
    expect(dates).toEqual([
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25',
      '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
  });

  it('answers for single dates', () => {
    expect(isPublicHoliday('2027-03-29')).toBe(true); // Easter Monday 2027
    expect(isPublicHoliday('2027-05-06')).toBe(true); // Ascension 2027
    expect(isPublicHoliday('2027-05-17')).toBe(true); // Whit Monday 2027
    expect(isPublicHoliday('2027-03-30')).toBe(false);
    expect(isPublicHoliday('2026-12-26')).toBe(false);
  });
});
