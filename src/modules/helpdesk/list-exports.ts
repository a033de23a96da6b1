/** The help desk's lists as files (platform/exports): the day's and the week's appointments, the accompaniments. */
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import type { ExportCell } from '../../platform/exports/table-export.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import type { Accompaniment, DayView, DeskAppointment, WeekView } from './helpdesk.model.ts';

const t = translator('fr');
const col = (key: string) => t(`exports.col.${key}` as MessageKey);
const HEADER = ['date', 'start', 'end', 'site', 'motif', 'kind', 'lastName', 'firstName', 'phone', 'status', 'outcome'].map(col);

function appointmentRow(a: DeskAppointment): ExportCell[] {
  const start = utcToParis(a.startAt);
  return [
    start.date, start.time, utcToParis(a.endAt).time, a.siteName, a.motifName, t(`helpdesk.kind.${a.kind}` as MessageKey),
    a.person?.lastName ?? '', a.person?.firstName ?? '', a.person?.phone ?? '', t(`helpdesk.status.${a.status}` as MessageKey),
    a.outcome ? t(`helpdesk.outcome.${a.outcome}` as MessageKey) : '',
  ];
}

const byStart = (a: DeskAppointment, b: DeskAppointment) => a.startAt.localeCompare(b.startAt);

/** The day at the desk: its appointments and drop-ins (as the actor sees them: a volunteer, their own desks). */
export function dayExport(day: DayView): ExportResult {
  const rows = [...day.appointments, ...day.dropIns].sort(byStart).map(appointmentRow);
  return { tables: { name: t('helpdesk.kind.appointment'), header: HEADER, rows }, basename: `permanence-${day.date}`, personal: true };
}

/** The week across sites. */
export function weekExport(week: WeekView): ExportResult {
  const rows = week.days.flatMap((d) => d.sites.flatMap((s) => s.appointments)).sort(byStart).map(appointmentRow);
  return { tables: { name: t('helpdesk.kind.appointment'), header: HEADER, rows }, basename: `permanences-semaine-${week.monday}`, personal: true };
}

/** The accompaniments the page lists (a volunteer: the ones they wrote), with the person's name. */
export function accompanimentsExport(records: readonly Accompaniment[], names: Map<string, string>, today: string): ExportResult {
  const header = ['date', 'start', 'name', 'duration', 'themes', 'autonomy'].map(col);
  const rows = records.map((r) => {
    const at = utcToParis(r.occurredAt);
    return [
      at.date, at.time, r.personId ? (names.get(r.personId) ?? '') : '', r.durationMinutes,
      r.themes.map((theme) => t(`vocab.mediationTheme.${theme}` as MessageKey)).join(', '), t(`helpdesk.autonomy.${r.autonomy}` as MessageKey),
    ];
  });
  return { tables: { name: t('helpdesk.record.listTitle'), header, rows }, basename: `accompagnements-${today}`, personal: true };
}
