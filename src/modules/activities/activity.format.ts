/** How sessions, prices and places read in French, shared by pages, messages, PDF and feeds. */
import { communeName } from '../../platform/communes.ts';
import { joinPlace } from '../../platform/text.ts';
import { formatDay, formatTime } from '../../ui/format.ts';
import { TIME_ZONE } from './schedule.ts';

const yearFormat = new Intl.DateTimeFormat('fr-FR', { year: 'numeric', timeZone: TIME_ZONE });

/** "14 h" or "14 h 30" (French typography): the platform's formatting, shared by every page. */
export { formatTime };

/** "mardi 13 janvier" (with the year when it is another one): the platform's one rule. */
export { formatDay };

/** "mardi 13 janvier, 14 h – 16 h" (DESIGN.md: dates in full). */
export function formatSession(startsAt: string, endsAt: string, now: Date): string {
  return `${formatDay(startsAt, now)}, ${formatTime(startsAt)} – ${formatTime(endsAt)}`;
}

/** "Gratuit", "5 €", "5,50 € (tarif réduit : 2 €)". */
export function formatPrice(priceCents: number, reducedPriceCents: number | null, labels: { free: string; reduced: string }): string {
  if (priceCents === 0) return labels.free;
  const euros = (cents: number) => `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: cents % 100 ? 2 : 0, maximumFractionDigits: 2 })} €`;
  return reducedPriceCents !== null ? `${euros(priceCents)} (${labels.reduced} : ${euros(reducedPriceCents)})` : euros(priceCents);
}

/** "Salle des fêtes, 2 rue de l'Église, Estourmel". */
export function formatPlace(site: { name: string; address: string | null; communeInsee: string | null }): string {
  return joinPlace(site.name, site.address, communeName(site.communeInsee));
}

/** Age in the year of the session, from a birth year alone (all we keep). */
export function ageAt(birthYear: number, iso: string): number {
  return Number(yearFormat.format(new Date(iso))) - birthYear;
}

/**
 * Whether an activity is meant for people under 18 (children, teenagers, families, or a
 * minimum age below 18): only then do staff forms ask for a guardian and the parental
 * authorisation up front. A minor who comes anyway is still caught by the birth year.
 */
export function welcomesMinors(activity: { audience: string; minAge: number | null }): boolean {
  if (activity.audience === 'adultes' || activity.audience === 'seniors') return activity.minAge !== null && activity.minAge < 18;
  return true;
}

export function isMinorAt(birthYear: number | null, iso: string): boolean {
  return birthYear !== null && ageAt(birthYear, iso) < 18;
}
