/**
 * Europe/Paris wall-clock time ↔ UTC instants, and arithmetic on calendar dates. The one home
 * for both: openings and sessions are written as local times ("le mardi de 9 h à 12 h") and
 * must stay at 9 h when the clocks change, while every instant we store or send is UTC.
 * - the time-zone rules come from @date-fns/tz (this file only asks it for offsets, cached per
 *   hour because slot computations ask for thousands of them);
 * - a wall time that does not exist (the skipped hour in March) moves forward by the gap, as
 *   clocks do; one that happens twice (the repeated hour in October) is the second, winter one;
 * - calendar dates are "YYYY-MM-DD" strings, computed at UTC noon so that no zone can shift them.
 * Validation of dates that come from outside lives in dates.ts; how dates read, in ui/format.ts.
 */
import { tzOffset } from '@date-fns/tz';

export const PARIS = 'Europe/Paris';

const HOUR_MS = 3_600_000;
const offsetCache = new Map<number, number>();

/** Offset of Paris from UTC in minutes at a UTC instant (60 in winter, 120 in summer); offsets change only on the hour. */
function offsetAt(utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    offset = tzOffset(PARIS, new Date(hour * HOUR_MS));
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(hour, offset);
  }
  return offset;
}

/**
 * The UTC instant (ms) of a Paris wall-clock time on a date. `minutes` counts from local
 * midnight (9 h 30 = 570; 24 h = 1440 is the next midnight).
 */
export function parisToUtcMs(date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  const first = naive - offsetAt(naive) * 60_000;
  return naive - offsetAt(first) * 60_000;
}

/** Paris wall-clock date and time ("HH:MM") → UTC ISO instant. */
export function parisToUtc(localDate: string, time: string): string {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(parisToUtcMs(localDate, hh * 60 + mm)).toISOString();
}

/** The Paris wall clock of an instant, as a Date whose UTC fields read Paris time. */
function parisWallClock(utc: number | string | Date): Date {
  const ms = typeof utc === 'number' ? utc : new Date(utc).getTime();
  return new Date(ms + offsetAt(ms) * 60_000);
}

/** UTC instant → Paris local date "YYYY-MM-DD" and time "HH:MM". */
export function utcToParis(iso: string): { date: string; time: string } {
  const local = parisWallClock(iso).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** The Paris calendar date ("YYYY-MM-DD") of a UTC instant. */
export function parisDate(utc: number | string | Date): string {
  return parisWallClock(utc).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "09:30" → 570 ("24:00" → 1440); NaN for anything else. */
export function timeToMinutes(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) return time === '24:00' ? 1440 : Number.NaN;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A calendar date moved by a number of days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week containing a date. */
export function mondayOf(date: string): string {
  return addDays(date, -(isoWeekday(date) - 1));
}

/** Whole days from a to b (b − a) between two calendar dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);
}
