/**
 * The home page's sections for the modules before reports (activities, help desk) and for a
 * partner commune, read through those modules' services: each shows today, the counts of the
 * week and what needs doing. Later modules register their own in their module file.
 */
import { communeByCode } from '../../platform/communes.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/roles.ts';
import { MAX_TODOS, type DashboardContent, type DashboardDay, type DashboardSection, type DashboardTodo } from '../../platform/dashboard.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { addDays, parisToUtcMs } from '../../platform/time.ts';
import { OTHER_ROWS } from './figures.ts';
import type { ActivitiesDashboardPort, HelpdeskDashboardPort } from './ports.ts';
import type { ReportsService } from './reports.service.ts';

const dayStart = (date: string) => new Date(parisToUtcMs(date, 0)).toISOString();
/** How far back a session without attendance is still worth a reminder. */
const ATTENDANCE_LOOKBACK_DAYS = 14;

export function activitiesSection(activities: ActivitiesDashboardPort): DashboardSection {
  return {
    key: 'activities',
    title: 'reports.dashboard.sessions',
    order: 10,
    permission: 'activities.read',
    async load(actor: Actor, day: DashboardDay): Promise<DashboardContent> {
      const mine = actor.role === 'volunteer';
      const [today, week, untaken] = await Promise.all([
        activities.programme.upcoming(actor, { from: dayStart(day.date), to: dayStart(addDays(day.date, 1)), mine }),
        activities.programme.upcoming(actor, { from: dayStart(day.monday), to: dayStart(addDays(day.sunday, 1)), mine, limit: 1000 }),
        can(actor.role, 'activities.attendance') ? activities.attendance.untaken(actor, dayStart(addDays(day.date, -ATTENDANCE_LOOKBACK_DAYS))) : Promise.resolve([]),
      ]);
      const held = week.filter((s) => s.status !== 'cancelled');
      return {
        events: today.map((s) => ({
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          title: s.title,
          detail: s.status === 'cancelled' ? { key: 'reports.dashboard.cancelled' } : { key: 'reports.dashboard.registered', params: { count: s.confirmed, capacity: s.capacity } },
          href: `/seances/${s.id}`,
        })),
        noEvents: 'reports.dashboard.noSessions',
        figures: [
          { label: { key: 'reports.dashboard.sessionsWeek', params: { count: held.length } }, value: held.length, href: '/programme' },
          { label: { key: 'reports.dashboard.registrationsWeek', params: { count: held.reduce((n, s) => n + s.confirmed, 0) } }, value: held.reduce((n, s) => n + s.confirmed, 0) },
        ],
        todos: [
          ...untaken.slice(0, MAX_TODOS).map((s): DashboardTodo => ({
            label: { key: 'reports.dashboard.takeAttendance', params: { title: s.title, day: s.startsAt } },
            href: `/seances/${s.id}/presences`,
          })),
          ...(untaken.length > MAX_TODOS ? [{ label: { key: 'reports.dashboard.moreAttendance', params: { count: untaken.length - MAX_TODOS } }, href: '/programme' } satisfies DashboardTodo] : []),
        ],
      };
    },
  };
}

export function helpdeskSection(helpdesk: HelpdeskDashboardPort): DashboardSection {
  return {
    key: 'helpdesk',
    title: 'reports.dashboard.helpdesk',
    order: 20,
    permission: 'helpdesk.desk',
    async load(actor: Actor, day: DashboardDay): Promise<DashboardContent> {
      const [today, week] = await Promise.all([
        helpdesk.desk.day(actor, day.date),
        helpdesk.desk.listAppointments(actor, { fromDate: day.monday, toDate: day.sunday }),
      ]);
      const booked = week.filter((a) => a.status === 'booked');
      const visits = [...today.appointments, ...today.dropIns].filter((a) => a.status === 'booked').sort((a, b) => a.startAt.localeCompare(b.startAt));
      const toClose = today.toClose.length + visits.filter((a) => a.outcome === null && a.endAt <= day.now.toISOString()).length;
      const toWrite = booked.filter((a) => a.outcome === 'seen' && a.accompanimentId === null && a.startAt <= day.now.toISOString());
      return {
        events: visits.map((a) => ({
          startsAt: a.startAt,
          endsAt: a.endAt,
          title: a.motifName,
          detail: { key: a.kind === 'drop_in' ? 'reports.dashboard.dropInAt' : 'reports.dashboard.appointmentAt', params: { site: a.siteName } },
          href: `/permanences/rendez-vous/${a.id}`,
        })),
        noEvents: 'reports.dashboard.noAppointments',
        figures: [
          { label: { key: 'reports.dashboard.appointmentsWeek', params: { count: booked.filter((a) => a.kind === 'appointment').length } }, value: booked.filter((a) => a.kind === 'appointment').length, href: '/permanences' },
          { label: { key: 'reports.dashboard.dropInsWeek', params: { count: booked.filter((a) => a.kind === 'drop_in').length } }, value: booked.filter((a) => a.kind === 'drop_in').length },
        ],
        todos: [
          ...(toClose > 0 ? [{ label: { key: 'reports.dashboard.outcomesToRecord' as const, params: { count: toClose } }, count: toClose, href: `/permanences?date=${day.date}` }] : []),
          ...toWrite.slice(0, MAX_TODOS).map((a) => ({ label: { key: 'reports.dashboard.writeRecord' as const, params: { motif: a.motifName, day: a.startAt } }, href: `/permanences/rendez-vous/${a.id}/compte-rendu` })),
        ],
      };
    },
  };
}

/** A partner commune's contact: this year's aggregated figures, counts of persons under 5 masked. */
export function communeSection(reports: ReportsService): DashboardSection {
  return {
    key: 'commune',
    title: 'reports.dashboard.commune',
    order: 5,
    permission: 'reports.commune',
    async load(actor: Actor, day: DashboardDay): Promise<DashboardContent> {
      const year = day.date.slice(0, 4);
      const view = await reports.communeView(actor, { from: `${year}-01-01`, to: day.date });
      if (!view) return { events: [], noEvents: 'reports.commune.noCommune' };
      return {
        intro: { key: 'reports.commune.intro', params: { commune: communeByCode(view.communeInsee)?.name ?? view.communeInsee, year } },
        figures: [
          { label: { key: 'reports.commune.residentsReached' }, value: view.residentsReached },
          { label: { key: 'reports.commune.residentsInWorkshops' }, value: view.residentsInWorkshops },
          { label: { key: 'reports.commune.residentsAccompanied' }, value: view.residentsAccompanied },
          { label: { key: 'reports.commune.sessionsInVillage', params: { count: view.sessionsInVillage } }, value: view.sessionsInVillage },
          { label: { key: 'reports.commune.participantsInVillage' }, value: view.participantsInVillage },
        ],
        breakdown: {
          title: 'reports.commune.byAgeBracket',
          rows: view.byAgeBracket.map((r) => ({
            label: { key: r.key === OTHER_ROWS ? 'reports.commune.otherAgeBrackets' : (`vocab.ageBracket.${r.key}` as MessageKey) },
            value: r.persons,
          })),
        },
      };
    },
  };
}
