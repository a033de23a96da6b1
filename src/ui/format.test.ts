import { describe, expect, it } from 'vitest';
import { formatDateRange, formatDay, formatTime } from './format.ts';

describe('formatDateRange', () => {
  it('says a single day once, and shares the month and year of a span', () => {
    expect(formatDateRange('2026-12-04', '2026-12-04')).toBe('le 4 décembre 2026');
    expect(formatDateRange('2026-12-04', '2026-12-06')).toBe('du 4 au 6 décembre 2026');
    expect(formatDateRange('2026-11-30', '2026-12-04')).toBe('du 30 novembre au 4 décembre 2026');
    expect(formatDateRange('2026-12-28', '2027-01-03')).toBe('du 28 décembre 2026 au 3 janvier 2027');
    expect(formatDateRange('2026-12-01', '2026-12-03')).toBe('du 1er au 3 décembre 2026');
    expect(formatDateRange('2028-02-29', '2028-02-29')).toBe('le 29 février 2028');
  });
});

describe('formatDay and formatTime', () => {
  // What Intl says directly, in Paris, against which the kept offsets and formatted days are checked.
  const paris = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: 'Europe/Paris' });
  const hourMinute = paris({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const year = paris({ year: 'numeric' });

  it('writes Paris time across both changes of time and the new year, as Intl does', () => {
    // Every 37 minutes through two years: both sides of each change of time, every hour of the day.
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 37 * 60_000) {
      const parts = hourMinute.formatToParts(new Date(ms));
      const hour = Number(parts.find((p) => p.type === 'hour')!.value);
      const minute = parts.find((p) => p.type === 'minute')!.value;
      expect(formatTime(new Date(ms).toISOString())).toBe(minute === '00' ? `${hour} h` : `${hour} h ${minute}`);
    }
  });

  it('adds the year when the day is in another Paris year than now, or far away, however often it is asked', () => {
    // 23:30 on 31 December in Paris is already 2027 there, still 2026 in UTC.
    const newYearsEve = new Date('2026-12-31T22:30:00Z');
    expect(year.format(newYearsEve)).toBe('2026');
    expect(formatDay('2027-01-02T09:00:00.000Z', newYearsEve)).toBe('samedi 2 janvier 2027');
    const firstOfJanuary = new Date('2026-12-31T23:30:00Z');
    expect(year.format(firstOfJanuary)).toBe('2027');
    expect(formatDay('2027-01-02T09:00:00.000Z', firstOfJanuary)).toBe('samedi 2 janvier');
    // The same day asked again, from either side, answers the same.
    expect(formatDay('2027-01-02T09:00:00.000Z', newYearsEve)).toBe('samedi 2 janvier 2027');
    expect(formatDay('2027-01-02T09:00:00.000Z', firstOfJanuary)).toBe('samedi 2 janvier');
    // Same year but more than 300 days away.
    expect(formatDay('2027-12-20T09:00:00.000Z', new Date('2027-01-05T09:00:00Z'))).toBe('lundi 20 décembre 2027');
    expect(formatDay('2027-12-20T09:00:00.000Z', new Date('2027-06-05T09:00:00Z'))).toBe('lundi 20 décembre');
    expect(formatDay('2027-12-20T09:00:00.000Z', new Date('2027-06-05T09:00:00Z'), 'en')).toBe('Monday 20 December');
  });
});
