/**
 * The demo centre: a fictional centre social in Masnières (Communauté d'agglomération de
 * Cambrai) with its sites, partner villages, team, about 150 fictional residents living in
 * real communes of the agglomeration, and each module's demo programme. Idempotent: when the
 * centre exists, nothing is created again. Never runs in production.
 */
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../platform/auth/actor.ts';
import { currentYear } from '../platform/clock.ts';
import type { Role } from '../platform/auth/roles.ts';
import { communesOfEpci } from '../platform/communes.ts';
import { AppError } from '../platform/errors.ts';
import { findCentreBySlug } from '../platform/tenancy.ts';
import { seedDemoActivities } from '../modules/activities/demo.ts';
import { seedDemoHelpdesk } from '../modules/helpdesk/demo.ts';
import { seedDemoPathways } from '../modules/pathways/demo.ts';
import { seedDemoResources } from '../modules/resources/demo.ts';
import { seedDemoForums } from '../modules/forums/demo.ts';
import { seedDemoEquipment } from '../modules/equipment/demo.ts';
import { seedDemoShuttle } from '../modules/shuttle/demo.ts';
import { seedDemoTeam } from '../modules/team/demo.ts';
import { seedDemoTeamBoard } from '../modules/team/notice-board.demo.ts';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'lieudit-demo-2026';
const CA_CAMBRAI = '200068500';

export const DEMO_STAFF: { email: string; displayName: string; role: Role; partnerCommuneInsee?: string }[] = [
  { email: 'directrice@demo.lieudit.fr', displayName: 'Claire Dubois', role: 'admin' },
  { email: 'coordination@demo.lieudit.fr', displayName: 'Karim Benali', role: 'coordinator' },
  { email: 'animatrice@demo.lieudit.fr', displayName: 'Sophie Lefebvre', role: 'facilitator' },
  { email: 'animateur@demo.lieudit.fr', displayName: 'Thomas Delattre', role: 'facilitator' },
  { email: 'benevole@demo.lieudit.fr', displayName: 'Monique Carpentier', role: 'volunteer' },
  { email: 'mairie.marcoing@demo.lieudit.fr', displayName: 'Mairie de Marcoing', role: 'partner', partnerCommuneInsee: '59377' },
  // The federation's account: made with the demo federation (ensureDemoFederation), not in the centre's team.
  { email: 'federation@demo.lieudit.fr', displayName: 'Fédération des centres sociaux du Cambrésis', role: 'federation_admin' },
];

const FIRST_NAMES = [
  'Jeanne', 'Marcel', 'Hélène', 'Gérard', 'Françoise', 'André', 'Monique', 'René', 'Josiane', 'Bernard', 'Chantal',
  'Jean-Pierre', 'Nathalie', 'Sébastien', 'Aurélie', 'Kévin', 'Mélanie', 'Jérôme', 'Émilie', 'Yannick', 'Inès', 'Lucas',
  'Léa', 'Noé', 'Chloé', 'Mathéo', 'Zoé', 'Enzo', 'Manon', 'Théo', 'Fatima', 'Mohamed', 'Aïcha', 'Brahim', 'Océane',
];
const LAST_NAMES = [
  'Lefebvre', 'Dupont', 'Delattre', 'Carpentier', 'Lemaire', 'Dufour', 'Leroy', 'Dubois', 'Wattiez', 'Vasseur', 'Caron',
  'Lecomte', 'Delcroix', 'Deprez', 'Boulanger', 'Lefèvre', 'Hennequin', 'Desmet', 'Verdière', 'Poulain', 'Mercier',
  'Benali', 'Haddad', 'Kowalski', 'Nowak', 'Fournier', 'Gosselin', 'Bécourt', 'Dhénin', 'Crépin',
];

/** A small deterministic generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function ensureDemo(app: FastifyInstance, options: { printLogins: boolean }): Promise<void> {
  const { ctx } = app;
  if (ctx.config.production) return;
  const centre = (await findCentreBySlug(ctx.kysely, DEMO_SLUG)) ?? (await createDemo(app));
  // Each module's demo seeder is idempotent, so an older demo database gains newer modules' data.
  await seedDemoActivities(ctx, app.services, centre.id);
  await seedDemoHelpdesk(ctx, app.services, centre.id);
  await seedDemoPathways(ctx, app.services, centre.id, () => pathwayDemoOptions(app, centre.id));
  await seedDemoResources(ctx, app.services, centre.id);
  await seedDemoForums(ctx, app.services, centre.id);
  await seedDemoEquipment(ctx, app.services, centre.id);
  await seedDemoShuttle(ctx, app.services, centre.id);
  await seedDemoTeam(ctx, app.services, centre.id, { password: DEMO_PASSWORD });
  await seedDemoTeamBoard(ctx, app.services, centre.id);
  await ensureDemoFederation(app, centre.id);
  if (options.printLogins) printLogins();
}

/** The demo centre in a federation of its own, and the federation's account (idempotent). */
async function ensureDemoFederation(app: FastifyInstance, centerId: string): Promise<void> {
  const federations = app.services.reports.federation;
  const federation = (await federations.findBySlug('demo-federation')) ?? (await federations.create({ slug: 'demo-federation', name: 'Fédération des centres sociaux du Cambrésis' }));
  await federations.join(federation.id, centerId);
  const account = DEMO_STAFF.find((s) => s.role === 'federation_admin')!;
  // Already made by an earlier run: the address is taken (409), nothing to do.
  await app.ctx.auth.createUser({ centerId, ...account, password: DEMO_PASSWORD, federationId: federation.id }).catch((error: unknown) => {
    if (!(error instanceof AppError && error.status === 409)) throw error;
  });
}

/**
 * A few seniors start "Premiers pas sur tablette" and the volunteer follows "Accueillir et
 * accompagner". The training is not made compulsory in the demo, so that the demo volunteer
 * can open files at once; an admin can require it from the pathways pages.
 */
async function pathwayDemoOptions(app: FastifyInstance, centerId: string) {
  const actor = systemActor(centerId);
  const { items } = await app.services.people.search(actor, { q: '', pageSize: 100 });
  const seniorPersonIds = items.filter((p) => p.ageBracket === 'soixante_dix_plus').slice(0, 4).map((p) => p.id);
  const volunteerUserIds = (await app.ctx.auth.listUsers(centerId)).filter((u) => u.role === 'volunteer').map((u) => u.id);
  return { seniorPersonIds, volunteerUserIds, requireVolunteerTraining: false };
}

function printLogins(): void {
  console.log('\nCentre de démonstration « demo » — comptes (mot de passe commun : %s) :', DEMO_PASSWORD);
  for (const staff of DEMO_STAFF) console.log(`  ${staff.role.padEnd(12)} ${staff.email}`);
  console.log('');
}

async function createDemo(app: FastifyInstance): Promise<{ id: string }> {
  const { ctx, services } = app;
  const centre = await services.centre.createCentre({
    slug: DEMO_SLUG,
    name: 'Centre social La Passerelle',
    communeInsee: '59389',
    address: '12 rue de l’Escaut, 59241 Masnières',
    postalCode: '59241',
    openingHours: 'Mo-Fr 09:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off',
    email: 'accueil@demo.lieudit.fr',
    phone: '03 27 00 00 00',
    // No two-step sign-in in the demo: anyone trying it signs in as the director with the shared
    // password, without a phone; a real centre (`lieudit centre add`) requires it of its admins.
    twoStepRoles: [],
  });
  const centerId = centre.id;

  await services.centre.createSite(centerId, {
    name: 'Centre social La Passerelle', kind: 'centre', communeInsee: '59389',
    address: '12 rue de l’Escaut, 59241 Masnières', accessibility: 'Plain-pied, toilettes adaptées, place de stationnement réservée.',
  });
  await services.centre.createSite(centerId, {
    name: 'L’Atelier — studio de création', kind: 'studio', communeInsee: '59389',
    address: '14 rue de l’Escaut, 59241 Masnières', accessibility: 'Plain-pied. Imprimante 3D et robots en libre accès accompagné.',
  });
  await services.centre.createSite(centerId, {
    name: 'Salle des fêtes de Marcoing', kind: 'village_hall', communeInsee: '59377',
    address: 'Place de la Mairie, 59159 Marcoing', accessibility: 'Plain-pied, accès par la rampe côté parking.',
  });
  await services.centre.createSite(centerId, {
    name: 'Salle polyvalente de Gouzeaucourt', kind: 'village_hall', communeInsee: '59269',
    address: 'Rue du Général de Gaulle, 59231 Gouzeaucourt', accessibility: 'Une marche à l’entrée, rampe amovible sur demande.',
  });
  await services.centre.createSite(centerId, {
    name: 'La navette numérique', kind: 'mobile', communeInsee: '59389',
    address: null, accessibility: 'Se déplace à domicile sur rendez-vous.',
  });
  for (const [insee, contactName] of [['59377', 'Mme Vasseur, secrétaire de mairie'], ['59269', 'M. Lemaire, adjoint'], ['59502', 'Mme Caron, CCAS']] as const) {
    await services.centre.addPartnerCommune(centerId, { communeInsee: insee, contactName });
  }

  for (const staff of DEMO_STAFF.filter((s) => s.role !== 'federation_admin')) {
    await ctx.auth.createUser({ centerId, ...staff, password: DEMO_PASSWORD });
  }

  await createDemoPersons(app, centerId);
  return centre;
}

async function createDemoPersons(app: FastifyInstance, centerId: string): Promise<void> {
  const random = seeded(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const communes = communesOfEpci(CA_CAMBRAI);
  // Villages near the centre are over-represented, as they are in real attendance.
  const nearby = communes.filter((c) => ['59389', '59377', '59269', '59502', '59520', '59517'].includes(c.code));
  const actor = systemActor(centerId);
  const year = currentYear(app.ctx.clock.now());
  for (let i = 0; i < 150; i++) {
    const age = random() < 0.45 ? 60 + Math.floor(random() * 30) : random() < 0.5 ? 8 + Math.floor(random() * 10) : 18 + Math.floor(random() * 42);
    const commune = random() < 0.6 ? pick(nearby) : pick(communes);
    const hasPhone = random() < 0.85;
    const hasEmail = age >= 14 && random() < 0.45;
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    const minor = age < 18;
    try {
      await app.services.people.create(actor, {
        firstName,
        lastName,
        phone: hasPhone ? `06${String(10_000_000 + Math.floor(random() * 89_999_999)).slice(0, 8)}` : null,
        email: hasEmail ? `${firstName}.${lastName}${i}@exemple.fr`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9.@-]/g, '') : null,
        birthYear: random() < 0.9 ? year - age : null,
        commune: commune.code,
        socialStatus: age < 18 ? 'scolarise' : age >= 62 ? 'retraite' : pick(['en_emploi', 'sans_emploi', 'non_communique'] as const),
        gender: pick(['masculin', 'feminin', 'feminin', 'non_communique'] as const),
        accessibilityNeeds: age >= 75 && random() < 0.3 ? 'Malvoyance : grands caractères.' : null,
        household: minor ? `Famille ${lastName}` : null,
        membership: random() < 0.6 ? { amountCents: minor ? 500 : 1000 } : null,
        consents: {
          data_processing: true,
          sms_reminders: hasPhone && random() < 0.8,
          email_reminders: hasEmail,
          photos: random() < 0.5,
          ...(minor ? { parental_authorisation: true } : {}),
        },
        confirmNotDuplicate: true,
      });
    } catch (error) {
      // A generated resident that the rules refuse (rare) is simply skipped.
      app.log.debug({ err: error }, 'demo person skipped');
    }
  }
}
