/** Test fixtures of the activities module (used by its tests and benchmarks, never by the app). */
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/auth/actor.ts';
import { currentYear, type Clock } from '../../platform/clock.ts';
import type { ActivityInput } from './activity.schemas.ts';
import { utcToParis } from './schedule.ts';

/** The Paris calendar date `days` days after the clock's today, YYYY-MM-DD. */
export function dayFromNow(clock: Clock, days: number): string {
  const today = utcToParis(clock.nowIso()).date;
  // Calendar arithmetic at noon UTC: a clock change or the hour of the day cannot shift the date.
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function setupProgramme(app: FastifyInstance, centerId: string) {
  const centre = app.services.centre;
  const studio = await centre.createSite(centerId, { name: 'Le studio', kind: 'studio', address: '1 rue de la Gare', communeInsee: '59122', accessibility: 'Plain-pied, toilettes adaptées' });
  const village = await centre.createSite(centerId, { name: 'Salle des fêtes', kind: 'village_hall', address: '2 place de l’Église', communeInsee: '59219' });
  return { studioId: studio.id, villageId: village.id, actor: systemActor(centerId) };
}

/** A single session ten days after the clock's today, 14 h – 16 h. */
export function activityInput(clock: Clock, siteId: string, overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    title: 'Atelier tablette',
    description: 'Prendre en main sa tablette, à son rythme.',
    kind: 'atelier_tablette',
    audience: 'seniors',
    minAge: null,
    maxAge: null,
    theme: 'prendre_en_main_du_materiel',
    level: 'debutant',
    siteId,
    facilitatorIds: [],
    capacity: 12,
    priceCents: 0,
    reducedPriceCents: null,
    equipment: ['tablette'],
    registrationMode: 'session',
    published: true,
    schedule: { kind: 'single', dates: [dayFromNow(clock, 10)], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    ...overrides,
  };
}

let counter = 0;

/** Persons created as the public form would, with the consents asked. */
export async function createPersons(app: FastifyInstance, centerId: string, n: number, options: { reminders?: boolean; birthYear?: number } = {}) {
  const people = app.services.people;
  const out = [];
  for (let i = 0; i < n; i++) {
    counter++;
    out.push(
      await people.createFromPublicForm(centerId, {
        firstName: `Prénom${counter}`,
        lastName: `Nom${counter}`,
        email: `personne${counter}@exemple.fr`,
        birthYear: options.birthYear ?? 1950,
        consents: [
          { kind: 'data_processing', granted: true },
          ...(options.reminders ? [{ kind: 'email_reminders' as const, granted: true }] : []),
          ...(options.birthYear && currentYear(app.ctx.clock.now()) - options.birthYear < 18 ? [{ kind: 'parental_authorisation' as const, granted: true }] : []),
        ],
      }),
    );
  }
  return out;
}

/**
 * A session of the activity today, 0 h – 1 h 30 (tests of attendance, which opens on the day):
 * over before 2 h, so that a clock change that night cannot make it last 30 minutes more or less.
 */
export async function addSessionToday(app: FastifyInstance, centerId: string, activityId: string): Promise<string> {
  const { newId } = await import('../../platform/ids.ts');
  const { parisToUtc } = await import('./schedule.ts');
  const today = dayFromNow(app.ctx.clock, 0);
  const id = newId();
  const at = app.ctx.clock.nowIso();
  await app.ctx.kysely.insertInto('activitySessions').values({
    id, centerId, activityId, localDate: today, startsAt: parisToUtc(today, '00:00'), endsAt: parisToUtc(today, '01:30'), siteId: null,
    status: 'scheduled', isException: true, cancelReason: null, lockVersion: 0, createdAt: at, updatedAt: at,
  }).execute();
  return id;
}

/** A confirmed registration written directly (for sessions the rules no longer open, e.g. today's). */
export async function insertConfirmed(app: FastifyInstance, centerId: string, activityId: string, sessionId: string, personId: string): Promise<string> {
  const { newId } = await import('../../platform/ids.ts');
  const id = newId();
  const at = app.ctx.clock.nowIso();
  await app.ctx.kysely.insertInto('activityRegistrations').values({
    id, centerId, activityId, sessionId, personId, groupId: id, status: 'confirmed', waitlistPosition: null, source: 'staff', guardianName: null,
    contactPhone: null, contactEmail: null, parentalAuthorisation: false, remindersConsent: false, matchStatus: 'none', submitted: null,
    cancelledAt: null, cancelledBy: null, promotedAt: null, createdBy: null, createdAt: at, updatedAt: at,
  }).execute();
  return id;
}
