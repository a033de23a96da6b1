import { describe, expect, it } from 'vitest';
import { describeOpeningHours, normalizeOpeningHours, OPENING_HOURS_EXAMPLE, weekHours } from './opening-hours.ts';

// A Tuesday in a week without public holidays.
const ORDINARY = new Date(2026, 2, 10);

describe('opening hours', () => {
  it('accepts the example given to admins and shows it as a plain French week', () => {
    expect(normalizeOpeningHours(OPENING_HOURS_EXAMPLE)).toBe(OPENING_HOURS_EXAMPLE);
    expect(describeOpeningHours(OPENING_HOURS_EXAMPLE, ORDINARY)).toEqual([
      'lundi : 9 h – 12 h, 14 h – 17 h 30',
      'mardi : 9 h – 12 h, 14 h – 17 h 30',
      'mercredi : 9 h – 12 h, 14 h – 17 h 30',
      'jeudi : 9 h – 12 h, 14 h – 17 h 30',
      'vendredi : 9 h – 12 h, 14 h – 17 h 30',
      'samedi : 9 h – 12 h',
      'dimanche : fermé',
    ]);
  });

  it('stores the canonical spelling of a loosely typed value', () => {
    expect(normalizeOpeningHours('  mo-fr 9h-12h ')).toBe('Mo-Fr 09:00-12:00');
  });

  it('refuses what it cannot read', () => {
    for (const value of ['', '   ', 'blah', 'Mo 25:00-26:00', 'du lundi au vendredi', 'Mo-Fr 09:00-12:00; SH off', 'x'.repeat(501)]) {
      expect(normalizeOpeningHours(value), value).toBeNull();
    }
    expect(weekHours('n’importe quoi', ORDINARY)).toBeNull();
    expect(weekHours(null, ORDINARY)).toBeNull();
  });

  it('skips a week with a public holiday so that "PH off" does not close a weekday', () => {
    // Christmas 2026 is a Friday, New Year's Day 2027 too: the usual week is the one after.
    const week = weekHours('Mo-Fr 09:00-12:00; PH off', new Date(2026, 11, 23))!;
    expect(week.find((d) => d.day === 'vendredi')!.ranges).toEqual(['9 h – 12 h']);
  });

  it('answers a week asked again the same, whatever the caller did with the first answer', () => {
    const first = weekHours(OPENING_HOURS_EXAMPLE, ORDINARY)!;
    first[0]!.ranges.push('changé');
    first[1]!.day = 'changé';
    const again = weekHours(OPENING_HOURS_EXAMPLE, new Date(ORDINARY.getTime() + 3_600_000))!;
    expect(again[0]!.ranges).toEqual(['9 h – 12 h', '14 h – 17 h 30']);
    expect(again[1]!.day).toBe('mardi');
    // Another week is walked again: Christmas week and the one before differ by their holiday.
    expect(weekHours('Mo-Fr 09:00-12:00; PH off', new Date(2026, 11, 23))!.find((d) => d.day === 'vendredi')!.ranges).toEqual(['9 h – 12 h']);
  });

  it('splits hours that run past midnight between the two days', () => {
    expect(describeOpeningHours('Tu 20:00-02:00', ORDINARY)).toEqual([
      'lundi : fermé', 'mardi : 20 h – 24 h', 'mercredi : 0 h – 2 h', 'jeudi : fermé', 'vendredi : fermé', 'samedi : fermé', 'dimanche : fermé',
    ]);
    expect(describeOpeningHours('24/7', ORDINARY)![0]).toBe('lundi : toute la journée');
  });

  it('keeps a comment such as "sur rendez-vous"', () => {
    expect(describeOpeningHours('We 14:00-16:00 open "sur rendez-vous"', ORDINARY)![2]).toBe('mercredi : 14 h – 16 h (sur rendez-vous)');
  });
});
