/**
 * Demo data of the notice board and volunteer hours: three posts (one pinned by the
 * coordinator, one by a facilitator that the coordinator has not read yet, one that ends next
 * week) and some hours given by the demo volunteer over the last months. Idempotent: nothing is
 * added when the centre already has a post.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { UserRow } from '../../platform/auth/auth.repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import type { TeamBoardModule } from './team-board.module.ts';
import type { HelpKind } from './volunteer-hours.vocab.ts';

const actorOf = (user: UserRow): Actor => ({ centerId: user.centerId, userId: user.id, role: user.role, label: user.displayName, partnerCommuneInsee: null, via: 'system' });

const HOURS: { daysAgo: number; kind: HelpKind; minutes: number; note: string | null }[] = [
  { daysAgo: 2, kind: 'permanence', minutes: 180, note: 'Permanence du mardi matin' },
  { daysAgo: 9, kind: 'permanence', minutes: 180, note: null },
  { daysAgo: 12, kind: 'atelier', minutes: 120, note: 'Aide à l’atelier tablette' },
  { daysAgo: 23, kind: 'navette', minutes: 240, note: 'Tournée de la navette à Marcoing' },
  { daysAgo: 37, kind: 'forum', minutes: 90, note: 'Accueil du forum des habitants' },
  { daysAgo: 44, kind: 'permanence', minutes: 150, note: null },
];

export async function seedDemoTeamBoard(ctx: AppContext, services: { teamBoard: TeamBoardModule }, centerId: string): Promise<number> {
  const users = await ctx.auth.listUsers(centerId);
  const coordinator = users.find((u) => u.role === 'coordinator');
  const facilitator = users.find((u) => u.role === 'facilitator');
  const volunteer = users.find((u) => u.role === 'volunteer');
  if (!coordinator || !facilitator) return 0;
  const { notices, hours } = services.teamBoard;
  if ((await notices.list(actorOf(coordinator))).length > 0) return 0;
  const today = parisDate(ctx.clock.now());

  await notices.post(actorOf(coordinator), {
    title: 'Réunion d’équipe jeudi à 14 h',
    body: 'Réunion à la salle du conseil.\n\nAu programme :\n\n- le planning des permanences de janvier ;\n- la tournée de la navette ;\n- les nouvelles tablettes de la Carsat.',
    pinned: true, expiresOn: addDays(today, 10),
  });
  await notices.post(actorOf(coordinator), {
    title: 'Forum des habitants : besoin de bras', body: 'Qui peut aider à l’accueil samedi matin ? Répondez-moi directement.', pinned: false, expiresOn: addDays(today, 6),
  });
  // Not read by the coordinator: the home page and the board show it as unread.
  await notices.post(actorOf(facilitator), {
    title: 'Tablettes à recharger', body: 'Les **tablettes 4 et 5** sont revenues vides de l’atelier de Masnières. Pensez à les brancher le soir.', pinned: false, expiresOn: null,
  });

  if (volunteer) {
    for (const h of HOURS) {
      await hours.record(actorOf(coordinator), { userId: volunteer.id, kind: h.kind, sessionId: null, workedOn: addDays(today, -h.daysAgo), minutes: h.minutes, note: h.note });
    }
  }
  return 3;
}
