/**
 * "Mes affectations" on the home page: what the signed-in member of the team is assigned to
 * today (sessions, help desks…), how many this week, and the ones of the week that were
 * cancelled since (the session left the programme), so nobody travels for nothing.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { MAX_TODOS, type DashboardContent, type DashboardDay, type DashboardSection, type DashboardTodo } from '../../platform/dashboard.ts';
import type { AssignmentService } from './assignment.service.ts';

export function assignmentsSection(assignments: AssignmentService): DashboardSection {
  return {
    key: 'team-assignments',
    title: 'team.dashboard.title',
    order: 3,
    permission: 'team.read',
    async load(actor: Actor, day: DashboardDay): Promise<DashboardContent | null> {
      const week = (await assignments.myWeek(actor, day.date)).assignments;
      if (week.length === 0) return null;
      const held = week.filter((a) => a.cancelledAt === null);
      const cancelled = week.filter((a) => a.cancelledAt !== null && a.endsAt > day.now.toISOString());
      return {
        events: held
          .filter((a) => a.day === day.date)
          .map((a) => ({ startsAt: a.startsAt, endsAt: a.endsAt, title: a.place ? `${a.title} — ${a.place}` : a.title, href: a.sessionId ? `/seances/${a.sessionId}` : '/ma-semaine' })),
        noEvents: 'team.dashboard.noneToday',
        figures: [{ label: { key: 'team.dashboard.week', params: { count: held.length } }, value: held.length, href: '/ma-semaine' }],
        todos: cancelled.slice(0, MAX_TODOS).map((a): DashboardTodo => ({ label: { key: 'team.dashboard.cancelled', params: { title: a.title, day: a.startsAt } }, href: '/ma-semaine' })),
      };
    },
  };
}
