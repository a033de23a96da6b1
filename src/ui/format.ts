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

/** "14 h" or "14 h 30" (French typography). */
export function formatTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ }).formatToParts(new Date(iso));
  const hour = String(Number(parts.find((p) => p.type === 'hour')?.value ?? 0));
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
}
