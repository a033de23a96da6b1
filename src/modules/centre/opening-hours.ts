import type OpeningHours from 'opening_hours';
import { lazyPackage } from '../../platform/lazy-package.ts';

/**
 * Opening hours are stored in OpenStreetMap `opening_hours` syntax, the format of the
 * national *lieux de médiation numérique* listing ("horaires"), and shown to people as a
 * plain French week. No I/O here.
 */

// Public holidays (PH) need a country; the coordinates (centre of France) only serve
// sunrise/sunset rules, which are close enough anywhere in mainland France.
const FRANCE = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };

// 1.2 MB of code: loaded when hours are first read or shown, not at start.
const openingHours = lazyPackage<typeof OpeningHours>('opening_hours');

export const OPENING_HOURS_EXAMPLE = 'Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off';
export const OPENING_HOURS_MAX_LENGTH = 500;

function parse(value: string): OpeningHours | null {
  try {
    return new (openingHours())(value, FRANCE);
  } catch {
    return null;
  }
}

/**
 * Checks a value and answers its canonical spelling (the library's prettified form, e.g.
 * "mo-fr 9h-12h" → "Mo-Fr 09:00-12:00"), or null when it cannot be read.
 */
export function normalizeOpeningHours(value: string): string | null {
  const text = value.trim();
  if (!text || text.length > OPENING_HOURS_MAX_LENGTH) return null;
  const parsed = parse(text);
  if (!parsed) return null;
  try {
    return parsed.prettifyValue();
  } catch {
    return null;
  }
}

export interface DayHours {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** "lundi" */
  day: string;
  /** "9 h – 12 h", "14 h – 17 h 30 (sur rendez-vous)"; empty when closed. */
  ranges: string[];
}

const DAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const DAY_MS = 86_400_000;

function hourText(date: Date, endOfDay = false): string {
  if (endOfDay) return '24 h';
  const minutes = date.getMinutes();
  return minutes === 0 ? `${date.getHours()} h` : `${date.getHours()} h ${String(minutes).padStart(2, '0')}`;
}

function mondayOf(date: Date): Date {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

function addDays(date: Date, days: number): Date {
  const d = new Date(date);
  d.setDate(d.getDate() + days);
  return d;
}

/**
 * A usual week: the first week from `reference` on that has no public holiday, so that
 * "PH off" does not make a weekday look closed. Times are wall-clock times, read with the
 * local getters on both sides, so the server's time zone does not matter.
 */
function usualWeek(reference: Date): Date {
  const holidays = parse('PH');
  let monday = mondayOf(reference);
  for (let i = 0; i < 8 && holidays; i++) {
    const hasHoliday = DAY_NAMES.some((_, d) => holidays.getState(new Date(addDays(monday, d).getTime() + 12 * 3_600_000)));
    if (!hasHoliday) break;
    monday = addDays(monday, 7);
  }
  return monday;
}

/**
 * The week in plain French, computed by walking the library's open intervals over a usual
 * week; intervals that run past midnight are split between the two days. Null when the
 * value cannot be read.
 */
export function weekHours(value: string | null | undefined, reference: Date): DayHours[] | null {
  if (!value) return null;
  // The same week of the same hours is asked by every visit of the contact page: reading the
  // value and walking its week cost 3 ms, a copy of the kept answer nothing.
  const key = `${mondayOf(reference).getTime()}\u0000${value}`;
  let week = weeks.get(key);
  if (week === undefined) {
    week = walkWeek(value, reference);
    if (weeks.size >= KEPT_WEEKS) weeks.delete(weeks.keys().next().value!);
    weeks.set(key, week);
  }
  return week && week.map((d) => ({ ...d, ranges: [...d.ranges] }));
}

/** Weeks kept, by Monday and value (a centre and its sites: a few values). */
const KEPT_WEEKS = 200;
const weeks = new Map<string, DayHours[] | null>();

function walkWeek(value: string, reference: Date): DayHours[] | null {
  const parsed = parse(value);
  if (!parsed) return null;
  const monday = usualWeek(reference);
  const days: DayHours[] = DAY_NAMES.map((day, weekday) => ({ weekday, day, ranges: [] }));
  let intervals: [Date, Date, boolean, string | undefined][];
  try {
    intervals = parsed.getOpenIntervals(monday, addDays(monday, 7));
  } catch {
    return null;
  }
  for (const [from, to, , comment] of intervals) {
    let start = from;
    while (start < to) {
      const dayStart = new Date(start.getFullYear(), start.getMonth(), start.getDate());
      const nextDay = addDays(dayStart, 1);
      const end = to < nextDay ? to : nextDay;
      const weekday = Math.round((dayStart.getTime() - monday.getTime()) / DAY_MS);
      const target = days[weekday];
      if (target) {
        const wholeDay = start.getTime() === dayStart.getTime() && end.getTime() === nextDay.getTime();
        const text = wholeDay ? 'toute la journée' : `${hourText(start)} – ${hourText(end, end.getTime() === nextDay.getTime())}`;
        target.ranges.push(comment ? `${text} (${comment})` : text);
      }
      start = end;
    }
  }
  return days;
}

/** "lundi : 9 h – 12 h, 14 h – 17 h 30" for each day, "dimanche : fermé" when closed. */
export function describeOpeningHours(value: string | null | undefined, reference: Date): string[] | null {
  const week = weekHours(value, reference);
  return week && week.map((d) => `${d.day} : ${d.ranges.length ? d.ranges.join(', ') : 'fermé'}`);
}
