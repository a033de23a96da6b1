import type { FastifyInstance } from 'fastify';
import type { RouteInfo } from '../../src/app.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { ROLES, type Role } from '../../src/platform/auth/roles.ts';
import { dayFromNow as dayAfter } from '../../src/modules/activities/activities.fixtures.ts';
import { newId } from '../../src/platform/ids.ts';
import { Client, TEST_PASSWORD } from '../support/app.ts';
import { testPng } from '../support/png.ts';

/**
 * A centre with a little of everything, for the cross-cutting tests (role matrix, tenancy):
 * a signed-in client per role, and one resource of each kind so that every route with a
 * path parameter can be given a real id. Built through the modules' services, as the
 * application would; every distinctive word it stores is kept in `secrets`, so that another
 * centre's crawl can prove none of it leaks.
 */
export type Who = Role | 'anonymous';
export const EVERYONE: readonly Who[] = [...ROLES, 'anonymous'];

export interface World {
  centerId: string;
  /** The federation the centre is alone in (its federation_admin reads it). */
  federationId: string;
  tag: string;
  /** One signed-in client per role, plus an anonymous one (all hold a CSRF token). */
  clients: Record<Who, Client>;
  staff: Record<Role, { id: string; email: string }>;
  ids: {
    person: string;
    otherPerson: string;
    site: string;
    partnerCommune: string;
    targetUser: string;
    token: string;
    /** An API token of the world's federation, made by its account. */
    federationToken: string;
    activity: string;
    session: string;
    registration: string;
    motif: string;
    opening: string;
    absence: string;
    appointment: string;
    accompaniment: string;
    skill: string;
    pathway: string;
    module: string;
    enrolment: string;
    progressLink: string;
    quizSession: string;
    question: string;
    requirement: string;
    badge: string;
    equipmentItem: string;
    equipmentLoan: string;
    equipmentReservation: string;
    fiche: string;
    ficheSlug: string;
    ficheImage: string;
    /** The navette's stored visit report (of the visited request). */
    visitReport: string;
    consultation: string;
    proposal: string;
    shuttleRequest: string;
    shuttleTour: string;
    teamAssignment: string;
    teamAbsence: string;
    teamRequirement: string;
    notice: string;
    volunteerHours: string;
    /** A session of an information time that took place, with attendance and a survey invitation. */
    surveySession: string;
    /** A background export asked by the admin (others get 404 for it). */
    exportJob: string;
  };
  /** Capability links (no login, unguessable): public registration, appointment, quiz and progress links, calendar feed. */
  capabilities: { registrationToken: string; feedFile: string; appointmentToken: string; quizToken: string; progressToken: string; teamFeedFile: string; surveyToken: string };
  /** Help desk: a free slot of the public motif, as the booking pages and API expect it. */
  freeSlot(): Promise<{ motifId: string; siteId: string; startAt: string }>;
  /** Ids, names and e-mails that belong to this centre alone. */
  secrets: string[];
  /** The name of `ids.person`. */
  personName: { first: string; last: string };
  /** A new person, for routes that consume one (merge, erase). */
  freshPerson(): Promise<string>;
  freshStaff(role?: Role): Promise<string>;
  freshToken(): Promise<string>;
  freshFederationToken(): Promise<string>;
  freshPartnerCommune(): Promise<string>;
  freshSession(): Promise<{ activity: string; session: string }>;
  freshRegistration(): Promise<string>;
  freshAppointment(): Promise<string>;
  freshOpening(): Promise<string>;
  freshAbsence(): Promise<string>;
  freshModule(): Promise<string>;
  freshEnrolment(): Promise<string>;
  freshRequirement(): Promise<string>;
  freshEquipmentItem(): Promise<string>;
  freshEquipmentLoan(): Promise<string>;
  freshEquipmentReservation(): Promise<string>;
  /** A pending visit request of the navette (for routes that cancel or plan one). */
  freshShuttleRequest(): Promise<string>;
  /** A confirmed tour holding a fresh request (for routes that cancel it). */
  freshShuttleTour(): Promise<string>;
  /** An image of the world's fiche, shown by no fiche (for the route that deletes one). */
  freshFicheImage(): Promise<string>;
  freshTeamAssignment(): Promise<string>;
  freshTeamAbsence(): Promise<string>;
  freshTeamRequirement(): Promise<string>;
  freshVolunteerHours(): Promise<string>;
  /** A brand-new signed-in client for a role (for routes that end the session). */
  newClient(who: Who): Promise<Client>;
  /** A Paris calendar date some days after the app clock's today. */
  dayFromNow(days: number): string;
}

export async function buildWorld(app: FastifyInstance, tag: string, name: string): Promise<World> {
  /** A Paris calendar date some days after the app clock's today. */
  const dayFromNow = (days: number): string => dayAfter(app.ctx.clock, days);
  const s = app.services;
  const secrets: string[] = [];
  const keep = <T extends string>(v: T): T => {
    secrets.push(v);
    return v;
  };
  const centre = await s.centre.createCentre({ slug: keep(`centre-${tag.toLowerCase()}`), name: keep(name), communeInsee: '59122', address: keep(`${tag} rue des Tilleuls`), email: keep(`accueil@${tag.toLowerCase()}.exemple.fr`),
    // Every role signs in with its password alone here; two-step sign-in has its own tests.
    twoStepRoles: [] });
  const centerId = keep(centre.id);
  const system = systemActor(centerId);
  // Not 59512 nor 59599: the role matrix adds those through the pages and the API.
  const communePool = ['59219', '59527', '59155', '59328', '59350', '59009', '59183', '59606', '59017', '59043', '59051', '59152'];
  let n = 0;

  // The centre is alone in a federation of its own: its federation's account reads its figures.
  const federation = await s.reports.federation.create({ slug: `federation-${tag.toLowerCase()}`, name: keep(`Fédération ${tag}`) });
  await s.reports.federation.join(federation.id, centerId);
  const staff = {} as World['staff'];
  for (const role of ROLES) {
    const email = keep(`${role}@${tag.toLowerCase()}.exemple.fr`);
    const federationId = role === 'federation_admin' ? federation.id : null;
    const user = await app.ctx.auth.createUser({ centerId, email, displayName: keep(`${role} ${tag}`), role, password: TEST_PASSWORD, federationId });
    staff[role] = { id: keep(user.id), email };
  }
  const actorOf = (role: Role): Actor => ({ centerId, userId: staff[role].id, role, label: role, partnerCommuneInsee: null, via: 'session' });

  const site = await s.centre.createSite(centerId, { name: keep(`Salle ${tag}`), kind: 'studio', address: `${tag} place de la Mairie`, communeInsee: '59122' });
  keep(site.id);

  async function freshPartnerCommune(): Promise<string> {
    const insee = communePool.shift();
    if (!insee) throw new Error('no partner commune left in the pool');
    const commune = await s.centre.addPartnerCommune(centerId, { communeInsee: insee, contactName: keep(`Contact${tag}${++n}`), contactEmail: keep(`mairie${n}@${tag.toLowerCase()}.exemple.fr`) });
    return keep(commune.id);
  }
  const partnerCommune = await freshPartnerCommune();

  async function freshStaff(role: Role = 'volunteer'): Promise<string> {
    const user = await app.ctx.auth.createUser({ centerId, email: keep(`cible${++n}@${tag.toLowerCase()}.exemple.fr`), displayName: keep(`Cible${tag}${n}`), role, password: TEST_PASSWORD });
    return keep(user.id);
  }
  const targetUser = await freshStaff();

  async function freshToken(): Promise<string> {
    const { id } = await app.ctx.auth.createToken(centerId, 'facilitator', keep(`Jeton${tag}${++n}`));
    return keep(id);
  }
  const token = await freshToken();
  async function freshFederationToken(): Promise<string> {
    const { id } = await app.ctx.auth.createFederationToken(federation.id, centerId, keep(`JetonFederation${tag}${++n}`));
    return keep(id);
  }
  const federationToken = await freshFederationToken();

  const names = new Map<string, { first: string; last: string }>();
  async function freshPerson(): Promise<string> {
    n += 1;
    const name = { first: keep(`Prenom${tag}${n}`), last: keep(`Nom${tag}${n}`) };
    const person = await s.people.createFromPublicForm(centerId, {
      firstName: name.first,
      lastName: name.last,
      email: keep(`personne${n}@${tag.toLowerCase()}.exemple.fr`),
      phone: null,
      birthYear: 1950,
      consents: [{ kind: 'data_processing', granted: true }],
    });
    names.set(person.id, name);
    return keep(person.id);
  }
  const person = await freshPerson();
  const otherPerson = await freshPerson();

  async function freshSession(): Promise<{ activity: string; session: string }> {
    const activity = await s.activities.programme.create(system, {
      title: keep(`Atelier${tag}${++n}`),
      description: 'Prendre en main sa tablette.',
      kind: 'atelier_tablette',
      audience: 'seniors',
      minAge: null,
      maxAge: null,
      theme: 'prendre_en_main_du_materiel',
      level: 'debutant',
      siteId: site.id,
      facilitatorIds: [staff.facilitator.id, staff.volunteer.id],
      capacity: 12,
      priceCents: 0,
      reducedPriceCents: null,
      equipment: ['tablette'],
      registrationMode: 'session',
      published: true,
      schedule: { kind: 'single', dates: [dayFromNow(10)], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    });
    const [first] = await s.activities.programme.sessions(system, activity.id);
    if (!first) throw new Error('the activity has no session');
    return { activity: keep(activity.id), session: keep(first.id) };
  }
  const { activity, session } = await freshSession();

  async function register(personId: string, sessionId = session) {
    return s.activities.registrations.register(system, centerId, sessionId, { personId }, 'staff');
  }
  async function freshRegistration(): Promise<string> {
    const outcome = await register(await freshPerson());
    return keep(outcome.registrations[0]!.id);
  }
  const outcome = await register(person);
  const registration = keep(outcome.registrations[0]!.id);
  const registrationToken = new URL(outcome.link).pathname.split('/')[2]!;
  const feedUrl = await s.activities.feeds.renewFeed(actorOf('facilitator'));
  const feedFile = new URL(feedUrl).pathname.split('/').pop()!;

  // — "Votre avis": an information time attended by a person who accepts messages, its survey link sent —
  const surveyActivity = await s.activities.programme.create(system, {
    title: keep(`Forum${tag}`), description: 'Les arnaques en ligne.', kind: 'temps_info', audience: 'adultes', minAge: null, maxAge: null,
    theme: 'securite_numerique', level: 'debutant', siteId: site.id, facilitatorIds: [staff.facilitator.id, staff.volunteer.id], capacity: 30, priceCents: 0,
    reducedPriceCents: null, equipment: [], registrationMode: 'session', published: true,
    speakers: [{ name: keep(`Intervenante${tag}`), role: 'gendarmerie' }], partners: [{ name: keep(`Partenaire${tag}`), url: null }],
    schedule: { kind: 'single', dates: [dayFromNow(10)], rrule: null, startDate: null, endDate: null, startTime: '18:00', endTime: '19:30', exceptions: [] },
  });
  const [surveyDetail] = await s.activities.programme.sessions(system, surveyActivity.id);
  const surveySession = keep(surveyDetail!.id);
  const surveyPerson = await freshPerson();
  await s.people.recordConsent(centerId, surveyPerson, 'email_reminders', true);
  await register(surveyPerson, surveySession);
  await s.activities.attendance.record(system, surveySession, [{ personId: surveyPerson, status: 'present' }], new Date(surveyDetail!.startsAt));
  await s.activities.surveys.sendDueInvitations(new Date(Date.parse(surveyDetail!.endsAt) + 60_000));
  const invitation = await app.ctx.kysely.selectFrom('outbox').selectAll().where('personId', '=', surveyPerson).where('dedupeKey', 'like', 'survey:%').executeTakeFirstOrThrow();
  const surveyToken = /\/avis\/([\w-]+)/.exec(app.ctx.outbox.forRecipient(invitation)!.body)![1]!;

  // — help desk: a public motif, a desk open every day from yesterday, a booked appointment —
  const helpdesk = s.helpdesk;
  const motif = await helpdesk.settings.createMotif(system, {
    name: keep(`Motif${tag}`), description: null, procedureCategory: 'argent_impots', durationMinutes: 30,
    whatToBring: null, bookableBy: 'public', minDelayHours: 0, horizonDays: 60,
  });
  keep(motif.id);
  const yesterday = dayFromNow(-1);
  const openingIds: string[] = [];
  for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
    const opening = await helpdesk.settings.createOpening(system, { siteId: site.id, weekday, startTime: '09:00', endTime: '17:00', startsOn: yesterday, everyWeeks: 1, motifIds: [motif.id] });
    openingIds.push(keep(opening.id));
  }
  async function freeSlot() {
    const { slots } = await helpdesk.availability.slots(centerId, { motifId: motif.id, siteId: site.id }, 'staff');
    const slot = slots.find((x) => Date.parse(x.startAt) > app.ctx.clock.now().getTime() + 3 * 3_600_000);
    if (!slot) throw new Error('no free help desk slot');
    return { motifId: motif.id, siteId: site.id, startAt: slot.startAt };
  }
  async function book(personId: string) {
    return helpdesk.booking.book(system, centerId, { ...(await freeSlot()), personId, reminder: 'none', consent: true });
  }
  const booking = await book(person);
  const appointment = keep(booking.appointment.id);
  const appointmentToken = booking.manageToken;
  async function freshAppointment(): Promise<string> {
    return keep((await book(await freshPerson())).appointment.id);
  }
  async function freshOpening(): Promise<string> {
    const opening = await helpdesk.settings.createOpening(system, { siteId: site.id, weekday: 1, startTime: '18:00', endTime: '19:00', startsOn: dayFromNow(400 + ++n), everyWeeks: 1, motifIds: [motif.id] });
    return keep(opening.id);
  }
  async function freshAbsence(): Promise<string> {
    const day = dayFromNow(200 + ++n);
    const absence = await helpdesk.settings.createAbsence(system, { siteId: site.id, firstDay: day, lastDay: day, reason: keep(`Absence${tag}${n}`) });
    return keep(absence.id);
  }
  const absence = await freshAbsence();
  const accompaniment = await helpdesk.accompaniments.recordAccompaniment(system, {
    personId: person, siteId: site.id, durationMinutes: 30, placeType: 'lieu_activite',
    equipment: ['ordinateur'], themes: ['email'], procedureCategory: 'argent_impots', details: keep(`Compte rendu ${tag}`),
    autonomy: 'partiellement_autonome', redirected: false, followUp: false,
  });
  keep(accompaniment.id);

  // — pathways: a pathway of one module on one skill, two learners (one evaluated, with a badge) —
  const pw = s.pathways;
  await pw.framework.ensure(centerId);
  const [skill] = await pw.framework.activeSkills(centerId);
  if (!skill) throw new Error('the default framework has no skill');
  const moduleInput = (title: string) => ({ title, level: 'debutant' as const, description: null, suggestedSessions: 2, skillIds: [skill.id], activityIds: [] });
  const pathway = await pw.pathways.create(system, { title: keep(`Parcours${tag}`), audience: 'adultes', description: null, modules: [moduleInput(keep(`Module${tag}`))] });
  keep(pathway.id);
  const module = keep(pathway.modules[0]!.id);
  async function freshModule(): Promise<string> {
    return keep(await pw.pathways.addModule(system, pathway.id, moduleInput(keep(`Module${tag}${++n}`))));
  }
  const question = keep(await pw.quiz.createQuestion(system, {
    skillId: skill.id, prompt: keep(`Question${tag} ?`), picture: null, pictureAlt: null,
    choices: [{ label: 'Oui', correct: true }, { label: 'Non', correct: false }],
  }));
  async function freshEnrolment(): Promise<string> {
    const enrolment = await pw.enrolments.enrol(system, pathway.id, { personId: await freshPerson(), source: 'staff' });
    return keep(enrolment.id);
  }
  const enrolment = keep((await pw.enrolments.enrol(system, pathway.id, { personId: person, source: 'staff' })).id);
  const link = await pw.enrolments.createLink(system, enrolment);
  const progressToken = new URL(link.url).pathname.split('/').pop()!;
  const quiz = await pw.quiz.start(system, enrolment);
  const quizRow = await pw.quiz.sessionForActor(system, quiz.sessionId);
  const quizToken = pw.quiz.publicPath(quizRow).split('/').pop()!;
  const evaluated = await freshEnrolment();
  const { issued } = await pw.enrolments.recordEvaluation(system, evaluated, { moduleId: module, kind: 'facilitator', comment: null, results: [{ skillId: skill.id, status: 'acquis', autonomy: 'autonome' }] });
  const badge = keep(issued[0]?.id ?? '00000000-0000-7000-8000-000000000000');
  // A required training is one per role and pathway: each fresh one gets a pathway of its own.
  // It is required of partners, the one role the training gate (person files) cannot change:
  // required of volunteers, it would rightly close their person files to the role matrix.
  async function freshRequirement(): Promise<string> {
    const own = await pw.pathways.create(system, { title: keep(`Formation${tag}${++n}`), audience: 'benevoles', description: null, modules: [moduleInput(`Module${tag}${n}`)] });
    keep(own.id);
    return keep(await pw.training.require(system, { role: 'partner', pathwayId: own.id }));
  }
  const requirement = await freshRequirement();

  // — equipment: a lent tablet, a reserved robot kit —
  const eq = s.equipment;
  async function freshEquipmentItem(): Promise<string> {
    const item = await eq.inventory.create(system, {
      name: keep(`Tablette${tag}${++n}`), category: 'tablette', assetTag: keep(`TAB-${tag}-${n}`), serialNumber: null, funder: 'Carsat', fundingProgramme: null,
      purchaseDate: null, purchaseValueCents: null, siteId: site.id, lendable: true, publicDescription: null, depositCents: null, requiredModuleId: null,
      components: [{ name: 'Chargeur', quantity: 1 }],
    });
    return keep(item.id);
  }
  async function freshEquipmentLoan(): Promise<string> {
    const loan = await eq.loans.lend(system, { itemId: await freshEquipmentItem(), personId: person, conditionOut: keep(`Etat${tag}${++n}`), reminders: true });
    return keep(loan.id);
  }
  async function freshEquipmentReservation(): Promise<string> {
    const reservation = await eq.reservations.reserve(system, { itemId: await freshEquipmentItem(), personId: person, purpose: keep(`Stage${tag}${++n}`), startsOn: dayFromNow(0), endsOn: dayFromNow(3) });
    return keep(reservation.id);
  }
  const equipmentItem = await freshEquipmentItem();
  const equipmentLoan = await freshEquipmentLoan();
  const equipmentReservation = await freshEquipmentReservation();

  // — shuttle: a visit request, visited, with its report —
  const visit = await s.shuttle.requests.create(system, {
    personId: person, commune: '59122', address: keep(`${tag} chemin du Moulin`), location: null, problem: keep(`Probleme${tag} de courriels`), theme: 'email',
    urgency: 'normale', availability: [{ weekday: 4, from: '09:00', to: '12:00' }], notes: keep(`Note${tag} : sonner fort`), durationMinutes: 45,
  });
  const visitedRequest = keep(visit.id);
  const visitReport = keep((await s.shuttle.reports.record(system, {
    clientId: keep(newId()), requestId: visitedRequest, summary: keep(`Visite${tag} : courriels rouverts`), themes: ['email'], equipment: ['telephone'],
    autonomy: 'autonome', durationMinutes: 40, outcome: 'solved', appointment: null, followUps: ['tablet'],
  })).report.id);

  // — resources: a published fiche, linked to the activity —
  const ficheRow = await s.resources.fiches.create(system, {
    title: keep(`Fiche${tag}`), summary: keep(`Résumé de la fiche ${tag}`), body: `Étape ${tag} : ouvrir l’application.`,
    level: 'debutant', themes: ['securite_numerique'], competences: ['4.1'], activityIds: [activity],
  });
  await s.resources.fiches.setPublished(system, ficheRow.id, true);
  const fiche = keep(ficheRow.id);
  const ficheSlug = keep(ficheRow.slug);
  let imageSize = 4;
  async function freshFicheImage(): Promise<string> {
    const image = await s.resources.images.add(system, fiche, { data: testPng(imageSize++, 4), tooLarge: false, altText: keep(`Image${tag}${imageSize}`) });
    return keep(image.id);
  }
  const ficheImage = await freshFicheImage();
  // The fiche was given at the navette's visit: the person's file lists it.
  await s.resources.given.give(system, visitReport, [fiche]);

  // — forums: a consultation in its votes phase, with one accepted theme —
  const forum = await s.forums.forums.create(system, {
    title: keep(`Consultation${tag}`), description: null, proposalsOpenOn: dayFromNow(-20), votesOpenOn: dayFromNow(-1), votesCloseOn: dayFromNow(30),
    votesPerPerson: 3, moderation: true, eligibleCommunes: [],
  });
  const consultation = keep(forum.id);
  const theme = await s.forums.forums.propose(system, centerId, consultation, {
    title: keep(`Theme${tag}`), body: '', communeInsee: null, origin: 'paper', firstName: null, lastName: null, email: null, consent: false,
  });
  const proposal = keep(theme.id);

  // — navette: a visit request and a confirmed tour that visits it —
  async function freshShuttleRequest(): Promise<string> {
    const request = await s.shuttle.requests.create(system, {
      personId: person, commune: '59377', address: keep(`${tag} rue du Calvaire`), location: [3.18, 50.12], problem: keep(`Besoin${tag}${++n}`), theme: 'email',
      urgency: 'normale', availability: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '08:00', to: '18:00' })),
      notes: keep(`Note${tag}${n}`), durationMinutes: 30,
    });
    return keep(request.id);
  }
  async function freshShuttleTour(): Promise<string> {
    const own = await freshShuttleRequest();
    const others = (await s.shuttle.requests.list(system, { status: 'pending' })).map((r) => r.id).filter((id) => id !== own);
    const tour = await s.shuttle.tours.create(system, { date: dayFromNow(7), shift: { from: '08:00', to: '18:00' }, lunch: null, exclude: others }, { confirm: true });
    return keep(tour.id);
  }
  const shuttleRequest = await freshShuttleRequest();
  const shuttleTour = await freshShuttleTour();
  // — team: the target volunteer assigned to the session, away one day, with a calendar address;
  // a training required for the help desk —
  const team = s.team;
  async function freshTeamAssignment(): Promise<string> {
    const result = await team.assignments.assign(system, { userId: await freshStaff(), slot: `session:${session}`, confirm: true });
    if (!result.saved) throw new Error('team assignment not saved');
    return keep(result.assignment.id);
  }
  async function freshTeamAbsence(): Promise<string> {
    return keep((await team.profiles.addAbsence(system, targetUser, { firstDay: dayFromNow(10 + ++n), lastDay: dayFromNow(10 + n), reason: keep(`Absence${tag}${n}`) })).id);
  }
  async function freshTeamRequirement(): Promise<string> {
    const own = await pw.pathways.create(system, { title: keep(`FormationEquipe${tag}${++n}`), audience: 'benevoles', description: null, modules: [moduleInput(`ModuleEquipe${tag}${n}`)] });
    keep(own.id);
    return keep((await team.profiles.addKindRequirement(system, { kind: 'helpdesk', pathwayId: own.id })).id);
  }
  await team.profiles.updateProfile(system, targetUser, {
    skills: ['4.1'], tags: [keep(`Savoir${tag}`)], availability: [{ weekday: 2, startTime: '09:00', endTime: '12:00' }], contactChannel: 'sms', phone: '06 12 34 56 78', contactNote: keep(`Note${tag}`),
  });
  const targetAssignment = await team.assignments.assign(system, { userId: targetUser, slot: `session:${session}`, confirm: true });
  if (!targetAssignment.saved) throw new Error('team assignment not saved');
  const teamAssignment = keep(targetAssignment.assignment.id);
  const teamAbsence = await freshTeamAbsence();
  const teamRequirement = await freshTeamRequirement();
  const teamFeedUrl = await team.calendar.renew({ centerId, userId: targetUser, role: 'volunteer', label: 'cible', partnerCommuneInsee: null, via: 'session' });
  const teamFeedFile = new URL(teamFeedUrl).pathname.split('/').pop()!;
  // — team board: a post by the coordinator, hours given by the volunteer —
  const notice = keep((await s.teamBoard.notices.post(actorOf('coordinator'), { title: keep(`Annonce${tag}`), body: keep(`Message ${tag}`), pinned: true, expiresOn: null })).id);
  async function freshVolunteerHours(): Promise<string> {
    const entry = await s.teamBoard.hours.record(system, { userId: staff.volunteer.id, kind: 'autre', sessionId: null, workedOn: dayFromNow(-1), minutes: 90, note: keep(`Aide${tag}${++n}`) });
    return keep(entry.id);
  }
  const volunteerHours = await freshVolunteerHours();
  const exportJob = keep(await app.ctx.exports.submit(actorOf('admin'), 'persons', 'csv', {}));

  async function newClient(who: Who): Promise<Client> {
    const client = new Client(app);
    if (who !== 'anonymous') {
      const login = await app.ctx.auth.login(staff[who].email, TEST_PASSWORD);
      if (!login?.cookie) throw new Error(`cannot sign ${who} in`);
      client.cookies.set('lieudit_sid', login.cookie);
    }
    // Any page carries the CSRF token in its header forms.
    await client.get('/contact');
    if (!client.csrf) throw new Error('no CSRF token on /contact');
    return client;
  }
  const clients = {} as Record<Who, Client>;
  for (const who of EVERYONE) clients[who] = await newClient(who);

  return {
    centerId,
    federationId: federation.id,
    tag,
    clients,
    staff,
    ids: {
      person, otherPerson, site: site.id, partnerCommune, targetUser, token, federationToken, activity, session, registration,
      motif: motif.id, opening: openingIds[0]!, absence, appointment, accompaniment: accompaniment.id,
      skill: skill.id, pathway: pathway.id, module, enrolment, progressLink: link.id, quizSession: quiz.sessionId, question, requirement, badge,
      equipmentItem, equipmentLoan, equipmentReservation,
      fiche, ficheSlug, ficheImage, visitReport,
      consultation, proposal,
      shuttleRequest, shuttleTour,
      teamAssignment, teamAbsence, teamRequirement,
      notice, volunteerHours, surveySession, exportJob,
    },
    capabilities: { registrationToken, feedFile, appointmentToken, quizToken, progressToken, teamFeedFile, surveyToken },
    freeSlot,
    secrets,
    personName: names.get(person)!,
    freshPerson,
    freshStaff,
    freshToken,
    freshFederationToken,
    freshPartnerCommune,
    freshSession,
    freshRegistration,
    freshAppointment,
    freshOpening,
    freshAbsence,
    freshModule,
    freshEnrolment,
    freshRequirement,
    freshEquipmentItem,
    freshEquipmentLoan,
    freshEquipmentReservation,
    freshShuttleRequest,
    freshShuttleTour,
    freshFicheImage,
    freshTeamAssignment,
    freshTeamAbsence,
    freshTeamRequirement,
    freshVolunteerHours,
    newClient,
    dayFromNow,
  };
}

/**
 * Which resource a path parameter names, by the route's address. A route whose parameter is
 * not covered here fails both tests until it is added.
 */
const PARAM_SOURCES: [RegExp, string, (w: World) => string][] = [
  [/^\/exports\//, 'id', (w) => w.ids.exportJob],
  // help desk (before /personnes, whose prefix it shares nothing with, but keep the specific first)
  [/^\/permanences\/personnes\//, 'id', (w) => w.ids.person],
  [/^\/(permanences\/rendez-vous|api\/v1\/helpdesk\/appointments)\//, 'id', (w) => w.ids.appointment],
  [/^\/(permanences\/motifs|api\/v1\/helpdesk\/motifs)\//, 'id', (w) => w.ids.motif],
  [/^\/(permanences\/horaires|api\/v1\/helpdesk\/openings)\//, 'id', (w) => w.ids.opening],
  [/^\/(permanences\/absences|api\/v1\/helpdesk\/absences)\//, 'id', (w) => w.ids.absence],
  [/^\/rendez-vous\//, 'token', (w) => w.capabilities.appointmentToken],
  // pathways
  [/^\/parcours\/modules\//, 'id', (w) => w.ids.module],
  [/^\/(parcours\/inscriptions|api\/v1\/enrolments)\//, 'id', (w) => w.ids.enrolment],
  [/^\/parcours\/inscriptions\/:id\/liens\//, 'linkId', (w) => w.ids.progressLink],
  [/\/attestations\/:file/, 'file', (w) => `${w.ids.badge}.pdf`],
  [/\/badges\/:file/, 'file', (w) => `${w.ids.badge}.json`],
  [/^\/(parcours\/questionnaires|api\/v1\/quiz-sessions)\//, 'id', (w) => w.ids.quizSession],
  [/^\/parcours\/questions\//, 'id', (w) => w.ids.question],
  [/^\/parcours\/equipe\/exigences\//, 'id', (w) => w.ids.requirement],
  [/^\/(parcours|mes-formations|api\/v1\/pathways)\//, 'id', (w) => w.ids.pathway],
  [/^\/referentiel\/savoir-faire\//, 'id', (w) => w.ids.skill],
  [/^\/questionnaire\//, 'token', (w) => w.capabilities.quizToken],
  [/^\/progression\//, 'token', (w) => w.capabilities.progressToken],
  [/^\/progression\/:token\/badges\//, 'badgeId', (w) => w.ids.badge],
  [/^\/badges\/(emetteurs|referentiel)\//, 'id', (w) => w.centerId],
  [/^\/(badges|api\/v1\/badges)\//, 'id', (w) => w.ids.badge],
  // resources
  [/^\/ressources\/images\//, 'id', (w) => w.ids.ficheImage],
  [/^\/fiches-pratiques\/:id\/images\//, 'imageId', (w) => w.ids.ficheImage],
  [/^\/fiches-pratiques\/visites\//, 'id', (w) => w.ids.visitReport],
  [/^\/fiches-pratiques\/personnes\//, 'id', (w) => w.ids.person],
  [/^\/ressources\//, 'slug', (w) => w.ids.ficheSlug],
  [/^\/(fiches-pratiques|api\/v1\/resources\/fiches)\//, 'id', (w) => w.ids.fiche],
  // forums
  [/^\/(forums\/themes|consultations\/themes|api\/v1\/forums\/proposals)\//, 'id', (w) => w.ids.proposal],
  [/^\/(forums|consultations|api\/v1\/forums\/consultations)\//, 'id', (w) => w.ids.consultation],
  // people, centre, activities
  [/^\/(personnes|api\/v1\/persons)\//, 'id', (w) => w.ids.person],
  [/^\/(centre\/lieux|api\/v1\/sites)\//, 'id', (w) => w.ids.site],
  [/^\/(centre\/communes|api\/v1\/partner-communes)\//, 'id', (w) => w.ids.partnerCommune],
  [/^\/(centre\/equipe|api\/v1\/users)\//, 'id', (w) => w.ids.targetUser],
  [/^\/centre\/jetons\//, 'id', (w) => w.ids.token],
  [/^\/(federation\/jetons|api\/v1\/federation\/tokens)\//, 'id', (w) => w.ids.federationToken],
  [/^\/centre\/deux-etapes\//, 'id', (w) => w.ids.targetUser],
  [/^\/(activites|programme|api\/v1\/activities)\//, 'id', (w) => w.ids.activity],
  [/^\/(seances|api\/v1\/sessions)\//, 'id', (w) => w.ids.session],
  [/^\/(inscriptions|api\/v1\/registrations)\//, 'id', (w) => w.ids.registration],
  [/^\/inscription\//, 'token', (w) => w.capabilities.registrationToken],
  [/^\/avis\//, 'token', (w) => w.capabilities.surveyToken],
  [/^\/agenda\//, 'file', (w) => w.capabilities.feedFile],
  // equipment
  [/^\/(materiel\/gestion\/objets|api\/v1\/equipment\/items)\//, 'id', (w) => w.ids.equipmentItem],
  [/^\/(materiel\/gestion\/prets|api\/v1\/equipment\/loans)\//, 'id', (w) => w.ids.equipmentLoan],
  [/^\/(materiel\/gestion\/reservations|api\/v1\/equipment\/reservations)\//, 'id', (w) => w.ids.equipmentReservation],
  [/^\/materiel\/gestion\/personnes\//, 'id', (w) => w.ids.person],
  // navette
  [/^\/(navette\/demandes|api\/v1\/shuttle\/requests)\//, 'id', (w) => w.ids.shuttleRequest],
  [/^\/(navette\/tournees|api\/v1\/shuttle\/tours)\//, 'id', (w) => w.ids.shuttleTour],
  [/^\/static\/leaflet\/images\//, '*', () => 'marker-icon.png'],
  // team (the notice board's and volunteer hours' paths before the generic /equipe/:id)
  [/^\/(equipe\/annonces|api\/v1\/team\/notices)\//, 'id', (w) => w.ids.notice],
  [/^\/(equipe\/benevolat|api\/v1\/team\/volunteer-hours)\//, 'id', (w) => w.ids.volunteerHours],
  [/^\/(equipe\/affectations|api\/v1\/team\/assignments)\//, 'id', (w) => w.ids.teamAssignment],
  [/^\/equipe\/formations-requises\//, 'id', (w) => w.ids.teamRequirement],
  [/^\/equipe\/:id\/absences\//, 'absenceId', (w) => w.ids.teamAbsence],
  [/^\/(equipe|api\/v1\/team\/members)\//, 'id', (w) => w.ids.targetUser],
  [/^\/calendrier\//, 'file', (w) => w.capabilities.teamFeedFile],
  // reports
  [/^\/rapports\/financeurs\//, 'report', () => 'carsat.xlsx'],
  [/^\/rapports\//, 'table', () => 'mois.csv'],
  [/^\/api\/v1\/reports\/funders\//, 'funder', () => 'carsat'],
  // no resource
  [/^\/preferences\/langue\//, 'locale', () => 'fr'],
  [/^\/api\/docs\/static\//, '*', () => 'index.html'],
];

export function paramNames(url: string): string[] {
  return [...url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
}

/** A concrete address for a route pattern, with `overrides` first, then the world's resources. */
export function concreteUrl(url: string, world: World, overrides: Record<string, string> = {}): string {
  return url.replace(/:(\w+)|\*/g, (_, name: string | undefined) => {
    const key = name ?? '*';
    if (overrides[key] !== undefined) return encodeURIComponent(overrides[key]);
    const source = PARAM_SOURCES.find(([re, param]) => param === key && re.test(url));
    if (!source) throw new Error(`no resource known for :${key} in ${url} — add it to PARAM_SOURCES in tests/integration/world.ts`);
    return key === '*' ? source[2](world) : encodeURIComponent(source[2](world));
  });
}

/** Routes as the app registered them, without the HEAD twins Fastify adds to every GET. */
export function registeredRoutes(app: FastifyInstance): RouteInfo[] {
  const seen = new Set<string>();
  return app.routeList.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (r.method === 'HEAD' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function isLoginRedirect(response: { statusCode: number; headers: Record<string, unknown> }): boolean {
  return response.statusCode === 303 && String(response.headers.location ?? '').startsWith('/connexion');
}

