import type { Locale } from '../platform/i18n/index.ts';

const TZ = 'Europe/Paris';

/** "mardi 13 janvier 2026" */
export function formatDate(iso: string, locale: Locale = 'fr'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ,
  }).format(new Date(iso));
}

/** "13/01/2026 14 h 05" style, short, for staff tables. */
export function formatDateTime(iso: string, locale: Locale = 'fr'): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TZ }).format(d);
  return `${date} ${formatTime(iso)}`;
}

// Built once: an Intl formatter costs far more to create than to use (lists format dozens of
// times per page).
const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ });

/** "14 h" or "14 h 30" (French typography) for an instant, in Paris time. */
export function formatTime(iso: string): string {
  const parts = timeFormat.formatToParts(new Date(iso));
  return formatWallTime(`${parts.find((p) => p.type === 'hour')?.value ?? '0'}:${parts.find((p) => p.type === 'minute')?.value ?? '00'}`);
}

/** "14 h" or "14 h 30" for a wall-clock time written "14:30" (openings, schedules). */
export function formatWallTime(time: string): string {
  const [hour, minute = '00'] = time.split(':');
  return minute === '00' ? `${Number(hour)} h` : `${Number(hour)} h ${minute}`;
}
