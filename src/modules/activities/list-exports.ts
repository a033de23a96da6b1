/** The activities' lists as files (platform/exports): the programme's sessions and a session's registrations. */
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import type { RegistrationListItem } from './registration.model.ts';
import type { SiteInfo } from './ports.ts';
import type { UpcomingRow } from './views/programme.view.tsx';

const t = translator('fr');
const col = (key: string) => t(`exports.col.${key}` as MessageKey);

/** The fortnight's sessions as the programme page lists them (no personal data). */
export function programmeExport(sessions: readonly UpcomingRow[], sites: Map<string, SiteInfo>, from: string): ExportResult {
  const header = ['date', 'start', 'end', 'activity', 'site', 'status', 'confirmed', 'capacity', 'waitlisted'].map(col);
  const rows = sessions.map((s) => {
    const start = utcToParis(s.startsAt);
    return [
      start.date, start.time, utcToParis(s.endsAt).time, s.title, sites.get(s.siteId ?? s.activitySiteId)?.name ?? '',
      s.status === 'cancelled' ? t('activities.page.cancelled') : '', s.confirmed, s.capacity, s.waitlisted,
    ];
  });
  return { tables: { name: t('activities.programme.title'), header, rows }, basename: `programme-${from}`, personal: false };
}

/** A session's registrations (confirmed, then the waiting list in order), with the contacts the page shows. */
export function registrationsExport(title: string, date: string, items: readonly RegistrationListItem[]): ExportResult {
  const header = ['lastName', 'firstName', 'phone', 'email', 'status', 'position'].map(col);
  const rows = items.map((r) => [
    r.person?.lastName ?? '', r.person?.firstName ?? '', r.person?.phone ?? r.contactPhone, r.person?.email ?? r.contactEmail,
    t(`activities.status.${r.status}` as MessageKey), r.rank,
  ]);
  return { tables: { name: title, header, rows }, basename: `inscriptions-${title}-${date}`, personal: true };
}
