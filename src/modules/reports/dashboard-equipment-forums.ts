/**
 * The home page's sections for the modules after the help desk: the equipment (loans overdue
 * or due back today, reservations to hand over today) and the forums (consultations open,
 * residents' proposals waiting for moderation), read through those modules' services with the
 * actor's rights. Each section lists at most a few items, the rest behind a link.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { MAX_TODOS, type DashboardContent, type DashboardDay, type DashboardSection, type DashboardTodo } from '../../platform/dashboard.ts';
import type { EquipmentReportsPort, ForumsDashboardPort } from './ports.ts';

const EQUIPMENT = '/materiel/gestion';
/** A calendar day as the page writes it: the `day` parameter takes a UTC instant (noon is the same day in Paris). */
const noon = (date: string) => `${date}T12:00:00.000Z`;

export function equipmentSection(equipment: EquipmentReportsPort): DashboardSection {
  return {
    key: 'equipment',
    title: 'reports.dashboard.equipment',
    order: 30,
    permission: 'equipment.lend',
    async load(actor: Actor, day: DashboardDay): Promise<DashboardContent> {
      const [overdue, active, reservations] = await Promise.all([
        equipment.loans.overdue(actor),
        equipment.loans.list(actor, { active: true }),
        equipment.reservations.list(actor, { upcoming: true }),
      ]);
      const dueToday = active.filter((l) => l.dueOn === day.date);
      const handOver = reservations.filter((r) => r.status === 'active' && r.startsOn <= day.date && r.endsOn >= day.date);
      const todos: DashboardTodo[] = [
        ...overdue.slice(0, MAX_TODOS).map((l): DashboardTodo => ({
          label: { key: 'reports.dashboard.loanOverdue', params: { item: l.itemName, name: l.personName, day: noon(l.dueOn) } },
          href: `${EQUIPMENT}/prets/${l.id}/retour`,
        })),
        ...(overdue.length > MAX_TODOS ? [{ label: { key: 'reports.dashboard.moreOverdue', params: { count: overdue.length - MAX_TODOS } }, href: `${EQUIPMENT}/retards` } satisfies DashboardTodo] : []),
        ...dueToday.slice(0, MAX_TODOS).map((l): DashboardTodo => ({
          label: { key: 'reports.dashboard.loanDueToday', params: { item: l.itemName, name: l.personName } },
          href: `${EQUIPMENT}/prets/${l.id}/retour`,
        })),
        ...handOver.slice(0, MAX_TODOS).map((r): DashboardTodo => ({
          label: { key: 'reports.dashboard.reservationToday', params: { item: r.itemName, purpose: r.personName ?? r.purpose } },
          href: `${EQUIPMENT}/reservations/${r.id}/retrait`,
        })),
      ];
      return {
        figures: [
          { label: { key: 'reports.dashboard.loansOverdue', params: { count: overdue.length } }, value: overdue.length, href: `${EQUIPMENT}/retards` },
          { label: { key: 'reports.dashboard.loansDueToday', params: { count: dueToday.length } }, value: dueToday.length },
          { label: { key: 'reports.dashboard.reservationsToday', params: { count: handOver.length } }, value: handOver.length },
        ],
        todos,
      };
    },
  };
}

export function forumsSection(forums: ForumsDashboardPort): DashboardSection {
  return {
    key: 'forums',
    title: 'reports.dashboard.forums',
    order: 40,
    permission: 'forums.manage',
    async load(actor: Actor): Promise<DashboardContent | null> {
      const consultations = await forums.forums.list(actor);
      const open = consultations.filter((c) => c.phase === 'proposals' || c.phase === 'votes');
      const pending = await Promise.all(consultations.map(async (c) => ({
        consultation: c,
        count: (await forums.forums.proposals(actor, c.id)).filter((p) => p.status === 'proposed').length,
      })));
      const toModerate = pending.filter((p) => p.count > 0);
      const waiting = toModerate.reduce((n, p) => n + p.count, 0);
      if (open.length === 0 && waiting === 0) return null;
      return {
        figures: [
          { label: { key: 'reports.dashboard.consultationsOpen', params: { count: open.length } }, value: open.length, href: '/consultations' },
          { label: { key: 'reports.dashboard.proposalsWaiting', params: { count: waiting } }, value: waiting },
        ],
        todos: toModerate.map((p): DashboardTodo => ({
          label: { key: 'reports.dashboard.moderate', params: { count: p.count, title: p.consultation.title } },
          count: p.count,
          href: `/consultations/${p.consultation.id}`,
        })),
      };
    },
  };
}
