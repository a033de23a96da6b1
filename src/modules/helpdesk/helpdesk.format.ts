/** Dates as residents read them: "mardi 13 janvier", "mardi 13 janvier à 9 h 30" (Paris time). */
import { formatTime } from '../../ui/format.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { PARIS } from './paris-time.ts';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(locale: Locale, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withYear}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), timeZone: PARIS,
    });
    dayFormats.set(key, format);
  }
  return format;
}

const yearFormat = new Intl.DateTimeFormat('fr-FR', { year: 'numeric', timeZone: PARIS });

/** "mardi 13 janvier"; the year is added when it is not the current one (in Paris). */
export function formatDay(iso: string, locale: Locale, now: Date): string {
  const d = new Date(iso);
  const sameYear = yearFormat.format(d) === yearFormat.format(now) && Math.abs(d.getTime() - now.getTime()) < 300 * 86_400_000;
  return dayFormat(locale, !sameYear).format(d);
}

/** "mardi 13 janvier à 9 h 30" */
export function formatSlot(iso: string, locale: Locale, now: Date): string {
  return `${formatDay(iso, locale, now)} ${locale === 'fr' ? 'à' : 'at'} ${formatTime(iso)}`;
}

/** "9 h 30 – 10 h" */
export function formatRange(startIso: string, endIso: string): string {
  return `${formatTime(startIso)} – ${formatTime(endIso)}`;
}

export { formatTime };
