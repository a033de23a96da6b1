/**
 * The navette's section of the home page: today's tour, the requests waiting for a visit and
 * the tours of the week, and what needs doing (urgent requests to plan, tours to confirm). Read
 * through the module's own services, so a volunteer sees only the requests of the persons they
 * accompany, as on /navette.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/roles.ts';
import { MAX_TODOS, type DashboardContent, type DashboardDay, type DashboardSection, type DashboardTodo } from '../../platform/dashboard.ts';
import { parisToUtc } from '../../platform/time.ts';
import type { TourService } from './tour.service.ts';
import type { VisitRequestService } from './visit-request.service.ts';

export function shuttleSection(requests: VisitRequestService, tours: TourService): DashboardSection {
  return {
    key: 'shuttle',
    title: 'shuttle.dashboard.title',
    order: 40,
    permission: 'shuttle.requests',
    async load(actor: Actor, day: DashboardDay): Promise<DashboardContent | null> {
      const [pending, fromMonday] = await Promise.all([requests.list(actor, { status: 'pending' }), tours.list(actor, { from: day.monday })]);
      const week = fromMonday.filter((tour) => tour.date <= day.sunday && tour.status !== 'cancelled');
      const today = await Promise.all(week.filter((tour) => tour.date === day.date).map((tour) => tours.get(actor, tour.id)));
      if (pending.length === 0 && week.length === 0) return null;
      const urgent = pending.filter((r) => r.urgency === 'urgente');
      const drafts = fromMonday.filter((tour) => tour.status === 'draft' && tour.date >= day.date);
      const todos: DashboardTodo[] = [
        ...(urgent.length > 0 ? [{ label: { key: 'shuttle.dashboard.urgent', params: { count: urgent.length } }, count: urgent.length, href: can(actor.role, 'shuttle.plan') ? '/navette/planifier' : '/navette' } satisfies DashboardTodo] : []),
        ...drafts.slice(0, MAX_TODOS).map((tour): DashboardTodo => ({
          label: { key: 'shuttle.dashboard.draft', params: { day: parisToUtc(tour.date, '12:00') } },
          href: `/navette/tournees/${tour.id}`,
        })),
      ];
      return {
        events: today.map((tour) => ({
          startsAt: parisToUtc(tour.date, tour.shift.from),
          endsAt: tour.returnAt ? parisToUtc(tour.date, tour.returnAt) : null,
          title: { key: 'shuttle.dashboard.tour' },
          detail: { key: 'shuttle.dashboard.tourDetail', params: { count: tour.stops.length, returnAt: tour.returnAt } },
          href: `/navette/tournees/${tour.id}`,
        })),
        noEvents: 'shuttle.dashboard.noTour',
        figures: [
          { label: { key: 'shuttle.dashboard.pending', params: { count: pending.length } }, value: pending.length, href: '/navette' },
          { label: { key: 'shuttle.dashboard.toursWeek', params: { count: week.length } }, value: week.length },
        ],
        todos,
      };
    },
  };
}
