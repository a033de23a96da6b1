/**
 * Demo data for the team: two more volunteers (Bernard, who followed « Accueillir et
 * accompagner », and Fatima, away next week), profiles with skills and availability for the
 * volunteers and a facilitator, the help desk requiring « Accueillir et accompagner », and a
 * few assignments next week. Monique, the demo volunteer, has not finished that training: the
 * coordinator is warned when assigning her to Tuesday's help desk. Idempotent: nothing is
 * added once the centre has a team profile.
 */
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { addDays, mondayOf, parisDate } from '../../platform/time.ts';
import type { PathwaysModule } from '../pathways/pathways.module.ts';
import * as repo from './team.repository.ts';
import type { TeamModule } from './team.module.ts';

const TRAINING = 'Accueillir et accompagner';

interface DemoServices {
  team: TeamModule;
  pathways: PathwaysModule;
}

const NEW_VOLUNTEERS = [
  { email: 'benevole.bernard@demo.lieudit.fr', displayName: 'Bernard Lemaire' },
  { email: 'benevole.fatima@demo.lieudit.fr', displayName: 'Fatima Haddad' },
];

async function volunteers(ctx: AppContext, centerId: string, password: string | undefined) {
  for (const v of NEW_VOLUNTEERS) {
    const users = await ctx.auth.listUsers(centerId);
    if (!users.some((u) => u.email === v.email)) await ctx.auth.createUser({ centerId, ...v, role: 'volunteer', password });
  }
  return ctx.auth.listUsers(centerId);
}

/** Enrols the user in the pathway and records every module's skills as acquired. */
async function complete(services: DemoServices, actor: Actor, pathwayId: string, userId: string): Promise<void> {
  const p = services.pathways;
  const enrolment = await p.enrolments.enrol(actor, pathwayId, { userId, source: 'staff' });
  const detail = await p.pathways.detail(actor.centerId, pathwayId);
  for (const m of detail.modules) {
    await p.enrolments.recordEvaluation(actor, enrolment.id, {
      moduleId: m.id, kind: 'facilitator', comment: null, results: m.skills.map((s) => ({ skillId: s.id, status: 'acquis' as const, autonomy: 'autonome' as const })),
    });
  }
}

export async function seedDemoTeam(ctx: AppContext, services: DemoServices, centerId: string, options: { password?: string } = {}): Promise<number> {
  const actor: Actor = { ...systemActor(centerId), label: 'démonstration' };
  if ((await repo.listProfiles(ctx.kysely, centerId)).length > 0) return 0;
  const users = await volunteers(ctx, centerId, options.password);
  const byEmail = (email: string) => users.find((u) => u.email === email);
  const monique = users.find((u) => u.role === 'volunteer' && !NEW_VOLUNTEERS.some((v) => v.email === u.email));
  const bernard = byEmail(NEW_VOLUNTEERS[0]!.email)!;
  const fatima = byEmail(NEW_VOLUNTEERS[1]!.email)!;
  const facilitator = users.find((u) => u.role === 'facilitator');
  const { profiles, assignments } = services.team;

  const tuesday = (from: number[]) => from.map((weekday) => ({ weekday, startTime: '09:00', endTime: '12:00' }));
  const plans = [
    monique && { id: monique.id, skills: ['ACC.1', '2.1'], tags: ['tablette', 'patience'], availability: [...tuesday([2, 4]), { weekday: 3, startTime: '14:00', endTime: '17:30' }], contactChannel: 'phone' as const, phone: '06 45 12 78 90', contactNote: 'Préfère être appelée le matin.' },
    { id: bernard.id, skills: ['ACC.1', 'ACC.3', '4.1'], tags: ['Aidants Connect', 'démarches'], availability: [{ weekday: 2, startTime: '09:00', endTime: '17:00' }, { weekday: 5, startTime: '09:00', endTime: '12:00' }], contactChannel: 'sms' as const, phone: '06 21 43 65 87', contactNote: null },
    { id: fatima.id, skills: ['3.1', '2.1'], tags: ['arabe', 'vidéo'], availability: tuesday([1, 3]), contactChannel: 'email' as const, phone: null, contactNote: null },
    facilitator && { id: facilitator.id, skills: ['1.1', '2.1', '3.1', '4.1'], tags: ['robotique', 'photo'], availability: [], contactChannel: 'email' as const, phone: null, contactNote: null },
  ];
  for (const plan of plans) if (plan) await profiles.updateProfile(actor, plan.id, { ...plan });

  const training = (await profiles.training.pathways(centerId)).find((p) => p.title === TRAINING);
  if (training) {
    await profiles.addKindRequirement(actor, { kind: 'helpdesk', pathwayId: training.id });
    await complete(services, actor, training.id, bernard.id);
  }
  const nextMonday = addDays(mondayOf(parisDate(ctx.clock.now())), 7);
  await profiles.addAbsence(actor, fatima.id, { firstDay: nextMonday, lastDay: addDays(nextMonday, 4), reason: 'Congés' });

  // Next week: Bernard holds Tuesday's help desk, the facilitator runs the first session.
  const choices = await assignments.choices(actor);
  const helpdesk = choices.find((c) => c.kind === 'helpdesk' && c.startsAt >= nextMonday && parisDate(c.startsAt) === addDays(nextMonday, 1));
  if (helpdesk) await assignments.assign(actor, { userId: bernard.id, slot: helpdesk.value, confirm: true });
  const session = choices.find((c) => c.kind === 'session' && c.startsAt >= nextMonday);
  if (session && facilitator) await assignments.assign(actor, { userId: facilitator.id, slot: session.value, confirm: true });
  return plans.filter(Boolean).length;
}
