import type { Locale } from '../platform/i18n/index.ts';

import { PARIS as TZ, parisDate, utcToParis } from '../platform/time.ts';

/** "mardi 13 janvier 2026" */
export function formatDate(iso: string, locale: Locale = 'fr'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ,
  }).format(new Date(iso));
}

const dayFormats = {
  fr: { thisYear: new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: TZ }),
    withYear: new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ }) },
  en: { thisYear: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: TZ }),
    withYear: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ }) },
};
/** Beyond this, a day of the same year still gets its year ("10 janvier" read in late December). */
const NEAR_MS = 300 * 86_400_000;
/**
 * Days already formatted, by locale, form and instant: a page lists the same sessions again
 * and again, and a crowd registering for one session has its day written in a thousand
 * messages — an Intl call costs microseconds, a lookup nothing.
 */
const formattedDays = new Map<string, string>();
const FORMATTED_MAX = 5_000;

/**
 * "mardi 13 janvier" (Paris day), the one rule for every page and message: the year is added
 * when the day is in another year than `now` (in Paris), or more than 300 days away.
 */
export function formatDay(iso: string, now: Date, locale: Locale = 'fr'): string {
  const d = new Date(iso);
  const near = parisDate(d).slice(0, 4) === parisDate(now).slice(0, 4) && Math.abs(d.getTime() - now.getTime()) < NEAR_MS;
  const key = `${locale}${near ? '' : '+'}${iso}`;
  let text = formattedDays.get(key);
  if (text === undefined) {
    text = (near ? dayFormats[locale].thisYear : dayFormats[locale].withYear).format(d);
    if (formattedDays.size >= FORMATTED_MAX) formattedDays.clear();
    formattedDays.set(key, text);
  }
  return text;
}

const calendarFormat = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/**
 * A span of calendar days ("2026-12-04"), said once: "le 4 décembre 2026", "du 4 au 6 décembre
 * 2026", "du 30 novembre au 4 décembre 2026", "du 28 décembre 2026 au 3 janvier 2027" — never
 * "du 4 décembre 2026 au 4 décembre 2026".
 */
export function formatDateRange(firstDay: string, lastDay: string, locale: Locale = 'fr'): string {
  const first = new Date(`${firstDay}T12:00:00Z`);
  const last = new Date(`${lastDay}T12:00:00Z`);
  if (locale === 'en') return calendarFormat.en.formatRange(first, last);
  const [y1, m1] = firstDay.split('-');
  const [y2, m2] = lastDay.split('-');
  const full = (d: Date) => calendarFormat.fr.format(d).replace(/^1 /, '1er ');
  if (firstDay === lastDay) return `le ${full(first)}`;
  const parts = calendarFormat.fr.formatToParts(first);
  const day = `${parts.find((p) => p.type === 'day')?.value ?? ''}`.replace(/^1$/, '1er');
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  if (y1 === y2 && m1 === m2) return `du ${day} au ${full(last)}`;
  if (y1 === y2) return `du ${day} ${month} au ${full(last)}`;
  return `du ${full(first)} au ${full(last)}`;
}

/** "13/01/2026 14 h 05" style, short, for staff tables. */
export function formatDateTime(iso: string, locale: Locale = 'fr'): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TZ }).format(d);
  return `${date} ${formatTime(iso)}`;
}

/** "14 h" or "14 h 30" (French typography) for an instant, in Paris time (platform/time.ts keeps Paris's offsets: no Intl call). */
export function formatTime(iso: string): string {
  return formatWallTime(utcToParis(iso).time);
}

/** "14 h" or "14 h 30" for a wall-clock time written "14:30" (openings, schedules). */
export function formatWallTime(time: string): string {
  const [hour, minute = '00'] = time.split(':');
  return minute === '00' ? `${Number(hour)} h` : `${Number(hour)} h ${minute}`;
}
