/**
 * The demo centre's help desk: the usual motifs (ANTS identity card and passport, CAF,
 * impots.gouv, ameli, France Travail, retirement…) with what to bring, openings at the centre
 * and in two partner villages, a training day, a few appointments to come and, over the last
 * weeks, appointments closed as seen, excused or no-show with their accompaniment records —
 * so that the day, the week and the no-show rates show something. Dates are relative to
 * today. Idempotent: a centre that has motifs is left alone.
 */
import { systemActor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService } from '../people/person.service.ts';
import * as repo from './helpdesk.repository.ts';
import type { HelpdeskModule } from './helpdesk.routes.tsx';
import type { MotifInput } from './helpdesk.schemas.ts';
import { isPublicHoliday } from './public-holidays.ts';
import { addDays, mondayOf, parisDate, parisToUtcMs } from '../../platform/time.ts';
import { deskKeyOf } from './slots.ts';

export interface HelpdeskDemoServices {
  centre: CentreService;
  people: PeopleService;
  helpdesk: HelpdeskModule;
}

const MOTIFS: (MotifInput & { key: string })[] = [
  {
    key: 'ants',
    name: 'Carte d’identité / passeport (ANTS)',
    description: 'Faire la pré-demande en ligne, puis prendre rendez-vous en mairie.',
    procedureCategory: 'papiers_elections_citoyennete',
    durationMinutes: 30,
    whatToBring:
      'Votre numéro de pré-demande ANTS, si vous l’avez déjà fait\nUne photo d’identité de moins de 6 mois (ou son code photo)\nVotre ancienne carte ou votre passeport\nUn justificatif de domicile de moins d’un an\nUn timbre fiscal en cas de perte ou pour un passeport',
    bookableBy: 'public',
    minDelayHours: 2,
    horizonDays: 42,
  },
  {
    key: 'caf',
    name: 'CAF : dossier, déclaration trimestrielle, attestation',
    description: 'Créer son compte, déclarer ses ressources, télécharger une attestation.',
    procedureCategory: 'social_sante',
    durationMinutes: 30,
    whatToBring: 'Votre numéro d’allocataire CAF\nVos derniers bulletins de salaire ou avis de paiement\nVotre téléphone portable (pour recevoir un code)',
    bookableBy: 'public',
    minDelayHours: 2,
    horizonDays: 42,
  },
  {
    key: 'impots',
    name: 'Impôts : déclaration en ligne (impots.gouv)',
    description: 'Déclarer ses revenus, payer, corriger, créer son espace particulier.',
    procedureCategory: 'argent_impots',
    durationMinutes: 45,
    whatToBring: 'Votre dernier avis d’impôt (il porte votre numéro fiscal)\nVos justificatifs de revenus de l’année',
    bookableBy: 'public',
    minDelayHours: 2,
    horizonDays: 42,
  },
  {
    key: 'ameli',
    name: 'Santé : compte ameli, carte Vitale',
    description: 'Ouvrir son compte ameli, commander une carte Vitale, suivre ses remboursements.',
    procedureCategory: 'social_sante',
    durationMinutes: 30,
    whatToBring: 'Votre carte Vitale ou votre attestation de droits\nUn RIB pour ouvrir le compte',
    bookableBy: 'public',
    minDelayHours: 2,
    horizonDays: 42,
  },
  {
    key: 'emploi',
    name: 'Emploi : France Travail (inscription, actualisation, CV)',
    description: 'S’inscrire, s’actualiser chaque mois, déposer son CV.',
    procedureCategory: 'travail_formation',
    durationMinutes: 45,
    whatToBring: 'Votre identifiant France Travail, si vous en avez un\nVotre CV sur papier ou sur clé USB, si vous en avez un',
    bookableBy: 'public',
    minDelayHours: 2,
    horizonDays: 42,
  },
  {
    key: 'retraite',
    name: 'Retraite : relevé de carrière, demande en ligne',
    description: 'Consulter sa carrière, demander sa retraite sur info-retraite.fr.',
    procedureCategory: 'social_sante',
    durationMinutes: 45,
    whatToBring: 'Votre numéro de sécurité sociale\nVos bulletins de salaire des périodes manquantes, si vous en avez',
    bookableBy: 'public',
    minDelayHours: 24,
    horizonDays: 56,
  },
  {
    key: 'permis',
    name: 'Permis de conduire, carte grise (ANTS)',
    description: null,
    procedureCategory: 'transports_mobilite',
    durationMinutes: 30,
    whatToBring: 'Votre permis ou votre certificat d’immatriculation\nUn justificatif de domicile',
    bookableBy: 'public',
    minDelayHours: 2,
    horizonDays: 42,
  },
  {
    key: 'suivi',
    name: 'Suivi d’un dossier en cours',
    description: 'Rendez-vous pris par l’équipe pour continuer une démarche.',
    procedureCategory: 'social_sante',
    durationMinutes: 30,
    whatToBring: null,
    bookableBy: 'staff',
    minDelayHours: 0,
    horizonDays: 56,
  },
];

export async function seedDemoHelpdesk(
  ctx: AppContext,
  services: HelpdeskDemoServices,
  centerId: string,
  now = ctx.clock.now(),
): Promise<{ motifs: number; openings: number; appointments: number; records: number }> {
  const actor = systemActor(centerId);
  const existing = await repo.listMotifs(ctx.kysely, centerId, { includeArchived: true });
  if (existing.length > 0) return { motifs: existing.length, openings: 0, appointments: 0, records: 0 };

  const motifs = new Map<string, string>();
  for (const { key, ...input } of MOTIFS) motifs.set(key, (await services.helpdesk.settings.createMotif(actor, input)).id);
  const seed: Seed = { ctx, services, actor, centerId, now, motifs };
  const sites = await demoSites(seed);
  const openings = await demoOpenings(seed, sites);
  const residents = await demoResidents(seed);
  const upcoming = await bookUpcoming(seed, sites, residents);
  const past = await seedPastAppointments(seed, openings, residents);
  return { motifs: motifs.size, openings: openings.length, appointments: upcoming + past.appointments, records: past.records };
}

/** What every step of the demo works with; `motifs` maps each motif's key to its id. */
interface Seed {
  ctx: AppContext;
  services: HelpdeskDemoServices;
  actor: ReturnType<typeof systemActor>;
  centerId: string;
  now: Date;
  motifs: Map<string, string>;
}

type Site = Awaited<ReturnType<CentreService['listSites']>>[number];
type Opening = Awaited<ReturnType<HelpdeskModule['settings']['createOpening']>>;
type Resident = Awaited<ReturnType<PeopleService['search']>>['items'][number];

interface DemoSites {
  centreSite: Site;
  village1: Site;
  village2: Site;
}

/** Places: the centre itself and two partner villages; a bare centre gets them. */
async function demoSites({ services: { centre }, centerId }: Seed): Promise<DemoSites> {
  let sites = (await centre.listSites(centerId)).filter((s) => !s.archivedAt);
  if (!sites.some((s) => s.kind === 'centre')) {
    sites = [...sites, await centre.createSite(centerId, { name: 'Centre social', kind: 'centre', communeInsee: '59122', address: '1 rue de la Gare, 59400 Cambrai' })];
  }
  while (sites.filter((s) => s.kind === 'village_hall').length < 2) {
    const n = sites.filter((s) => s.kind === 'village_hall').length;
    sites = [
      ...sites,
      await centre.createSite(centerId, n === 0
        ? { name: 'Salle des fêtes de Marcoing', kind: 'village_hall', communeInsee: '59377', address: 'Place de la Mairie, 59159 Marcoing' }
        : { name: 'Salle polyvalente de Gouzeaucourt', kind: 'village_hall', communeInsee: '59269', address: 'Rue du Général de Gaulle, 59231 Gouzeaucourt' }),
    ];
  }
  const centreSite = sites.find((s) => s.kind === 'centre')!;
  const [village1, village2] = sites.filter((s) => s.kind === 'village_hall');
  return { centreSite, village1: village1!, village2: village2! };
}

/** The weekly openings at the centre and in the villages, and a training day that closes one. */
async function demoOpenings({ ctx, services: { helpdesk }, actor, centerId, now, motifs }: Seed, { centreSite, village1, village2 }: DemoSites): Promise<Opening[]> {
  const all = [...motifs.values()];
  const pick = (...keys: string[]) => keys.map((k) => motifs.get(k)!);
  const users = (await ctx.auth.listUsers(centerId)).filter((u) => Boolean(u.active));
  const facilitators = users.filter((u) => u.role === 'facilitator');
  const volunteer = users.find((u) => u.role === 'volunteer');
  const anne = facilitators[0]?.id;
  const other = facilitators[1]?.id ?? anne;

  // Openings started four weeks ago, so that the last weeks have a history.
  const startsOn = addDays(mondayOf(parisDate(now.getTime())), -28);
  const openingPlan = [
    { siteId: centreSite.id, staffUserId: anne, weekday: 2, startTime: '09:00', endTime: '12:00', everyWeeks: 1, motifIds: all },
    { siteId: centreSite.id, staffUserId: anne, weekday: 4, startTime: '14:00', endTime: '17:00', everyWeeks: 1, motifIds: all },
    { siteId: centreSite.id, staffUserId: volunteer?.id, weekday: 3, startTime: '14:00', endTime: '17:30', everyWeeks: 1, motifIds: pick('ants', 'caf', 'ameli', 'permis') },
    { siteId: village1.id, staffUserId: other, weekday: 1, startTime: '09:30', endTime: '12:00', everyWeeks: 1, motifIds: pick('ants', 'caf', 'impots', 'ameli', 'retraite') },
    { siteId: village2.id, staffUserId: undefined, weekday: 5, startTime: '09:00', endTime: '12:00', everyWeeks: 2, motifIds: pick('ants', 'caf', 'emploi', 'permis') },
  ];
  const openings = [];
  for (const plan of openingPlan) openings.push(await helpdesk.settings.createOpening(actor, { ...plan, startsOn, endsOn: undefined }));

  // A training day in three weeks: the Thursday afternoon desk is closed that day.
  if (anne) {
    const training = addDays(mondayOf(parisDate(now.getTime() + 21 * 86_400_000)), 3);
    await helpdesk.settings.createAbsence(actor, { staffUserId: anne, firstDay: training, lastDay: training, reason: 'Formation Aidants Connect', siteId: undefined, startTime: undefined, endTime: undefined, repeatWeeklyUntil: undefined });
  }
  return openings;
}

/** Residents for the appointments: the demo's persons with a phone, or a few new ones. */
async function demoResidents({ services: { people }, actor, centerId }: Seed): Promise<Resident[]> {
  let residents = (await people.search(actor, { q: '', page: 1, pageSize: 40 })).items.filter((p) => p.phone || p.email);
  if (residents.length < 12) {
    for (const [i, [firstName, lastName]] of [['Jeanne', 'Lefebvre'], ['Marcel', 'Dufour'], ['Hélène', 'Caron'], ['Gérard', 'Leroy'], ['Fatima', 'Haddad'], ['André', 'Wattiez'], ['Josiane', 'Vasseur'], ['René', 'Lemaire'], ['Chantal', 'Deprez'], ['Bernard', 'Crépin'], ['Inès', 'Benali'], ['Yannick', 'Poulain']].entries()) {
      residents.push(
        (await people.createFromPublicForm(centerId, {
          firstName, lastName, phone: `0612${String(340_000 + i * 1_111).padStart(6, '0')}`,
          consents: [{ kind: 'data_processing', granted: true }, { kind: 'sms_reminders', granted: true }],
        })) as (typeof residents)[number],
      );
    }
    residents = residents.filter((p) => p.phone || p.email);
  }
  return residents;
}

/** Appointments to come: the first free slots of a few motifs, booked by phone. */
async function bookUpcoming({ services: { helpdesk }, actor, centerId, motifs }: Seed, { centreSite, village1, village2 }: DemoSites, residents: Resident[]): Promise<number> {
  let appointments = 0;
  let r = 0;
  for (const [key, siteId] of [['ants', village1.id], ['caf', centreSite.id], ['impots', village1.id], ['ameli', centreSite.id], ['ants', centreSite.id], ['emploi', village2.id], ['retraite', village1.id], ['caf', village2.id]] as const) {
    const { slots } = await helpdesk.availability.slots(centerId, { motifId: motifs.get(key)!, siteId }, 'staff');
    const slot = slots[(r * 3) % Math.max(1, slots.length)];
    if (!slot) continue;
    const person = residents[r++ % residents.length]!;
    await helpdesk.booking.book(actor, centerId, { motifId: motifs.get(key)!, siteId, startAt: slot.startAt, personId: person.id, note: null });
    appointments++;
  }
  return appointments;
}

async function seedPastAppointments({ ctx, services, actor, centerId, now, motifs }: Seed, openings: Opening[], residents: Resident[]): Promise<{ appointments: number; records: number }> {
  // The last three weeks: appointments closed as seen (with a record), excused or no-show.
  const outcomes = ['seen', 'seen', 'no_show', 'seen', 'excused', 'seen', 'seen', 'no_show', 'seen'] as const;
  const themesFor: Record<string, string[]> = {
    ants: ['aide_aux_demarches_administratives', 'navigation_sur_internet'],
    caf: ['aide_aux_demarches_administratives'],
    impots: ['aide_aux_demarches_administratives', 'gere_ses_contenus_numeriques'],
    ameli: ['aide_aux_demarches_administratives', 'sante'],
  };
  let appointments = 0;
  let records = 0;
  let k = 0;
  for (let week = 3; week >= 1; week--) {
    const tuesday = addDays(mondayOf(parisDate(now.getTime())), 1 - 7 * week);
    if (isPublicHoliday(tuesday)) continue;
    const opening = openings[0]!;
    for (const [slotIndex, key] of (['ants', 'caf', 'impots'] as const).entries()) {
      const start = parisToUtcMs(tuesday, 9 * 60 + slotIndex * 60);
      const motifId = motifs.get(key)!;
      const duration = MOTIFS.find((m) => m.key === key)!.durationMinutes;
      const person = residents[(k + 5) % residents.length]!;
      const outcome = outcomes[k++ % outcomes.length]!;
      const id = newId();
      const startAt = new Date(start).toISOString();
      await repo.insertAppointment(ctx.kysely, {
        id, centerId, motifId, siteId: opening.siteId, openingId: opening.id, staffUserId: opening.staffUserId, deskKey: deskKeyOf(opening),
        startAt, endAt: new Date(start + duration * 60_000).toISOString(), kind: 'appointment', channel: k % 2 ? 'online' : 'phone', status: 'booked',
        personId: person.id, note: null, outcome: outcome === 'seen' ? null : outcome, outcomeAt: outcome === 'seen' ? null : startAt,
        outcomeBy: outcome === 'seen' ? null : (opening.staffUserId ?? null), cancelledAt: null, cancelledBy: null, bookedBy: null,
        reminderDoneAt: startAt, dayBeforeDoneAt: startAt, createdAt: new Date(start - 7 * 86_400_000).toISOString(), updatedAt: startAt,
      });
      appointments++;
      if (outcome === 'seen') {
        await services.helpdesk.accompaniments.recordAccompaniment(actor, {
          appointmentId: id,
          durationMinutes: duration,
          placeType: 'lieu_activite',
          equipment: k % 3 === 0 ? ['telephone'] : ['ordinateur'],
          themes: (themesFor[key] ?? ['aide_aux_demarches_administratives']) as never,
          procedureCategory: undefined,
          details: key === 'ants' ? 'Pré-demande faite avec la personne ; numéro noté sur sa convocation. Reste : rendez-vous en mairie.' : 'Démarche faite ensemble ; la personne sait se reconnecter seule.',
          autonomy: (['entierement_accompagne', 'partiellement_autonome', 'autonome'] as const)[k % 3]!,
          redirected: key === 'impots',
          redirectStructure: key === 'impots' ? 'administration' : undefined,
          followUp: key === 'ants',
        });
        records++;
      }
    }
  }
  return { appointments, records };
}
