/** Dates as residents read them: "mardi 13 janvier", "mardi 13 janvier à 9 h 30" (Paris time). */
import type { Locale } from '../../platform/i18n/index.ts';
import { formatDay, formatTime } from '../../ui/format.ts';

/** "mardi 13 janvier à 9 h 30" */
export function formatSlot(iso: string, locale: Locale, now: Date): string {
  return `${formatDay(iso, now, locale)} ${locale === 'fr' ? 'à' : 'at'} ${formatTime(iso)}`;
}

/** "9 h 30 – 10 h" */
export function formatRange(startIso: string, endIso: string): string {
  return `${formatTime(startIso)} – ${formatTime(endIso)}`;
}

export { formatDay, formatTime };
