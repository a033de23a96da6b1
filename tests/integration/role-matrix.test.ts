import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, type Permission } from '../../src/platform/auth/roles.ts';
import { admitted } from '../../src/platform/http/access.ts';
import { createTestApp, type Client, type TestApp } from '../support/app.ts';
import { buildWorld, concreteUrl, EVERYONE, isLoginRedirect, registeredRoutes, type Who, type World } from './world.ts';

/**
 * The role × route matrix (QUALITY.md): every route the application registers is declared
 * here with who may use it, and each role — plus an anonymous visitor — is sent to it.
 * A role that may not gets 403 (401 from the API, or a redirect to the sign-in page when
 * anonymous); a role that may gets anything else but never a 5xx. A route missing from
 * the table fails the test: declaring who may use it is part of adding it.
 *
 * Requests carry valid input (the API validates bodies before the handler runs, so an invalid
 * body would hide the permission check behind a 400). Forbidden roles go first, so that what
 * they are refused is still there; routes that consume their target get a fresh one each time.
 */

type Access =
  /** Anyone, signed in or not. */
  | 'public'
  /** Any signed-in staff member. */
  | 'staff'
  | Permission
  | readonly Who[];

interface Spec {
  access: Access;
  /** Path parameters to use instead of the world's defaults, made anew for every request when `fresh`. */
  params?: (w: World) => Record<string, string> | Promise<Record<string, string>>;
  fresh?: boolean;
  /** Body of a form post (the CSRF token is added) or of a JSON request. */
  form?: (w: World) => Record<string, string | string[]>;
  json?: (w: World) => unknown | Promise<unknown>;
  query?: string;
  queryOf?: (w: World) => string;
  /** The request ends the caller's session: use a client of its own. */
  ownSession?: boolean;
  /** The answer is a redirect to the sign-in page by design (signing out), not a refusal. */
  endsAtLogin?: boolean;
}

const p = (access: Access, rest: Omit<Spec, 'access'> = {}): Spec => ({ access, ...rest });
const freshPerson = async (w: World) => ({ id: await w.freshPerson() });

const MATRIX: Record<string, Spec> = {
  // — platform —
  'GET /api/docs': p('public'),
  'GET /api/docs/static/index.html': p('public'),
  'GET /api/docs/static/swagger-initializer.js': p('public'),
  'GET /api/docs/json': p('public'),
  'GET /api/docs/yaml': p('public'),
  'GET /api/docs/static/*': p('public'),
  'GET /api/openapi.json': p('public'),
  'GET /static/app.css': p('public'),
  'GET /static/favicon.svg': p('public'),
  'GET /health': p('public'),
  'GET /connexion': p('public'),
  'POST /connexion': p('public', { form: () => ({ email: 'personne@exemple.fr', password: 'pas le bon mot de passe' }) }),
  'POST /deconnexion': p('public', { ownSession: true, endsAtLogin: true }),
  'GET /mot-de-passe/oublie': p('public'),
  'POST /mot-de-passe/oublie': p('public', { form: () => ({ email: 'inconnu@exemple.fr' }) }),
  'GET /mot-de-passe/envoye': p('public'),
  // An unknown reset token answers 400 to everyone: nothing to refuse.
  'GET /mot-de-passe/nouveau': p('public', { query: 'jeton=inconnu' }),
  'POST /mot-de-passe/nouveau': p('public', { form: () => ({ jeton: 'inconnu', password: 'une phrase assez longue' }) }),
  'POST /preferences/lisible': p('public', { form: () => ({ retour: '/' }) }),
  'GET /preferences/langue/:locale': p('public'),

  // — home —
  'GET /': p('public'),
  'GET /tableau-de-bord': p('staff'),
  'GET /accessibilite': p('public'),
  'GET /mentions-legales': p('public'),
  'GET /donnees-personnelles': p('public'),
  'GET /contact': p('public'),
  'GET /messages': p('outbox.read'),

  // — centre: pages —
  'GET /centre': p('centre.manage'),
  'GET /centre/modifier': p('centre.manage'),
  'POST /centre/modifier': p('centre.manage', { form: (w) => ({ name: `Centre ${w.tag}`, commune: '59122', address: '', postalCode: '', phone: '', email: '', openingHours: '' }) }),
  'GET /centre/lieux': p('centre.manage'),
  'GET /centre/lieux/nouveau': p('centre.manage'),
  'POST /centre/lieux/nouveau': p('centre.manage', { form: () => ({ name: 'Nouvelle salle', kind: 'village_hall', commune: '59122', address: '', accessibility: '' }) }),
  'GET /centre/lieux/:id': p('centre.manage'),
  'POST /centre/lieux/:id': p('centre.manage', { form: (w) => ({ name: `Salle ${w.tag}`, kind: 'studio', commune: '59122', address: '', accessibility: '' }) }),
  'POST /centre/lieux/:id/archiver': p('centre.manage'),
  'POST /centre/lieux/:id/reactiver': p('centre.manage'),
  'GET /centre/communes': p('centre.manage'),
  'POST /centre/communes': p('centre.manage', { form: () => ({ commune: '59512', contactName: '', contactEmail: '' }) }),
  'GET /centre/communes/:id': p('centre.manage'),
  'POST /centre/communes/:id': p('centre.manage', { form: () => ({ contactName: 'Mairie', contactEmail: '' }) }),
  'POST /centre/communes/:id/retirer': p('centre.manage', { fresh: true, params: async (w) => ({ id: await w.freshPartnerCommune() }) }),
  'GET /centre/equipe': p('users.manage'),
  'GET /centre/equipe/nouveau': p('users.manage'),
  'POST /centre/equipe/nouveau': p('users.manage', { form: () => ({ displayName: 'Nouvelle recrue', email: `recrue-${Math.random().toString(36).slice(2)}@exemple.fr`, role: 'volunteer' }) }),
  'GET /centre/equipe/:id': p('users.manage'),
  'POST /centre/equipe/:id': p('users.manage', { form: () => ({ displayName: 'Cible renommée', role: 'volunteer' }) }),
  'POST /centre/equipe/:id/desactiver': p('users.manage', { fresh: true, params: async (w) => ({ id: await w.freshStaff() }) }),
  'POST /centre/equipe/:id/reactiver': p('users.manage'),
  'POST /centre/equipe/:id/invitation': p('users.manage'),
  'GET /centre/jetons': p('users.manage'),
  'POST /centre/jetons': p('users.manage', { form: () => ({ name: 'Tableur', role: 'facilitator' }) }),
  'POST /centre/jetons/:id/revoquer': p('users.manage', { fresh: true, params: async (w) => ({ id: await w.freshToken() }) }),

  // — centre: API —
  'GET /api/v1/centre': p('centre.read'),
  'PATCH /api/v1/centre': p('centre.manage', { json: () => ({}) }),
  'GET /api/v1/sites': p('centre.read'),
  'POST /api/v1/sites': p('centre.manage', { json: () => ({ name: 'Salle API', kind: 'village_hall', communeInsee: '59122' }) }),
  'GET /api/v1/sites/:id': p('centre.read'),
  'PATCH /api/v1/sites/:id': p('centre.manage', { json: () => ({}) }),
  'GET /api/v1/partner-communes': p('centre.read'),
  'POST /api/v1/partner-communes': p('centre.manage', { json: () => ({ communeInsee: '59599' }) }),
  'PATCH /api/v1/partner-communes/:id': p('centre.manage', { json: () => ({ contactName: 'Mairie' }) }),
  'DELETE /api/v1/partner-communes/:id': p('centre.manage', { fresh: true, params: async (w) => ({ id: await w.freshPartnerCommune() }) }),
  'GET /api/v1/users': p('users.manage'),
  'POST /api/v1/users': p('users.manage', { json: () => ({ displayName: 'Recrue API', email: `api-${Math.random().toString(36).slice(2)}@exemple.fr`, role: 'volunteer' }) }),
  'GET /api/v1/users/:id': p('users.manage'),
  'PATCH /api/v1/users/:id': p('users.manage', { json: () => ({ displayName: 'Cible API' }) }),

  // — people: pages —
  'GET /personnes': p('persons.read'),
  'GET /personnes/nouvelle': p('persons.write'),
  'POST /personnes/nouvelle': p('persons.write', { form: () => ({}) }),
  'GET /personnes/:id': p('persons.read'),
  'GET /personnes/:id/modifier': p('persons.write'),
  'POST /personnes/:id/modifier': p('persons.write', { form: () => ({}) }),
  'GET /personnes/:id/fusionner': p('persons.merge'),
  'POST /personnes/:id/fusionner': p('persons.merge', { form: () => ({}) }),
  'GET /personnes/:id/export': p('persons.export'),
  'GET /personnes/:id/effacer': p('persons.erase'),
  'POST /personnes/:id/effacer': p('persons.erase', { fresh: true, params: freshPerson, form: () => ({ confirm: 'oui' }) }),

  // — people: API —
  'GET /api/v1/persons': p('persons.read'),
  'POST /api/v1/persons': p('persons.write', { json: () => ({ firstName: 'Api', lastName: `Personne${Math.random().toString(36).slice(2, 8)}`, confirmNotDuplicate: true }) }),
  'GET /api/v1/persons/:id': p('persons.read'),
  'PATCH /api/v1/persons/:id': p('persons.write', { json: () => ({}) }),
  'DELETE /api/v1/persons/:id': p('persons.erase', { fresh: true, params: freshPerson }),
  'GET /api/v1/persons/:id/export': p('persons.export'),
  'POST /api/v1/persons/:id/merge': p('persons.merge', { fresh: true, params: freshPerson, json: (w) => ({ duplicateId: w.ids.otherPerson }) }),
  'GET /api/v1/communes': p('persons.write', { query: 'q=Cam' }),

  // — activities: staff pages —
  'GET /programme': p('activities.read'),
  'GET /programme/nouvelle': p('activities.manage'),
  'POST /programme/nouvelle': p('activities.manage', { form: () => ({}) }),
  'GET /programme/:id': p('activities.read'),
  'GET /programme/:id/modifier': p('activities.manage'),
  'POST /programme/:id/modifier': p('activities.manage', { form: () => ({}) }),
  'POST /programme/:id/archiver': p('activities.manage', { fresh: true, params: async (w) => ({ id: (await w.freshSession()).activity }) }),
  'POST /programme/:id/publier': p('activities.manage', { fresh: true, params: async (w) => ({ id: (await w.freshSession()).activity }) }),
  'GET /seances/:id': p('activities.read'),
  'GET /seances/:id/deplacer': p('activities.manage'),
  'POST /seances/:id/deplacer': p('activities.manage', { form: () => ({}) }),
  'GET /seances/:id/annuler': p('activities.manage'),
  'POST /seances/:id/annuler': p('activities.manage', { fresh: true, params: async (w) => ({ id: (await w.freshSession()).session }), form: () => ({ reason: '' }) }),
  'GET /seances/:id/inscrire': p('activities.register'),
  'POST /seances/:id/inscrire': p('activities.register', { form: () => ({}) }),
  'GET /inscriptions/:id/annuler': p('activities.register'),
  'POST /inscriptions/:id/annuler': p('activities.register', { fresh: true, params: async (w) => ({ id: await w.freshRegistration() }) }),
  'POST /inscriptions/:id/rapprochement': p('activities.register', { form: () => ({ same: 'oui' }) }),
  'GET /seances/:id/presences': p('activities.attendance'),
  'POST /seances/:id/presences': p('activities.attendance', { form: () => ({}) }),
  'POST /seances/:id/presences/ajout': p('activities.attendance', { form: () => ({}) }),
  'GET /seances/:id/emargement.pdf': p('activities.attendance'),
  'GET /agenda': p('activities.read'),
  'POST /agenda': p('activities.read'),
  'GET /personnes/:id/activites': p('activities.read'),
  'GET /personnes/:id/inscrire': p('activities.register'),
  'POST /personnes/:id/inscrire': p('activities.register', { form: () => ({}) }),

  // — activities: public pages (residents, no account) and capability links —
  'GET /activites': p('public'),
  'GET /activites/:id': p('public'),
  'GET /agenda.ics': p('public'),
  'GET /agenda/:file': p('public'),
  'GET /activites/:id/inscription': p('public'),
  'POST /activites/:id/inscription': p('public', { form: () => ({}) }),
  'GET /activites/:id/inscription/participant': p('public'),
  'POST /activites/:id/inscription/participant': p('public', { form: () => ({}) }),
  'GET /activites/:id/inscription/responsable': p('public'),
  'POST /activites/:id/inscription/responsable': p('public', { form: () => ({}) }),
  'GET /activites/:id/inscription/contact': p('public'),
  'POST /activites/:id/inscription/contact': p('public', { form: () => ({}) }),
  'GET /activites/:id/inscription/verifier': p('public'),
  'POST /activites/:id/inscription/verifier': p('public', { form: () => ({}) }),
  'GET /inscription/:token': p('public'),
  'GET /inscription/:token/annuler': p('public'),
  'GET /inscription/:token/agenda.ics': p('public'),
  'POST /inscription/:token/annuler': p('public'),

  // — activities: API —
  'GET /api/v1/activities': p('activities.read'),
  'POST /api/v1/activities': p('activities.manage', {
    json: (w) => ({ title: 'Atelier API', kind: 'atelier', audience: 'adultes', theme: 'email', level: 'debutant', siteId: w.ids.site, capacity: 8, schedule: { kind: 'single', date: w.dayFromNow(12), startTime: '10:00', endTime: '12:00' } }),
  }),
  'GET /api/v1/activities/:id': p('activities.read'),
  'PATCH /api/v1/activities/:id': p('activities.manage', { json: () => ({}) }),
  'DELETE /api/v1/activities/:id': p('activities.manage', { fresh: true, params: async (w) => ({ id: (await w.freshSession()).activity }) }),
  'GET /api/v1/activities/:id/sessions': p('activities.read'),
  'PATCH /api/v1/sessions/:id': p('activities.manage', { json: () => ({}) }),
  'GET /api/v1/sessions/:id/registrations': p('activities.read'),
  'POST /api/v1/sessions/:id/registrations': p('activities.register', { fresh: true, params: async (w) => ({ id: w.ids.session }), json: (w) => ({ personId: w.ids.otherPerson }) }),
  'DELETE /api/v1/registrations/:id': p('activities.register', { fresh: true, params: async (w) => ({ id: await w.freshRegistration() }) }),
  'GET /api/v1/sessions/:id/attendance': p('activities.attendance'),
  'PUT /api/v1/sessions/:id/attendance': p('activities.attendance', { json: () => ({ entries: [] }) }),
  'GET /api/v1/sessions/:id/sign-in-sheet.pdf': p('activities.attendance'),
  'GET /api/v1/public/activities': p('public'),

  // — help desk: residents' booking pages and signed "manage" links —
  'GET /rendez-vous': p('public'),
  'GET /rendez-vous/lieu': p('public', { query: 'motif=' }),
  'GET /rendez-vous/creneau': p('public'),
  'GET /rendez-vous/coordonnees': p('public'),
  'POST /rendez-vous/coordonnees': p('public', { form: () => ({}) }),
  'GET /rendez-vous/verifier': p('public'),
  'POST /rendez-vous/confirmer': p('public', { form: () => ({}) }),
  'GET /rendez-vous/confirmation/:token': p('public'),
  'GET /rendez-vous/gerer/:token': p('public'),
  'GET /rendez-vous/gerer/:token/annuler': p('public'),
  'GET /rendez-vous/gerer/:token/agenda.ics': p('public'),
  'POST /rendez-vous/gerer/:token/annuler': p('public'),
  'GET /rendez-vous/gerer/:token/changer': p('public'),
  'POST /rendez-vous/gerer/:token/changer': p('public', { form: () => ({}) }),

  // — help desk: the desk —
  'GET /permanences': p('helpdesk.desk'),
  'POST /permanences/passages': p('helpdesk.desk', { form: () => ({}) }),
  'GET /permanences/semaine': p('helpdesk.overview'),
  'GET /permanences/rendez-vous/nouveau': p('helpdesk.desk'),
  'POST /permanences/rendez-vous': p('helpdesk.desk', { form: () => ({}) }),
  'GET /permanences/rendez-vous/:id': p('helpdesk.desk'),
  'POST /permanences/rendez-vous/:id/issue': p('helpdesk.desk', { form: () => ({ outcome: 'seen' }) }),
  'POST /permanences/rendez-vous/:id/annuler': p('helpdesk.desk', { fresh: true, params: async (w) => ({ id: await w.freshAppointment() }) }),
  'GET /permanences/rendez-vous/:id/deplacer': p('helpdesk.desk'),
  'POST /permanences/rendez-vous/:id/deplacer': p('helpdesk.desk', { form: () => ({}) }),
  'GET /permanences/rendez-vous/:id/compte-rendu': p('helpdesk.desk'),
  'POST /permanences/rendez-vous/:id/compte-rendu': p('helpdesk.desk', { form: () => ({}) }),
  'GET /permanences/accompagnements': p('helpdesk.desk'),
  'GET /permanences/accompagnements/nouveau': p('helpdesk.desk'),
  'POST /permanences/accompagnements': p('helpdesk.desk', { form: () => ({}) }),
  'GET /permanences/personnes/:id': p('helpdesk.desk'),
  // — help desk: settings —
  'GET /permanences/motifs': p('helpdesk.manage'),
  'GET /permanences/motifs/nouveau': p('helpdesk.manage'),
  'POST /permanences/motifs': p('helpdesk.manage', { form: () => ({}) }),
  'GET /permanences/motifs/:id': p('helpdesk.manage'),
  'POST /permanences/motifs/:id': p('helpdesk.manage', { form: () => ({}) }),
  'GET /permanences/horaires': p('helpdesk.manage'),
  'GET /permanences/horaires/nouvelle': p('helpdesk.manage'),
  'POST /permanences/horaires': p('helpdesk.manage', { form: () => ({}) }),
  'POST /permanences/horaires/:id/supprimer': p('helpdesk.manage', { fresh: true, params: async (w) => ({ id: await w.freshOpening() }) }),
  'GET /permanences/absences/nouvelle': p('helpdesk.manage'),
  'POST /permanences/absences': p('helpdesk.manage', { form: () => ({}) }),
  'POST /permanences/absences/:id/supprimer': p('helpdesk.manage', { fresh: true, params: async (w) => ({ id: await w.freshAbsence() }) }),
  'GET /permanences/reglages': p('helpdesk.manage'),
  'POST /permanences/reglages': p('helpdesk.manage', { form: () => ({}) }),

  // — help desk: API —
  'GET /api/v1/helpdesk/motifs': p('helpdesk.desk'),
  'POST /api/v1/helpdesk/motifs': p('helpdesk.manage', { json: () => ({ name: 'Motif API', procedureCategory: 'logement' }) }),
  'PATCH /api/v1/helpdesk/motifs/:id': p('helpdesk.manage', { json: (w) => ({ name: `Motif${w.tag}`, procedureCategory: 'argent_impots' }) }),
  'GET /api/v1/helpdesk/openings': p('helpdesk.desk'),
  'POST /api/v1/helpdesk/openings': p('helpdesk.manage', {
    json: (w) => ({ siteId: w.ids.site, weekday: 2, startTime: '20:00', endTime: '21:00', startsOn: w.dayFromNow(300), motifIds: [w.ids.motif] }),
  }),
  'DELETE /api/v1/helpdesk/openings/:id': p('helpdesk.manage', { fresh: true, params: async (w) => ({ id: await w.freshOpening() }) }),
  'GET /api/v1/helpdesk/absences': p('helpdesk.desk'),
  'POST /api/v1/helpdesk/absences': p('helpdesk.manage', { json: (w) => ({ siteId: w.ids.site, firstDay: w.dayFromNow(250) }) }),
  'DELETE /api/v1/helpdesk/absences/:id': p('helpdesk.manage', { fresh: true, params: async (w) => ({ id: await w.freshAbsence() }) }),
  // Public: the slots of a public motif, for residents booking without an account.
  'GET /api/v1/helpdesk/slots': p('public', { queryOf: (w) => `motif=${w.ids.motif}` }),
  'GET /api/v1/helpdesk/appointments': p('helpdesk.desk'),
  // A resident books without an account; signed in, it is a staff booking, which needs the desk
  // (so a partner account, with no desk, is refused).
  'POST /api/v1/helpdesk/appointments': p([...PERMISSIONS['helpdesk.desk'], 'anonymous'], {
    json: async (w) => ({ ...(await w.freeSlot()), firstName: 'Résidente', lastName: 'En ligne', email: 'residente@exemple.fr', reminder: 'none', consent: true }),
  }),
  'GET /api/v1/helpdesk/appointments/:id': p('helpdesk.desk'),
  'PATCH /api/v1/helpdesk/appointments/:id': p('helpdesk.desk', { json: () => ({ action: 'outcome', outcome: 'seen' }) }),
  'POST /api/v1/helpdesk/drop-ins': p('helpdesk.desk', { json: (w) => ({ siteId: w.ids.site, motifId: w.ids.motif, personId: w.ids.otherPerson }) }),
  'GET /api/v1/helpdesk/settings': p('helpdesk.desk'),
  'PUT /api/v1/helpdesk/settings': p('helpdesk.manage', { json: () => ({ cancelUntilHours: 24 }) }),
  'GET /api/v1/accompaniments': p('helpdesk.desk'),
  'POST /api/v1/accompaniments': p('helpdesk.desk', {
    json: (w) => ({ personId: w.ids.otherPerson, durationMinutes: 20, placeType: 'lieu_activite', equipment: ['telephone'], themes: ['sante'], autonomy: 'autonome' }),
  }),

  // — pathways: staff pages —
  'GET /static/pathways.css': p('public'),
  'GET /parcours': p('pathways.read'),
  'GET /parcours/nouveau': p('pathways.manage'),
  'POST /parcours/nouveau': p('pathways.manage', { form: () => ({}) }),
  'GET /parcours/:id': p('pathways.read'),
  'GET /parcours/:id/modifier': p('pathways.manage'),
  'POST /parcours/:id/modifier': p('pathways.manage', { form: () => ({}) }),
  'POST /parcours/:id/archiver': p('pathways.manage'),
  'POST /parcours/:id/rouvrir': p('pathways.manage'),
  'GET /parcours/:id/modules/nouveau': p('pathways.manage'),
  'POST /parcours/:id/modules/nouveau': p('pathways.manage', { form: () => ({}) }),
  'GET /parcours/modules/:id/modifier': p('pathways.manage'),
  'POST /parcours/modules/:id/modifier': p('pathways.manage', { form: () => ({}) }),
  'POST /parcours/modules/:id/monter': p('pathways.manage'),
  'POST /parcours/modules/:id/descendre': p('pathways.manage'),
  'POST /parcours/modules/:id/supprimer': p('pathways.manage', { fresh: true, params: async (w) => ({ id: await w.freshModule() }) }),
  'GET /parcours/:id/inscrire': p('pathways.enrol'),
  'POST /parcours/:id/inscrire': p('pathways.enrol', { form: () => ({}) }),
  'GET /parcours/inscriptions/:id': p('pathways.enrol'),
  'POST /parcours/inscriptions/:id/arreter': p('pathways.enrol', { fresh: true, params: async (w) => ({ id: await w.freshEnrolment() }) }),
  'GET /parcours/inscriptions/:id/evaluation': p('pathways.evaluate'),
  'POST /parcours/inscriptions/:id/evaluation': p('pathways.evaluate', { form: () => ({}) }),
  'GET /parcours/inscriptions/:id/positionnement': p('pathways.evaluate'),
  'POST /parcours/inscriptions/:id/positionnement': p('pathways.evaluate', { form: () => ({}) }),
  'POST /parcours/inscriptions/:id/questionnaire': p('pathways.enrol'),
  'GET /parcours/questionnaires/:id': p('pathways.enrol'),
  // Ends the caller's session and turns the browser into a quiz kiosk.
  'POST /parcours/questionnaires/:id/tablette': p('pathways.enrol', { ownSession: true }),
  'POST /parcours/inscriptions/:id/liens': p('pathways.enrol'),
  'POST /parcours/inscriptions/:id/liens/:linkId/desactiver': p('pathways.enrol'),
  'GET /parcours/inscriptions/:id/livret.pdf': p('pathways.enrol'),
  'GET /parcours/inscriptions/:id/attestations/:file': p('pathways.enrol'),
  'GET /parcours/inscriptions/:id/badges/:file': p('pathways.enrol'),
  'GET /referentiel': p('pathways.read'),
  'GET /referentiel/export.json': p('pathways.read'),
  'POST /referentiel/import': p('framework.manage', { form: () => ({}) }),
  'GET /referentiel/savoir-faire/nouveau': p('framework.manage'),
  'POST /referentiel/savoir-faire/nouveau': p('framework.manage', { form: () => ({}) }),
  'GET /referentiel/savoir-faire/:id/modifier': p('framework.manage'),
  'POST /referentiel/savoir-faire/:id/modifier': p('framework.manage', { form: () => ({}) }),
  'POST /referentiel/savoir-faire/:id/retirer': p('framework.manage'),
  'POST /referentiel/savoir-faire/:id/retablir': p('framework.manage'),
  'POST /referentiel/savoir-faire/:id/monter': p('framework.manage'),
  'POST /referentiel/savoir-faire/:id/descendre': p('framework.manage'),
  'GET /parcours/questions': p('pathways.questions'),
  'GET /parcours/questions/nouvelle': p('pathways.questions'),
  'POST /parcours/questions/nouvelle': p('pathways.questions', { form: () => ({}) }),
  'GET /parcours/questions/:id/modifier': p('pathways.questions'),
  'POST /parcours/questions/:id/modifier': p('pathways.questions', { form: () => ({}) }),
  'POST /parcours/questions/:id/retirer': p('pathways.questions'),
  'POST /parcours/questions/:id/remettre': p('pathways.questions'),
  'GET /parcours/equipe': p('pathways.team'),
  'POST /parcours/equipe/exigences': p('pathways.training', { form: () => ({}) }),
  'POST /parcours/equipe/exigences/:id/supprimer': p('pathways.training', { fresh: true, params: async (w) => ({ id: await w.freshRequirement() }) }),
  // A staff member's own training.
  'GET /mes-formations': p('pathways.read'),
  'POST /mes-formations/:id': p('pathways.read'),

  // — pathways: the learner's signed links and public badge verification —
  'GET /questionnaire/:token': p('public'),
  'POST /questionnaire/:token': p('public', { form: () => ({}) }),
  // Kiosk pages: only a browser holding a kiosk cookie (pathways.test.ts), no account.
  'GET /kiosque/questionnaire': p([]),
  'POST /kiosque/questionnaire': p([], { form: () => ({}) }),
  'POST /kiosque/rendre': p([], { form: () => ({ motDePasse: 'x' }) }),
  'POST /kiosque/quitter': p([], { form: () => ({}) }),
  'GET /progression/:token': p('public'),
  'POST /progression/:token/auto-evaluation': p('public', { form: () => ({}) }),
  'POST /progression/:token/badges/:badgeId/visibilite': p('public', { form: () => ({}) }),
  'GET /progression/:token/livret.pdf': p('public'),
  'GET /progression/:token/attestations/:file': p('public'),
  'GET /progression/:token/badges/:file': p('public'),
  'GET /badges/:id': p('public'),
  'GET /badges/emetteurs/:id': p('public'),
  'GET /badges/referentiel/:id': p('public'),

  // — pathways: API —
  'GET /api/v1/framework': p('pathways.read'),
  'POST /api/v1/framework': p('framework.manage', { json: () => ({}) }),
  'GET /api/v1/pathways': p('pathways.read'),
  'POST /api/v1/pathways': p('pathways.manage', {
    json: (w) => ({ title: 'Parcours API', audience: 'adultes', modules: [{ title: 'Premier module', level: 'debutant', suggestedSessions: 1, skillIds: [w.ids.skill] }] }),
  }),
  'GET /api/v1/pathways/:id': p('pathways.read'),
  'POST /api/v1/pathways/:id/enrolments': p('pathways.enrol', { fresh: true, params: (w) => ({ id: w.ids.pathway }), json: (w) => ({ personId: w.ids.otherPerson }) }),
  'POST /api/v1/enrolments/:id/evaluations': p('pathways.evaluate', { json: (w) => ({ results: [{ skillId: w.ids.skill, status: 'en_cours' }] }) }),
  'GET /api/v1/enrolments/:id/progress': p('pathways.enrol'),
  'POST /api/v1/quiz-sessions': p('pathways.enrol', { json: (w) => ({ enrolmentId: w.ids.enrolment }) }),
  'GET /api/v1/quiz-sessions/:id': p('pathways.enrol'),
  'POST /api/v1/quiz-sessions/:id/answers': p('pathways.enrol', { json: (w) => ({ questionId: w.ids.question, choiceId: null }) }),
  'POST /api/v1/questions': p('pathways.questions', {
    json: (w) => ({ skillId: w.ids.skill, prompt: 'Une question ?', choices: [{ label: 'Oui', correct: true }, { label: 'Non', correct: false }] }),
  }),
  'GET /api/v1/badges/:id': p('pathways.enrol'),
};

function allowedRoles(access: Access): readonly Who[] {
  if (access === 'public') return EVERYONE;
  if (access === 'staff') return ROLES;
  if (typeof access === 'string') return PERMISSIONS[access];
  return access;
}

async function send(client: Client, method: string, url: string, spec: Spec, w: World): Promise<LightMyRequestResponse> {
  const isApi = url.startsWith('/api/');
  if (method === 'GET') return client.get(url);
  if (isApi) return client.api(method as 'POST', url, spec.json ? await spec.json(w) : undefined);
  if (method !== 'POST') throw new Error(`page routes only take GET and POST: ${method} ${url}`);
  return client.post(url, spec.form ? spec.form(w) : {});
}

function describeResponse(r: LightMyRequestResponse): string {
  const location = r.headers.location ? ` → ${String(r.headers.location)}` : '';
  const body = r.headers['content-type']?.toString().includes('json') ? ` ${r.body.slice(0, 200)}` : '';
  return `${r.statusCode}${location}${body}`;
}

describe('role × route matrix', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t.app, 'Matrice', 'Centre social de la Matrice');
  });
  afterAll(() => t?.close());

  it('declares every registered route, and nothing that is not registered', () => {
    const registered = registeredRoutes(t.app).map((r) => `${r.method} ${r.url}`);
    const undeclared = registered.filter((key) => !(key in MATRIX));
    const stale = Object.keys(MATRIX).filter((key) => !registered.includes(key));
    expect(undeclared, 'routes missing from MATRIX in tests/integration/role-matrix.test.ts — declare who may use them').toEqual([]);
    expect(stale, 'routes in MATRIX that the app no longer registers').toEqual([]);
  });

  it('TRANSITION: declarations match the matrix', () => {
    const diffs: string[] = [];
    for (const r of registeredRoutes(t.app)) {
      const spec = MATRIX[`${r.method} ${r.url}`];
      if (!spec || !r.access) continue;
      const want = [...allowedRoles(spec.access)].sort().join(',');
      const got = r.access ? [...admitted(r.access)].sort().join(',') : 'UNDECLARED';
      if (want !== got) diffs.push(`${r.method} ${r.url}: matrix ${want} declared ${got}`);
    }
    expect(diffs).toEqual([]);
  });

  it('refuses every role that may not use a route, and lets through every role that may', async () => {
    const failures: string[] = [];
    for (const { method, url } of registeredRoutes(t.app)) {
      const key = `${method} ${url}`;
      const spec = MATRIX[key];
      if (!spec) continue;
      const allowed = new Set(allowedRoles(spec.access));
      // Refusals first: they must change nothing, so the allowed roles still find their target.
      const order = [...EVERYONE.filter((who) => !allowed.has(who)), ...EVERYONE.filter((who) => allowed.has(who))];
      // A fresh target only for the roles that will consume it; refusals share one.
      const shared = spec.params ? await spec.params(w) : {};
      for (const who of order) {
        const overrides = spec.fresh && allowed.has(who) && spec.params ? await spec.params(w) : shared;
        const query = spec.queryOf ? spec.queryOf(w) : spec.query;
        const path = concreteUrl(url, w, overrides) + (query ? `?${query}` : '');
        const client = spec.ownSession ? await w.newClient(who) : w.clients[who];
        const response = await send(client, method, path, spec, w);
        const toLogin = isLoginRedirect(response) && !spec.endsAtLogin;
        const refused = who === 'anonymous' ? response.statusCode === 401 || toLogin : response.statusCode === 403;
        if (allowed.has(who)) {
          if (refused || response.statusCode === 401 || response.statusCode === 403 || toLogin) {
            failures.push(`${key} as ${who}: refused (${describeResponse(response)}) but MATRIX allows it`);
          } else if (response.statusCode >= 500) {
            failures.push(`${key} as ${who}: ${describeResponse(response)}`);
          }
        } else if (!refused) {
          failures.push(`${key} as ${who}: answered ${describeResponse(response)}, expected ${who === 'anonymous' ? '401 or a redirect to /connexion' : '403'}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
