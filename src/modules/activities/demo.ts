/**
 * The demo centre's programme: a robotics stage for 8–11 year-olds in the next school
 * holidays, a weekly coding club, weekly tablet workshops in two partner villages, adult
 * "premiers pas" workshops and an information time — with a few registrations, so that the
 * catalogue shows seats left, a full workshop and its waiting list. Dates are relative to
 * today, so the demo always looks current. Idempotent: a centre with activities is left alone.
 */
import { systemActor } from '../../platform/auth/actor.ts';
import { currentYear } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ActivitiesModule } from './activities.module.ts';
import type { Activity } from './activity.service.ts';
import * as repo from './activity.repository.ts';
import type { ActivityInput } from './activity.schemas.ts';
import type { CentrePort, PeoplePort, SiteInfo } from './ports.ts';
import { MEDIATION_TYPE } from './activity.vocab.ts';
import { durationMinutes, parisToUtc, utcToParis, WEEKDAYS } from './schedule.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import * as surveyRepo from './survey.repository.ts';

export interface DemoServices {
  centre: CentrePort & { createSite(centerId: string, input: { name: string; kind: 'centre' | 'studio' | 'village_hall' | 'mobile' | 'other'; address?: string | null; communeInsee?: string | null; accessibility?: string | null }): Promise<SiteInfo> };
  people: PeoplePort;
  activities: ActivitiesModule;
}

const DAY = 86_400_000;
const localDate = (time: number) => utcToParis(new Date(time).toISOString()).date;

/** The Monday at least `weeks` weeks ahead (Paris dates). */
function mondayIn(weeks: number, now: Date): Date {
  const d = new Date(now.getTime() + weeks * 7 * DAY);
  const weekday = (new Date(`${localDate(d.getTime())}T12:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
  return new Date(d.getTime() - weekday * DAY);
}

export async function seedDemoActivities(ctx: AppContext, services: DemoServices, centerId: string, now = ctx.clock.now()): Promise<{ activities: number; sessions: number; registrations: number }> {
  const { programme } = services.activities;
  const actor = systemActor(centerId);
  const existing = await repo.listActivities(ctx.kysely, centerId, { includeArchived: true });
  if (existing.length > 0) return { activities: existing.length, sessions: 0, registrations: 0 };

  const sites = await demoSites(services, centerId);
  const plans = demoPlans(sites, await demoTeam(ctx, centerId), now);
  let sessions = 0;
  const created: Activity[] = [];
  for (const plan of plans) {
    const activity = await programme.create(actor, plan, now);
    created.push(activity);
    sessions += (await programme.sessions(actor, activity.id)).length;
  }
  const { count, seniors } = await registerDemoResidents(services, centerId, created, now);

  // History: the Marcoing tablet workshop already met on the four previous Tuesdays (with
  // attendance, for the reports), and meets once more today, so that a facilitator can print
  // the sign-in sheet and mark attendance right away.
  const tablet = created[2];
  if (tablet) sessions += await seedHistory(ctx, centerId, tablet, seniors.slice(0, 6), now);
  // The information time's previous edition, three weeks ago: its "Votre avis" shows results.
  const info = created[6];
  if (info) sessions += await seedSurveyHistory(ctx, services, centerId, info, seniors.slice(0, 8), now);
  return { activities: created.length, sessions, registrations: count };
}

interface DemoSites {
  studio: SiteInfo;
  centreSite: SiteInfo;
  village1: SiteInfo;
  village2: SiteInfo;
}

interface DemoTeam {
  facilitators: string[];
  volunteer: string | undefined;
  f1: string[];
  f2: string[];
}

/** Places: the demo centre has them; a bare centre gets a studio and two village halls. */
async function demoSites(services: DemoServices, centerId: string): Promise<DemoSites> {
  let sites = await services.centre.listSites(centerId);
  const ofKind = (kind: string) => sites.filter((s) => s.kind === kind);
  if (ofKind('studio').length === 0 && ofKind('centre').length === 0) {
    sites = [...sites, await services.centre.createSite(centerId, { name: 'Le studio', kind: 'studio', communeInsee: '59122', address: '1 rue de la Gare, 59400 Cambrai', accessibility: 'Plain-pied.' })];
  }
  while (ofKind('village_hall').length < 2) {
    const n = ofKind('village_hall').length;
    sites = [...sites, await services.centre.createSite(centerId, {
      name: n === 0 ? 'Salle des fêtes d’Iwuy' : 'Salle polyvalente de Cagnoncles', kind: 'village_hall',
      communeInsee: n === 0 ? '59322' : '59121', address: n === 0 ? 'Place de la Mairie, 59141 Iwuy' : 'Rue de l’Église, 59161 Cagnoncles',
      accessibility: 'Plain-pied.',
    })];
  }
  const studio = ofKind('studio')[0] ?? ofKind('centre')[0]!;
  const centreSite = ofKind('centre')[0] ?? studio;
  const [village1, village2] = ofKind('village_hall') as [SiteInfo, SiteInfo];
  return { studio, centreSite, village1, village2 };
}

/** Who leads the workshops: the centre's facilitators, and a volunteer when there is one. */
async function demoTeam(ctx: AppContext, centerId: string): Promise<DemoTeam> {
  const staff = await repo.listStaff(ctx.kysely, centerId);
  const facilitators = staff.filter((u) => u.role === 'facilitator').map((u) => u.id);
  const volunteer = staff.find((u) => u.role === 'volunteer')?.id;
  const f1 = facilitators.slice(0, 1);
  const f2 = facilitators.slice(1, 2).length ? facilitators.slice(1, 2) : f1;
  return { facilitators, volunteer, f1, f2 };
}

/** The seven activities of the programme, dated from `now`. */
function demoPlans({ studio, centreSite, village1, village2 }: DemoSites, { facilitators, volunteer, f1, f2 }: DemoTeam, now: Date): ActivityInput[] {
  // The next "holidays": a Monday-to-Thursday course a month ahead; weekly workshops run for
  // about five months with a two-week break in the middle.
  const stageMonday = mondayIn(5, now);
  const stageDates = [0, 1, 2, 3].map((i) => localDate(stageMonday.getTime() + i * DAY));
  const start = localDate(mondayIn(1, now).getTime());
  const end = localDate(now.getTime() + 150 * DAY);
  const breakFrom = localDate(stageMonday.getTime() - 2 * DAY);
  const breakTo = localDate(stageMonday.getTime() + 13 * DAY);
  const weekly = (day: (typeof WEEKDAYS)[number], startTime: string, endTime: string, interval = 1): ActivityInput['schedule'] => ({
    kind: 'rrule', dates: [], rrule: `FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYDAY=${day}`, startDate: start, endDate: end,
    startTime, endTime, exceptions: [`${breakFrom}..${breakTo}`],
  });
  const base = { minAge: null, maxAge: null, reducedPriceCents: null, published: true, registrationMode: 'session' as const, priceCents: 0 };

  return [
    {
      ...base,
      title: 'Stage robotique : construis et programme ton robot',
      description: 'Quatre matinées pour monter un petit robot, le programmer avec des blocs et le faire sortir d’un labyrinthe.\n\nMatériel fourni. Goûter offert le dernier jour, les familles sont invitées à la démonstration.',
      kind: 'stage', audience: 'enfants_6_11', minAge: 8, maxAge: 11, theme: 'creer_avec_le_numerique', level: 'debutant',
      siteId: studio.id, facilitatorIds: f1, capacity: 10, priceCents: 2000, reducedPriceCents: 500, equipment: ['ordinateur', 'autre'],
      registrationMode: 'series',
      schedule: { kind: 'dates', dates: stageDates, rrule: null, startDate: null, endDate: null, startTime: '09:30', endTime: '12:00', exceptions: [] },
    },
    {
      ...base,
      title: 'Club code',
      description: 'Chaque mercredi, on crée des jeux et des animations avec Scratch puis Python. Venez avec vos idées, on apprend en faisant.',
      kind: 'atelier', audience: 'ados_12_17', theme: 'creer_avec_le_numerique', level: 'debutant',
      siteId: studio.id, facilitatorIds: f2, capacity: 12, equipment: ['ordinateur'], schedule: weekly('WE', '14:00', '16:00'),
    },
    {
      ...base,
      title: `Atelier tablette à ${village1.name.replace(/^Salle (des fêtes|polyvalente) d[e’'] ?/i, '')}`,
      description: 'Apprendre à se servir d’une tablette sans se presser : allumer, écrire un message, faire une visio avec ses petits-enfants, regarder la météo.\n\nLes tablettes sont prêtées pendant l’atelier.',
      kind: 'atelier_tablette', audience: 'seniors', minAge: 60, theme: 'prendre_en_main_du_materiel', level: 'debutant',
      siteId: village1.id, facilitatorIds: [...f1, ...(volunteer ? [volunteer] : [])], capacity: 6, equipment: ['tablette'], schedule: weekly('TU', '14:00', '16:00'),
    },
    {
      ...base,
      title: `Atelier tablette à ${village2.name.replace(/^Salle (des fêtes|polyvalente) d[e’'] ?/i, '')}`,
      description: 'Apprendre à se servir d’une tablette sans se presser : les photos, les messages, les appels en visio, les sites utiles.\n\nLes tablettes sont prêtées pendant l’atelier.',
      kind: 'atelier_tablette', audience: 'seniors', minAge: 60, theme: 'prendre_en_main_du_materiel', level: 'debutant',
      siteId: village2.id, facilitatorIds: f2, capacity: 6, equipment: ['tablette'], schedule: weekly('TH', '10:00', '12:00'),
    },
    {
      ...base,
      title: 'Premiers pas : l’ordinateur sans stress',
      description: 'Pour celles et ceux qui n’ont jamais (ou presque) utilisé un ordinateur : la souris, le clavier, ouvrir et ranger un document.',
      kind: 'atelier', audience: 'adultes', theme: 'prendre_en_main_du_materiel', level: 'debutant',
      siteId: centreSite.id, facilitatorIds: f1, capacity: 8, equipment: ['ordinateur'], schedule: weekly('MO', '09:30', '11:30', 2),
    },
    {
      ...base,
      title: 'Premiers pas : créer et utiliser son adresse e-mail',
      description: 'Créer une adresse e-mail, écrire, répondre, joindre une photo ou un document. Apportez votre téléphone si vous en avez un.',
      kind: 'atelier', audience: 'adultes', theme: 'email', level: 'debutant',
      siteId: centreSite.id, facilitatorIds: f2, capacity: 8, equipment: ['ordinateur', 'telephone'],
      schedule: { kind: 'dates', dates: [localDate(mondayIn(2, now).getTime() + 3 * DAY), localDate(mondayIn(3, now).getTime() + 3 * DAY)], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    },
    {
      ...base,
      title: 'Temps d’information : arnaques en ligne, comment s’en protéger',
      description: 'Faux SMS de livraison, faux conseillers bancaires, messages « urgents » : on apprend à les reconnaître et à réagir, avec la gendarmerie.\n\nEntrée libre, inscription conseillée.',
      kind: 'temps_info', audience: 'adultes', minAge: null, theme: 'securite_numerique', level: 'debutant',
      siteId: centreSite.id, facilitatorIds: facilitators, capacity: 40, equipment: ['aucun'],
      speakers: [{ name: 'Adjudante Claire Lefebvre', role: 'Maison de protection des familles, gendarmerie du Nord' }],
      partners: [{ name: 'Gendarmerie nationale', url: 'https://www.gendarmerie.interieur.gouv.fr' }],
      schedule: { kind: 'single', dates: [localDate(mondayIn(3, now).getTime() + 4 * DAY)], rrule: null, startDate: null, endDate: null, startTime: '18:00', endTime: '19:30', exceptions: [] },
    },
  ];

}

/**
 * A few residents already registered: the first tablet workshop is full with a waiting
 * list, the stage half full, the information time well attended.
 */
async function registerDemoResidents(services: DemoServices, centerId: string, created: Activity[], now: Date): Promise<{ count: number; seniors: { id: string }[] }> {
  const { programme, registrations } = services.activities;
  const actor = systemActor(centerId);
  const { items: persons } = await services.people.search(actor, { pageSize: 100 });
  const year = currentYear(now);
  const seniors = persons.filter((p) => p.birthYear !== null && year - p.birthYear >= 60);
  const children = persons.filter((p) => p.birthYear !== null && year - p.birthYear >= 8 && year - p.birthYear <= 11);
  const adults = persons.filter((p) => p.birthYear !== null && year - p.birthYear >= 18);
  let count = 0;
  const registerAll = async (activityIndex: number, people: typeof persons, max: number) => {
    const activity = created[activityIndex];
    if (!activity) return;
    const [first] = await programme.sessions(actor, activity.id);
    if (!first) return;
    for (const p of people.slice(0, max)) {
      await registrations.register(actor, centerId, first.id, { personId: p.id }, 'staff', now).then(() => count++).catch(() => undefined);
    }
  };
  await registerAll(0, children, 5);
  await registerAll(2, seniors, 8);
  await registerAll(3, seniors.slice(8), 3);
  await registerAll(4, adults.filter((p) => year - p.birthYear! < 60), 5);
  await registerAll(6, adults.slice(5), 14);
  return { count, seniors };
}

async function seedHistory(ctx: AppContext, centerId: string, activity: Activity, persons: { id: string }[], now: Date): Promise<number> {
  const today = localDate(now.getTime());
  // The four weeks before the first upcoming session fall on the workshop's own weekday.
  const [next] = await repo.listSessionsOfActivity(ctx.kysely, centerId, activity.id);
  const anchor = Date.parse(`${next?.localDate ?? today}T12:00:00Z`);
  const days = [28, 21, 14, 7].map((d) => localDate(anchor - d * DAY)).filter((day) => day < today);
  const at = now.toISOString();
  const rows = [...days, today].map((day) => {
    const startsAt = parisToUtc(day, activity.schedule.startTime);
    return {
      id: newId(), centerId, activityId: activity.id, localDate: day, startsAt, endsAt: parisToUtc(day, activity.schedule.endTime), siteId: null,
      status: 'scheduled', isException: true, cancelReason: null, createdAt: at, updatedAt: at,
    };
  });
  await ctx.kysely.transaction().execute(async (trx) => {
    await repo.insertSessions(trx, rows);
    for (const [i, session] of rows.entries()) {
      const registered = persons.map((p) => ({
        id: newId(), centerId, activityId: activity.id, sessionId: session.id, personId: p.id, groupId: newId(), status: 'confirmed',
        waitlistPosition: null, source: 'staff', guardianName: null, contactPhone: null, contactEmail: null, parentalAuthorisation: false,
        remindersConsent: false, matchStatus: 'none', submitted: null, cancelledAt: null, cancelledBy: null, promotedAt: null,
        createdBy: null, createdAt: at, updatedAt: at,
      }));
      await repo.insertRegistrations(trx, registered);
      if (session.localDate === today) continue;
      await repo.upsertAttendance(trx, registered.map((r, j) => ({
        id: newId(), centerId, sessionId: session.id, activityId: activity.id, personId: r.personId, registrationId: r.id,
        status: (i + j) % 7 === 3 ? 'absent' : (i + j) % 11 === 5 ? 'excused' : 'present', walkIn: false, mediationType: MEDIATION_TYPE,
        theme: activity.theme, level: activity.level, equipment: activity.equipment.join('|'), durationMinutes: durationMinutes(session.startsAt, session.endsAt),
        sessionStartsAt: session.startsAt, siteId: activity.siteId, recordedBy: null, recordedAt: session.endsAt,
      })));
    }
  });
  return rows.length;
}

/**
 * A past edition of the information time, with attendance and answers to "Votre avis": four
 * given through the personal link, six collected on paper.
 */
async function seedSurveyHistory(ctx: AppContext, services: DemoServices, centerId: string, activity: Activity, persons: { id: string }[], now: Date): Promise<number> {
  if (persons.length === 0) return 0;
  const day = localDate(now.getTime() - 21 * DAY);
  const at = now.toISOString();
  const startsAt = parisToUtc(day, activity.schedule.startTime);
  const endsAt = parisToUtc(day, activity.schedule.endTime);
  const session = {
    id: newId(), centerId, activityId: activity.id, localDate: day, startsAt, endsAt, siteId: null,
    status: 'scheduled', isException: true, cancelReason: null, createdAt: at, updatedAt: at,
  };
  const answers: { rating: number; comment: string | null }[] = [
    { rating: 5, comment: 'J’ai appris à reconnaître un faux SMS de livraison. Merci !' },
    { rating: 4, comment: 'Très clair. Il faudrait une séance sur les arnaques au téléphone.' },
    { rating: 5, comment: null },
    { rating: 3, comment: 'La salle était un peu petite.' },
  ];
  await ctx.kysely.transaction().execute(async (trx) => {
    await repo.insertSessions(trx, [session]);
    const registered = persons.map((p) => ({
      id: newId(), centerId, activityId: activity.id, sessionId: session.id, personId: p.id, groupId: newId(), status: 'confirmed',
      waitlistPosition: null, source: 'staff', guardianName: null, contactPhone: null, contactEmail: null, parentalAuthorisation: false,
      remindersConsent: false, matchStatus: 'none', submitted: null, cancelledAt: null, cancelledBy: null, promotedAt: null,
      createdBy: null, createdAt: at, updatedAt: at,
    }));
    await repo.insertRegistrations(trx, registered);
    await repo.upsertAttendance(trx, registered.map((r, j) => ({
      id: newId(), centerId, sessionId: session.id, activityId: activity.id, personId: r.personId, registrationId: r.id,
      status: j === registered.length - 1 && j > 0 ? 'absent' : 'present', walkIn: false, mediationType: MEDIATION_TYPE,
      theme: activity.theme, level: activity.level, equipment: activity.equipment.join('|'), durationMinutes: durationMinutes(startsAt, endsAt),
      sessionStartsAt: startsAt, siteId: activity.siteId, recordedBy: null, recordedAt: endsAt,
    })));
    for (const [i, answer] of answers.slice(0, registered.length).entries()) {
      const invitation = {
        id: newId(), centerId, sessionId: session.id, registrationId: registered[i]!.id, tokenHash: sha256(randomToken()),
        expiresAt: new Date(Date.parse(endsAt) + 30 * DAY).toISOString(), createdAt: endsAt,
      };
      await surveyRepo.insertInvitation(trx, invitation);
      await surveyRepo.insertAnswers(trx, [{
        id: newId(), centerId, activityId: activity.id, sessionId: session.id, invitationId: invitation.id, source: 'link',
        rating: answer.rating, comment: answer.comment, recordedBy: null, createdAt: endsAt,
      }]);
    }
  });
  await services.activities.surveys.recordPaper(systemActor(centerId), session.id, {
    counts: { 1: 0, 2: 1, 3: 1, 4: 2, 5: 2 },
    comments: ['Bien expliqué, avec des exemples de vrais messages.', 'Trop de monde pour poser des questions.'],
  }, now);
  return 1;
}
