import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/auth/actor.ts';
import { addDays, parisDate } from '../../platform/time.ts';

/** A consultation in its votes phase at the app clock's today, with accepted themes. */
export async function setupConsultation(app: FastifyInstance, centerId: string, options: { themes?: number; votesPerPerson?: number; eligibleCommunes?: string[] } = {}) {
  const actor = systemActor(centerId);
  const today = parisDate(app.ctx.clock.now());
  const { forums } = app.services.forums;
  const consultation = await forums.create(actor, {
    title: 'Consultation 2027', description: 'Quels thèmes pour les forums de l’année ?', proposalsOpenOn: addDays(today, -30), votesOpenOn: addDays(today, -2),
    votesCloseOn: addDays(today, 20), votesPerPerson: options.votesPerPerson ?? 3, moderation: true, eligibleCommunes: options.eligibleCommunes ?? [],
  });
  const themes = [];
  for (let i = 0; i < (options.themes ?? 5); i++) {
    themes.push(await forums.propose(actor, centerId, consultation.id, {
      title: `Thème ${i + 1}`, body: 'Proposé sur papier.', communeInsee: null, origin: 'paper', firstName: null, lastName: null, email: null, consent: false,
    }));
  }
  return { consultation, themes };
}

export const voter = (i = 1) => ({ firstName: 'Odette', lastName: `Votante${i}`, email: `odette${i}@exemple.fr`, consent: true });
