/**
 * French public holidays (jours fériés) of metropolitan France, computed rather than stored so
 * that no one has to type next year's dates: eight fixed dates and three that follow Easter.
 * Help desks are closed on all of them. (Alsace-Moselle adds Good Friday and 26 December;
 * a centre there would need a setting — not the case of our centres, in the Nord.)
 */
import { addDays } from '../../platform/time.ts';

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm), as "YYYY-MM-DD". */
export function easterSunday(year: number): string {
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
  return isoDate(year, month, day);
}

export interface PublicHoliday {
  date: string;
  name: string;
}

/** The eleven public holidays of a year, in date order. */
export function publicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const list: PublicHoliday[] = [
    { date: isoDate(year, 1, 1), name: 'Jour de l’an' },
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: isoDate(year, 5, 1), name: 'Fête du Travail' },
    { date: isoDate(year, 5, 8), name: 'Victoire 1945' },
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: isoDate(year, 7, 14), name: 'Fête nationale' },
    { date: isoDate(year, 8, 15), name: 'Assomption' },
    { date: isoDate(year, 11, 1), name: 'Toussaint' },
    { date: isoDate(year, 11, 11), name: 'Armistice 1918' },
    { date: isoDate(year, 12, 25), name: 'Noël' },
  ];
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

const cache = new Map<number, Set<string>>();

/** Is this calendar date ("YYYY-MM-DD") a public holiday? */
export function isPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let days = cache.get(year);
  if (!days) {
    days = new Set(publicHolidays(year).map((h) => h.date));
    cache.set(year, days);
  }
  return days.has(date);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
