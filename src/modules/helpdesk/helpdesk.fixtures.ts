/** Test fixtures of the help desk (used by its tests and benchmarks, never by the app). */
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/auth/actor.ts';
import { addDays, parisDate } from '../../platform/time.ts';

/**
 * A centre with two sites (the centre, a partner village), one public motif (30 min) and one
 * staff-only motif, and a site desk open every day of the week 9 h – 12 h from yesterday on
 * (so that slots exist whatever day the app's clock says, holidays aside).
 */
export async function setupDesk(app: FastifyInstance, centerId: string, options: { minDelayHours?: number } = {}) {
  const { centre, helpdesk } = app.services;
  const actor = systemActor(centerId);
  const main = await centre.createSite(centerId, { name: 'Centre social', kind: 'centre', address: '1 rue de la Gare', communeInsee: '59122' });
  const village = await centre.createSite(centerId, { name: 'Mairie de Saint-Aubert', kind: 'village_hall', address: 'Place de la mairie', communeInsee: '59528' });
  const ants = await helpdesk.settings.createMotif(actor, {
    name: 'Carte d’identité / passeport (ANTS)',
    description: 'Pré-demande en ligne, prise de rendez-vous en mairie',
    procedureCategory: 'papiers_elections_citoyennete',
    durationMinutes: 30,
    whatToBring: 'Une photo d’identité récente\nVotre ancienne carte\nUn justificatif de domicile',
    bookableBy: 'public',
    minDelayHours: options.minDelayHours ?? 0,
    horizonDays: 60,
  });
  const internal = await helpdesk.settings.createMotif(actor, {
    name: 'Suivi de dossier',
    description: null,
    procedureCategory: 'social_sante',
    durationMinutes: 60,
    whatToBring: null,
    bookableBy: 'staff',
    minDelayHours: 0,
    horizonDays: 60,
  });
  const startsOn = addDays(parisDate(app.ctx.clock.now()), -1);
  const openings = [];
  for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
    openings.push(
      await helpdesk.settings.createOpening(actor, {
        siteId: village.id,
        weekday,
        startTime: '09:00',
        endTime: '12:00',
        startsOn,
        everyWeeks: 1,
        motifIds: [ants.id, internal.id],
      }),
    );
  }
  return { actor, mainSite: main, village, ants, internal, openings };
}

/** The first free slot of a motif at a site, at least `afterHours` from the app clock's now. */
export async function firstSlot(app: FastifyInstance, centerId: string, motifId: string, siteId: string, afterHours = 0) {
  const { slots } = await app.services.helpdesk.availability.slots(centerId, { motifId, siteId }, 'staff');
  const after = app.ctx.clock.now().getTime() + afterHours * 3_600_000;
  const slot = slots.find((s) => Date.parse(s.startAt) >= after);
  if (!slot) throw new Error('no free slot in the fixture');
  return slot;
}
