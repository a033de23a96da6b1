/**
 * The home page's section of the navette's visit follow-ups: the appointments chosen in visit reports that could
 * not be booked (slot taken, help desk failing), so that someone books them — nothing asked in
 * a report is forgotten. For the staff who book appointments (`helpdesk.desk`).
 */
import { MAX_TODOS, type DashboardSection, type DashboardTodo } from '../../platform/dashboard.ts';
import type { VisitPeoplePort } from './visit-report.ports.ts';
import type { VisitReportService } from './visit-report.service.ts';

export function followUpSection(reports: VisitReportService, people: VisitPeoplePort): DashboardSection {
  return {
    key: 'shuttle-follow-ups',
    title: 'shuttle.dashboard.followUpsTitle',
    order: 41,
    permission: 'helpdesk.desk',
    async load(actor) {
      const toDo = await reports.appointmentsToDo(actor);
      if (toDo.length === 0) return null;
      const todos = await Promise.all(
        toDo.slice(0, MAX_TODOS).map(async (item): Promise<DashboardTodo> => {
          const person = await people.getSummary(actor.centerId, item.personId);
          const name = person && !person.erased ? [person.firstName, person.lastName].filter(Boolean).join(' ') : '';
          return { label: { key: 'shuttle.dashboard.appointmentToDo', params: { name } }, href: `/navette/demandes/${item.requestId}/visite` };
        }),
      );
      return { todos };
    },
  };
}
