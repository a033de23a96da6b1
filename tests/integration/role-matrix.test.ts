import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitted } from '../../src/platform/http/access.ts';
import { createTestApp, type Client, type TestApp } from '../support/app.ts';
import { buildWorld, concreteUrl, EVERYONE, isLoginRedirect, registeredRoutes, type World } from './world.ts';

/**
 * The role × route matrix (QUALITY.md): every route the application registers declares who
 * may use it in its config (src/platform/http/access.ts), and each role — plus an anonymous
 * visitor — is sent to it. A role that may not gets 403 (401 from the API, or a redirect to
 * the sign-in page when anonymous); a role that may gets anything else but never a 5xx. This
 * table says how to call each route (parameters, bodies); a route missing from it, or one
 * without a declaration, fails the test.
 *
 * Requests carry valid input (the API validates bodies before the handler runs, so an invalid
 * body would hide the permission check behind a 400). Forbidden roles go first, so that what
 * they are refused is still there; routes that consume their target get a fresh one each time.
 */

interface Spec {
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

const p = (spec: Spec = {}): Spec => spec;
const freshPerson = async (w: World) => ({ id: await w.freshPerson() });

const MATRIX: Record<string, Spec> = {
  // — platform —
  'GET /api/docs': p(),
  'GET /api/docs/static/index.html': p(),
  'GET /api/docs/static/swagger-initializer.js': p(),
  'GET /api/docs/json': p(),
  'GET /api/docs/yaml': p(),
  'GET /api/docs/static/*': p(),
  'GET /api/openapi.json': p(),
  'GET /static/app.css': p(),
  'GET /static/favicon.svg': p(),
  'GET /static/avancement.js': p(),
  'GET /health': p(),
  // From loopback (as app.inject is), without METRICS_TOKEN: open to every caller.
  'GET /metrics': p(),
  'GET /connexion': p(),
  'POST /connexion': p({ form: () => ({ email: 'personne@exemple.fr', password: 'pas le bon mot de passe' }) }),
  'POST /deconnexion': p({ ownSession: true, endsAtLogin: true }),
  'GET /mot-de-passe/oublie': p(),
  'POST /mot-de-passe/oublie': p({ form: () => ({ email: 'inconnu@exemple.fr' }) }),
  'GET /mot-de-passe/envoye': p(),
  // An unknown reset token answers 400 to everyone: nothing to refuse.
  'GET /mot-de-passe/nouveau': p({ query: 'jeton=inconnu' }),
  'POST /mot-de-passe/nouveau': p({ form: () => ({ jeton: 'inconnu', password: 'une phrase assez longue' }) }),
  // Between password and code: without the signed reference of a sign-in under way, back to the sign-in form.
  'GET /connexion/code': p({ endsAtLogin: true }),
  'POST /connexion/code': p({ form: () => ({ code: '123456' }), endsAtLogin: true }),
  'GET /connexion/code-de-secours': p({ endsAtLogin: true }),
  'POST /connexion/code-de-secours': p({ form: () => ({ code: 'abcde-23456' }), endsAtLogin: true }),
  'GET /connexion/mise-en-place': p({ endsAtLogin: true }),
  'POST /connexion/mise-en-place': p({ form: () => ({ code: '123456' }), endsAtLogin: true }),
  // A team member's own account and two-step sign-in (a wrong code: refused beside the field, 4xx).
  'GET /compte': p(),
  'GET /compte/deux-etapes/activer': p(),
  'POST /compte/deux-etapes/activer': p({ form: () => ({ code: '123456' }) }),
  'GET /compte/deux-etapes/codes-de-secours': p(),
  'POST /compte/deux-etapes/codes-de-secours': p({ form: () => ({ code: '123456' }) }),
  'GET /compte/deux-etapes/desactiver': p(),
  'POST /compte/deux-etapes/desactiver': p({ form: () => ({ code: '123456' }) }),
  'POST /preferences/lisible': p({ form: () => ({ retour: '/' }) }),
  'GET /preferences/langue/:locale': p(),

  // — home —
  'GET /': p(),
  'GET /tableau-de-bord': p(),
  'GET /accessibilite': p(),
  'GET /mentions-legales': p(),
  'GET /donnees-personnelles': p(),
  'GET /contact': p(),
  'GET /messages': p(),

  // — centre: pages —
  'GET /centre': p(),
  'GET /centre/modifier': p(),
  'POST /centre/modifier': p({ form: (w) => ({ name: `Centre ${w.tag}`, commune: '59122', address: '', postalCode: '', phone: '', email: '', openingHours: '' }) }),
  'GET /centre/lieux': p(),
  'GET /centre/lieux/nouveau': p(),
  'POST /centre/lieux/nouveau': p({ form: () => ({ name: 'Nouvelle salle', kind: 'village_hall', commune: '59122', address: '', accessibility: '' }) }),
  'GET /centre/lieux/:id': p(),
  'POST /centre/lieux/:id': p({ form: (w) => ({ name: `Salle ${w.tag}`, kind: 'studio', commune: '59122', address: '', accessibility: '' }) }),
  'POST /centre/lieux/:id/archiver': p(),
  'POST /centre/lieux/:id/reactiver': p(),
  'GET /centre/communes': p(),
  'POST /centre/communes': p({ form: () => ({ commune: '59512', contactName: '', contactEmail: '' }) }),
  'GET /centre/communes/:id': p(),
  'POST /centre/communes/:id': p({ form: () => ({ contactName: 'Mairie', contactEmail: '' }) }),
  'POST /centre/communes/:id/retirer': p({ fresh: true, params: async (w) => ({ id: await w.freshPartnerCommune() }) }),
  'GET /centre/equipe': p(),
  'GET /centre/equipe/nouveau': p(),
  'POST /centre/equipe/nouveau': p({ form: () => ({ displayName: 'Nouvelle recrue', email: `recrue-${Math.random().toString(36).slice(2)}@exemple.fr`, role: 'volunteer' }) }),
  'GET /centre/equipe/:id': p(),
  'POST /centre/equipe/:id': p({ form: () => ({ displayName: 'Cible renommée', role: 'volunteer' }) }),
  'POST /centre/equipe/:id/desactiver': p({ fresh: true, params: async (w) => ({ id: await w.freshStaff() }) }),
  'POST /centre/equipe/:id/reactiver': p(),
  'POST /centre/equipe/:id/invitation': p(),
  'GET /centre/jetons': p(),
  'POST /centre/jetons': p({ form: () => ({ name: 'Tableur', role: 'facilitator' }) }),
  'GET /centre/deux-etapes': p(),
  'POST /centre/deux-etapes': p({ form: () => ({}) }),
  'POST /centre/deux-etapes/:id/reinitialiser': p({ fresh: true, params: async (w) => ({ id: await w.freshStaff() }) }),
  'GET /centre/jetons/:id/revoquer': p(),
  'POST /centre/jetons/:id/revoquer': p({ fresh: true, params: async (w) => ({ id: await w.freshToken() }) }),

  // — centre: API —
  'GET /api/v1/centre': p(),
  'PATCH /api/v1/centre': p({ json: () => ({}) }),
  'GET /api/v1/sites': p(),
  'POST /api/v1/sites': p({ json: () => ({ name: 'Salle API', kind: 'village_hall', communeInsee: '59122' }) }),
  'GET /api/v1/sites/:id': p(),
  'PATCH /api/v1/sites/:id': p({ json: () => ({}) }),
  'GET /api/v1/partner-communes': p(),
  'POST /api/v1/partner-communes': p({ json: () => ({ communeInsee: '59599' }) }),
  'PATCH /api/v1/partner-communes/:id': p({ json: () => ({ contactName: 'Mairie' }) }),
  'DELETE /api/v1/partner-communes/:id': p({ fresh: true, params: async (w) => ({ id: await w.freshPartnerCommune() }) }),
  'GET /api/v1/users': p(),
  'POST /api/v1/users': p({ json: () => ({ displayName: 'Recrue API', email: `api-${Math.random().toString(36).slice(2)}@exemple.fr`, role: 'volunteer' }) }),
  'GET /api/v1/users/:id': p(),
  'PATCH /api/v1/users/:id': p({ json: () => ({ displayName: 'Cible API' }) }),

  // — people: pages —
  'GET /personnes': p(),
  'GET /personnes/nouvelle': p(),
  'POST /personnes/nouvelle': p({ form: () => ({}) }),
  'GET /personnes/:id': p(),
  'GET /personnes/:id/modifier': p(),
  'POST /personnes/:id/modifier': p({ form: () => ({}) }),
  'GET /personnes/:id/fusionner': p(),
  'POST /personnes/:id/fusionner': p({ form: () => ({}) }),
  'GET /personnes/:id/export': p(),
  'GET /personnes/:id/effacer': p(),
  'POST /personnes/:id/effacer': p({ fresh: true, params: freshPerson, form: () => ({ confirm: 'oui' }) }),

  // — people: API —
  'GET /api/v1/persons': p(),
  'POST /api/v1/persons': p({ json: () => ({ firstName: 'Api', lastName: `Personne${Math.random().toString(36).slice(2, 8)}`, confirmNotDuplicate: true }) }),
  'GET /api/v1/persons/:id': p(),
  'PATCH /api/v1/persons/:id': p({ json: () => ({}) }),
  'DELETE /api/v1/persons/:id': p({ fresh: true, params: freshPerson }),
  'GET /api/v1/persons/:id/export': p(),
  'POST /api/v1/persons/:id/merge': p({ fresh: true, params: freshPerson, json: (w) => ({ duplicateId: w.ids.otherPerson }) }),
  'GET /api/v1/communes': p({ query: 'q=Cam' }),

  // — activities: staff pages —
  'GET /programme': p(),
  'GET /programme/nouvelle': p(),
  'POST /programme/nouvelle': p({ form: () => ({}) }),
  'GET /programme/:id': p(),
  'GET /programme/:id/modifier': p(),
  'POST /programme/:id/modifier': p({ form: () => ({}) }),
  'POST /programme/:id/archiver': p({ fresh: true, params: async (w) => ({ id: (await w.freshSession()).activity }) }),
  'POST /programme/:id/publier': p({ fresh: true, params: async (w) => ({ id: (await w.freshSession()).activity }) }),
  'GET /seances/:id': p(),
  'GET /seances/:id/deplacer': p(),
  'POST /seances/:id/deplacer': p({ form: () => ({}) }),
  'GET /seances/:id/annuler': p(),
  'POST /seances/:id/annuler': p({ fresh: true, params: async (w) => ({ id: (await w.freshSession()).session }), form: () => ({ reason: '' }) }),
  'GET /seances/:id/inscrire': p(),
  'POST /seances/:id/inscrire': p({ form: () => ({}) }),
  'GET /inscriptions/:id/annuler': p(),
  'POST /inscriptions/:id/annuler': p({ fresh: true, params: async (w) => ({ id: await w.freshRegistration() }) }),
  'POST /inscriptions/:id/rapprochement': p({ form: () => ({ same: 'oui' }) }),
  'GET /seances/:id/presences': p(),
  'POST /seances/:id/presences': p({ form: () => ({}) }),
  'POST /seances/:id/presences/ajout': p({ form: () => ({}) }),
  'GET /seances/:id/emargement.pdf': p(),
  'GET /seances/:id/avis-papier': p({ params: (w) => ({ id: w.ids.surveySession }) }),
  'POST /seances/:id/avis-papier': p({ params: (w) => ({ id: w.ids.surveySession }), form: () => ({ face5: '1', comments: '' }) }),
  'GET /agenda': p(),
  'POST /agenda': p(),
  'GET /personnes/:id/activites': p(),
  'GET /personnes/:id/inscrire': p(),
  'POST /personnes/:id/inscrire': p({ form: () => ({}) }),

  // — activities: public pages (residents, no account) and capability links —
  'GET /activites': p(),
  'GET /activites/:id': p(),
  'GET /agenda.ics': p(),
  'GET /agenda/:file': p(),
  'GET /activites/:id/inscription': p(),
  'POST /activites/:id/inscription': p({ form: () => ({}) }),
  'GET /activites/:id/inscription/participant': p(),
  'POST /activites/:id/inscription/participant': p({ form: () => ({}) }),
  'GET /activites/:id/inscription/responsable': p(),
  'POST /activites/:id/inscription/responsable': p({ form: () => ({}) }),
  'GET /activites/:id/inscription/contact': p(),
  'POST /activites/:id/inscription/contact': p({ form: () => ({}) }),
  'GET /activites/:id/inscription/verifier': p(),
  'POST /activites/:id/inscription/verifier': p({ form: () => ({}) }),
  'GET /inscription/:token': p(),
  'GET /inscription/:token/annuler': p(),
  'GET /inscription/:token/agenda.ics': p(),
  'POST /inscription/:token/annuler': p(),
  // The resident's survey link: a second answer is told it is already recorded (200).
  'GET /avis/:token': p(),
  'POST /avis/:token': p({ form: () => ({ rating: '4', comment: '' }) }),

  // — activities: API —
  'GET /api/v1/activities': p(),
  'POST /api/v1/activities': p({
    json: (w) => ({ title: 'Atelier API', kind: 'atelier', audience: 'adultes', theme: 'email', level: 'debutant', siteId: w.ids.site, capacity: 8, schedule: { kind: 'single', date: w.dayFromNow(12), startTime: '10:00', endTime: '12:00' } }),
  }),
  'GET /api/v1/activities/:id': p(),
  'PATCH /api/v1/activities/:id': p({ json: () => ({}) }),
  'DELETE /api/v1/activities/:id': p({ fresh: true, params: async (w) => ({ id: (await w.freshSession()).activity }) }),
  'GET /api/v1/activities/:id/sessions': p(),
  'PATCH /api/v1/sessions/:id': p({ json: () => ({}) }),
  'GET /api/v1/sessions/:id/registrations': p(),
  'POST /api/v1/sessions/:id/registrations': p({ fresh: true, params: async (w) => ({ id: w.ids.session }), json: (w) => ({ personId: w.ids.otherPerson }) }),
  'DELETE /api/v1/registrations/:id': p({ fresh: true, params: async (w) => ({ id: await w.freshRegistration() }) }),
  'GET /api/v1/sessions/:id/attendance': p(),
  'PUT /api/v1/sessions/:id/attendance': p({ json: () => ({ entries: [] }) }),
  'GET /api/v1/sessions/:id/sign-in-sheet.pdf': p(),
  'GET /api/v1/sessions/:id/survey': p({ params: (w) => ({ id: w.ids.surveySession }) }),
  'GET /api/v1/public/activities': p(),

  // — help desk: residents' booking pages and signed "manage" links —
  'GET /rendez-vous': p(),
  'GET /rendez-vous/lieu': p({ query: 'motif=' }),
  'GET /rendez-vous/creneau': p(),
  'GET /rendez-vous/coordonnees': p(),
  'POST /rendez-vous/coordonnees': p({ form: () => ({}) }),
  'GET /rendez-vous/verifier': p(),
  'POST /rendez-vous/confirmer': p({ form: () => ({}) }),
  'GET /rendez-vous/confirmation/:token': p(),
  'GET /rendez-vous/gerer/:token': p(),
  'GET /rendez-vous/gerer/:token/annuler': p(),
  'GET /rendez-vous/gerer/:token/agenda.ics': p(),
  'POST /rendez-vous/gerer/:token/annuler': p(),
  'GET /rendez-vous/gerer/:token/changer': p(),
  'POST /rendez-vous/gerer/:token/changer': p({ form: () => ({}) }),

  // — help desk: the desk —
  'GET /permanences': p(),
  'POST /permanences/passages': p({ form: () => ({}) }),
  'GET /permanences/semaine': p(),
  'GET /permanences/rendez-vous/nouveau': p(),
  'POST /permanences/rendez-vous': p({ form: () => ({}) }),
  'GET /permanences/rendez-vous/:id': p(),
  'POST /permanences/rendez-vous/:id/issue': p({ form: () => ({ outcome: 'seen' }) }),
  'POST /permanences/rendez-vous/:id/annuler': p({ fresh: true, params: async (w) => ({ id: await w.freshAppointment() }) }),
  'GET /permanences/rendez-vous/:id/deplacer': p(),
  'POST /permanences/rendez-vous/:id/deplacer': p({ form: () => ({}) }),
  'GET /permanences/rendez-vous/:id/compte-rendu': p(),
  'POST /permanences/rendez-vous/:id/compte-rendu': p({ form: () => ({}) }),
  'GET /permanences/accompagnements': p(),
  'GET /permanences/accompagnements/nouveau': p(),
  'POST /permanences/accompagnements': p({ form: () => ({}) }),
  'GET /permanences/personnes/:id': p(),
  // — help desk: settings —
  'GET /permanences/motifs': p(),
  'GET /permanences/motifs/nouveau': p(),
  'POST /permanences/motifs': p({ form: () => ({}) }),
  'GET /permanences/motifs/:id': p(),
  'POST /permanences/motifs/:id': p({ form: () => ({}) }),
  'GET /permanences/horaires': p(),
  'GET /permanences/horaires/nouvelle': p(),
  'POST /permanences/horaires': p({ form: () => ({}) }),
  'POST /permanences/horaires/:id/supprimer': p({ fresh: true, params: async (w) => ({ id: await w.freshOpening() }) }),
  'GET /permanences/absences/nouvelle': p(),
  'POST /permanences/absences': p({ form: () => ({}) }),
  'POST /permanences/absences/:id/supprimer': p({ fresh: true, params: async (w) => ({ id: await w.freshAbsence() }) }),
  'GET /permanences/reglages': p(),
  'POST /permanences/reglages': p({ form: () => ({}) }),

  // — help desk: API —
  'GET /api/v1/helpdesk/motifs': p(),
  'POST /api/v1/helpdesk/motifs': p({ json: () => ({ name: 'Motif API', procedureCategory: 'logement' }) }),
  'PATCH /api/v1/helpdesk/motifs/:id': p({ json: (w) => ({ name: `Motif${w.tag}`, procedureCategory: 'argent_impots' }) }),
  'GET /api/v1/helpdesk/openings': p(),
  'POST /api/v1/helpdesk/openings': p({
    json: (w) => ({ siteId: w.ids.site, weekday: 2, startTime: '20:00', endTime: '21:00', startsOn: w.dayFromNow(300), motifIds: [w.ids.motif] }),
  }),
  'DELETE /api/v1/helpdesk/openings/:id': p({ fresh: true, params: async (w) => ({ id: await w.freshOpening() }) }),
  'GET /api/v1/helpdesk/absences': p(),
  'POST /api/v1/helpdesk/absences': p({ json: (w) => ({ siteId: w.ids.site, firstDay: w.dayFromNow(250) }) }),
  'DELETE /api/v1/helpdesk/absences/:id': p({ fresh: true, params: async (w) => ({ id: await w.freshAbsence() }) }),
  // Public: the slots of a public motif, for residents booking without an account.
  'GET /api/v1/helpdesk/slots': p({ queryOf: (w) => `motif=${w.ids.motif}` }),
  'GET /api/v1/helpdesk/appointments': p(),
  // A resident books without an account; signed in, it is a staff booking, which needs the desk
  // (so a partner account, with no desk, is refused).
  'POST /api/v1/helpdesk/appointments': p({
    json: async (w) => ({ ...(await w.freeSlot()), firstName: 'Résidente', lastName: 'En ligne', email: 'residente@exemple.fr', reminder: 'none', consent: true }),
  }),
  'GET /api/v1/helpdesk/appointments/:id': p(),
  'PATCH /api/v1/helpdesk/appointments/:id': p({ json: () => ({ action: 'outcome', outcome: 'seen' }) }),
  'POST /api/v1/helpdesk/drop-ins': p({ json: (w) => ({ siteId: w.ids.site, motifId: w.ids.motif, personId: w.ids.otherPerson }) }),
  'GET /api/v1/helpdesk/settings': p(),
  'PUT /api/v1/helpdesk/settings': p({ json: () => ({ cancelUntilHours: 24 }) }),
  'GET /api/v1/accompaniments': p(),
  'POST /api/v1/accompaniments': p({
    json: (w) => ({ personId: w.ids.otherPerson, durationMinutes: 20, placeType: 'lieu_activite', equipment: ['telephone'], themes: ['sante'], autonomy: 'autonome' }),
  }),

  // — pathways: staff pages —
  'GET /static/pathways.css': p(),
  'GET /parcours': p(),
  'GET /parcours/nouveau': p(),
  'POST /parcours/nouveau': p({ form: () => ({}) }),
  'GET /parcours/:id': p(),
  'GET /parcours/:id/modifier': p(),
  'POST /parcours/:id/modifier': p({ form: () => ({}) }),
  'POST /parcours/:id/archiver': p(),
  'POST /parcours/:id/rouvrir': p(),
  'GET /parcours/:id/modules/nouveau': p(),
  'POST /parcours/:id/modules/nouveau': p({ form: () => ({}) }),
  'GET /parcours/modules/:id/modifier': p(),
  'POST /parcours/modules/:id/modifier': p({ form: () => ({}) }),
  'POST /parcours/modules/:id/monter': p(),
  'POST /parcours/modules/:id/descendre': p(),
  'POST /parcours/modules/:id/supprimer': p({ fresh: true, params: async (w) => ({ id: await w.freshModule() }) }),
  'GET /parcours/:id/inscrire': p(),
  'POST /parcours/:id/inscrire': p({ form: () => ({}) }),
  'GET /parcours/inscriptions': p(),
  'GET /parcours/inscriptions/:id': p(),
  'POST /parcours/inscriptions/:id/arreter': p({ fresh: true, params: async (w) => ({ id: await w.freshEnrolment() }) }),
  'GET /parcours/inscriptions/:id/evaluation': p(),
  'POST /parcours/inscriptions/:id/evaluation': p({ form: () => ({}) }),
  'GET /parcours/inscriptions/:id/positionnement': p(),
  'POST /parcours/inscriptions/:id/positionnement': p({ form: () => ({}) }),
  'POST /parcours/inscriptions/:id/questionnaire': p(),
  'GET /parcours/questionnaires/:id': p(),
  // Ends the caller's session and turns the browser into a quiz kiosk.
  'POST /parcours/questionnaires/:id/tablette': p({ ownSession: true }),
  'POST /parcours/inscriptions/:id/liens': p(),
  'POST /parcours/inscriptions/:id/liens/:linkId/desactiver': p(),
  'GET /parcours/inscriptions/:id/livret.pdf': p(),
  'GET /parcours/inscriptions/:id/attestations/:file': p(),
  'GET /parcours/inscriptions/:id/badges/:file': p(),
  'GET /referentiel': p(),
  'GET /referentiel/export.json': p(),
  'POST /referentiel/import': p({ form: () => ({}) }),
  'GET /referentiel/savoir-faire/nouveau': p(),
  'POST /referentiel/savoir-faire/nouveau': p({ form: () => ({}) }),
  'GET /referentiel/savoir-faire/:id/modifier': p(),
  'POST /referentiel/savoir-faire/:id/modifier': p({ form: () => ({}) }),
  'POST /referentiel/savoir-faire/:id/retirer': p(),
  'POST /referentiel/savoir-faire/:id/retablir': p(),
  'POST /referentiel/savoir-faire/:id/monter': p(),
  'POST /referentiel/savoir-faire/:id/descendre': p(),
  'GET /parcours/questions': p(),
  'GET /parcours/questions/nouvelle': p(),
  'POST /parcours/questions/nouvelle': p({ form: () => ({}) }),
  'GET /parcours/questions/:id/modifier': p(),
  'POST /parcours/questions/:id/modifier': p({ form: () => ({}) }),
  'POST /parcours/questions/:id/retirer': p(),
  'POST /parcours/questions/:id/remettre': p(),
  'GET /parcours/equipe': p(),
  'POST /parcours/equipe/exigences': p({ form: () => ({}) }),
  'POST /parcours/equipe/exigences/:id/supprimer': p({ fresh: true, params: async (w) => ({ id: await w.freshRequirement() }) }),
  // A staff member's own training.
  'GET /mes-formations': p(),
  'POST /mes-formations/:id': p(),

  // — pathways: the learner's signed links and public badge verification —
  'GET /questionnaire/:token': p(),
  'POST /questionnaire/:token': p({ form: () => ({}) }),
  // Kiosk pages: only a browser holding a kiosk cookie (pathways.test.ts), no account.
  'GET /kiosque/questionnaire': p(),
  'POST /kiosque/questionnaire': p({ form: () => ({}) }),
  'POST /kiosque/rendre': p({ form: () => ({ motDePasse: 'x' }) }),
  'POST /kiosque/quitter': p({ form: () => ({}) }),
  'GET /progression/:token': p(),
  'POST /progression/:token/auto-evaluation': p({ form: () => ({}) }),
  'POST /progression/:token/badges/:badgeId/visibilite': p({ form: () => ({}) }),
  'GET /progression/:token/livret.pdf': p(),
  'GET /progression/:token/attestations/:file': p(),
  'GET /progression/:token/badges/:file': p(),
  'GET /badges/:id': p(),
  'GET /badges/emetteurs/:id': p(),
  'GET /badges/referentiel/:id': p(),

  // — pathways: API —
  'GET /api/v1/framework': p(),
  'POST /api/v1/framework': p({ json: () => ({}) }),
  'GET /api/v1/pathways': p(),
  'POST /api/v1/pathways': p({
    json: (w) => ({ title: 'Parcours API', audience: 'adultes', modules: [{ title: 'Premier module', level: 'debutant', suggestedSessions: 1, skillIds: [w.ids.skill] }] }),
  }),
  'GET /api/v1/pathways/enrolments': p(),
  'GET /api/v1/pathways/:id': p(),
  'POST /api/v1/pathways/:id/enrolments': p({ fresh: true, params: (w) => ({ id: w.ids.pathway }), json: (w) => ({ personId: w.ids.otherPerson }) }),
  'POST /api/v1/enrolments/:id/evaluations': p({ json: (w) => ({ results: [{ skillId: w.ids.skill, status: 'en_cours' }] }) }),
  'GET /api/v1/enrolments/:id/progress': p(),
  'POST /api/v1/quiz-sessions': p({ json: (w) => ({ enrolmentId: w.ids.enrolment }) }),
  'GET /api/v1/quiz-sessions/:id': p(),
  'POST /api/v1/quiz-sessions/:id/answers': p({ json: (w) => ({ questionId: w.ids.question, choiceId: null }) }),
  'POST /api/v1/questions': p({
    json: (w) => ({ skillId: w.ids.skill, prompt: 'Une question ?', choices: [{ label: 'Oui', correct: true }, { label: 'Non', correct: false }] }),
  }),
  'GET /api/v1/badges/:id': p(),

  // — equipment: pages —
  'GET /materiel': p(),
  'GET /materiel/gestion': p(),
  'GET /materiel/gestion/nouveau': p(),
  'POST /materiel/gestion/nouveau': p({ form: () => ({}) }),
  'GET /materiel/gestion/objets/:id': p(),
  'GET /materiel/gestion/objets/:id/etiquette.svg': p(),
  'GET /materiel/gestion/objets/:id/modifier': p(),
  'POST /materiel/gestion/objets/:id/modifier': p({ form: () => ({}) }),
  'POST /materiel/gestion/objets/:id/etat': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentItem() }), form: () => ({ status: 'repair' }) }),
  'POST /materiel/gestion/objets/:id/remarque': p({ form: () => ({ note: 'Coque rayée' }) }),
  'GET /materiel/gestion/objets/:id/preter': p({ query: 'q=Prenom' }),
  'POST /materiel/gestion/objets/:id/preter': p({ form: () => ({}) }),
  'GET /materiel/gestion/objets/:id/reserver': p(),
  'POST /materiel/gestion/objets/:id/reserver': p({ form: () => ({}) }),
  'GET /materiel/gestion/prets/:id/retour': p(),
  'POST /materiel/gestion/prets/:id/retour': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentLoan() }), form: () => ({ condition: 'Bon état' }) }),
  'GET /materiel/gestion/prets/:id/prolonger': p(),
  'POST /materiel/gestion/prets/:id/prolonger': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentLoan() }), form: () => ({}) }),
  'GET /materiel/gestion/prets/:id/convention.pdf': p(),
  'GET /materiel/gestion/retards': p(),
  'GET /materiel/gestion/reservations': p(),
  'GET /materiel/gestion/personnes/:id': p(),
  'POST /materiel/gestion/reservations/:id/annuler': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentReservation() }) }),
  'GET /materiel/gestion/reservations/:id/retrait': p(),
  'POST /materiel/gestion/reservations/:id/retrait': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentReservation() }), form: () => ({}) }),

  // — equipment: API —
  'GET /api/v1/equipment/items': p(),
  'POST /api/v1/equipment/items': p({ json: (w) => ({ name: 'Tablette API', category: 'tablette', assetTag: `API-${w.tag}-${Math.random().toString(36).slice(2, 8)}` }) }),
  'GET /api/v1/equipment/items/:id': p(),
  'PUT /api/v1/equipment/items/:id': p({ json: (w) => ({ name: 'Tablette modifiée', category: 'tablette', assetTag: `MOD-${w.tag}` }) }),
  'GET /api/v1/equipment/loans': p(),
  'POST /api/v1/equipment/loans': p({ json: async (w) => ({ itemId: await w.freshEquipmentItem(), personId: w.ids.otherPerson }) }),
  'GET /api/v1/equipment/loans/:id': p(),
  'POST /api/v1/equipment/loans/:id/renewal': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentLoan() }), json: () => ({}) }),
  'POST /api/v1/equipment/loans/:id/return': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentLoan() }), json: () => ({ condition: 'Bon état' }) }),
  'GET /api/v1/equipment/reservations': p(),
  'POST /api/v1/equipment/reservations': p({ json: async (w) => ({ itemId: await w.freshEquipmentItem(), purpose: 'Stage', startsOn: w.dayFromNow(5), endsOn: w.dayFromNow(6) }) }),
  'DELETE /api/v1/equipment/reservations/:id': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentReservation() }) }),
  'POST /api/v1/equipment/reservations/:id/pickup': p({ fresh: true, params: async (w) => ({ id: await w.freshEquipmentReservation() }), json: () => ({}) }),

  // — team: profiles, assignments, my week, the calendar feed —
  'GET /equipe': p(),
  'GET /equipe/affecter': p(),
  // The target is already assigned to the session: 409 for those who may, 403 for the others.
  'POST /equipe/affecter': p({ form: (w) => ({ userId: w.ids.targetUser, slot: `session:${w.ids.session}` }) }),
  'POST /equipe/affectations/:id/supprimer': p({ fresh: true, params: async (w) => ({ id: await w.freshTeamAssignment() }) }),
  'GET /equipe/formations-requises': p(),
  'POST /equipe/formations-requises': p({ form: () => ({}) }),
  'POST /equipe/formations-requises/:id/supprimer': p({ fresh: true, params: async (w) => ({ id: await w.freshTeamRequirement() }) }),
  'GET /equipe/:id': p(),
  'GET /equipe/:id/modifier': p(),
  'POST /equipe/:id/modifier': p({ form: () => ({ contactChannel: 'email' }) }),
  'POST /equipe/:id/absences': p({ form: (w) => ({ firstDay: w.dayFromNow(3) }) }),
  'POST /equipe/:id/absences/:absenceId/supprimer': p({ fresh: true, params: async (w) => ({ id: w.ids.targetUser, absenceId: await w.freshTeamAbsence() }) }),
  'GET /ma-semaine': p(),
  'POST /ma-semaine/calendrier': p(),
  'GET /calendrier/:file': p(),
  'GET /api/v1/team/members': p(),
  'GET /api/v1/team/members/:id': p(),
  'PUT /api/v1/team/members/:id/profile': p({ json: () => ({ contactChannel: 'email' }) }),
  'GET /api/v1/team/assignments': p({ queryOf: (w) => `userId=${w.ids.targetUser}` }),
  'POST /api/v1/team/assignments': p({ json: (w) => ({ userId: w.ids.targetUser, slot: `session:${w.ids.session}` }) }),
  'DELETE /api/v1/team/assignments/:id': p({ fresh: true, params: async (w) => ({ id: await w.freshTeamAssignment() }) }),
  'GET /api/v1/team/my-week': p(),

  // — resources: public pages (residents, no account), the team's editor, API —
  'GET /static/resources.css': p(),
  'GET /ressources': p({ query: 'q=arnaque+sms' }),
  'GET /ressources/:slug': p(),
  'GET /ressources/:slug/gros-caracteres': p(),
  'GET /fiches-pratiques': p(),
  'GET /fiches-pratiques/nouvelle': p(),
  'POST /fiches-pratiques/nouvelle': p({ form: () => ({ action: 'preview', body: '# Aperçu' }) }),
  'GET /fiches-pratiques/:id': p(),
  'POST /fiches-pratiques/:id': p({ form: () => ({}) }),
  'POST /fiches-pratiques/:id/publier': p(),
  'POST /fiches-pratiques/:id/depublier': p(),
  // Images: sent without a file (the matrix posts url-encoded forms), refused beside the field.
  'GET /ressources/images/:id': p(),
  'POST /fiches-pratiques/:id/images': p({ form: () => ({ altText: 'Une image' }) }),
  'GET /fiches-pratiques/visites/:id': p(),
  'POST /fiches-pratiques/visites/:id': p({ form: (w) => ({ ficheIds: w.ids.fiche }) }),
  'GET /fiches-pratiques/personnes/:id': p(),
  'POST /fiches-pratiques/:id/images/:imageId/supprimer': p({ fresh: true, params: async (w) => ({ id: w.ids.fiche, imageId: await w.freshFicheImage() }) }),
  'GET /api/v1/resources/fiches': p({ query: 'q=arnaque' }),
  'GET /api/v1/resources/fiches/:id': p(),
  'POST /api/v1/resources/fiches': p({ json: () => ({ title: 'Fiche API', summary: 'Un résumé.', body: 'Un texte.', level: 'debutant', themes: ['email'] }) }),
  'PATCH /api/v1/resources/fiches/:id': p({ json: () => ({}) }),

  // — privacy —
  'GET /rgpd/conservation': p(),
  'POST /rgpd/conservation': p({ form: () => ({ inactivePersons: '36', notes: '24', messages: '6', auditLog: '12', sessions: '30', publicLimits: '2' }) }),
  'GET /rgpd/registre': p(),
  'GET /api/v1/privacy/retention': p(),
  'PUT /api/v1/privacy/retention': p({ json: () => ({ inactivePersons: 36, notes: 24, messages: 6, auditLog: 12, sessions: 30, publicLimits: 2 }) }),
  'GET /api/v1/privacy/register': p(),

  // — shuttle —
  'POST /api/v1/shuttle/requests': p({ json: (w) => ({ personId: w.ids.person, commune: '59122', problem: 'Ne sait plus ouvrir ses courriels', theme: 'email', availability: [{ weekday: 4, from: '09:00', to: '12:00' }] }) }),
  'GET /api/v1/shuttle/requests': p(),
  'POST /api/v1/shuttle/day-plan': p({ json: () => ({ date: '2026-12-10', start: [3.2, 50.2] }) }),
  'POST /api/v1/shuttle/reports': p({
    json: (w) => ({ clientId: crypto.randomUUID(), requestId: w.ids.shuttleRequest, summary: 'Courriels rouverts', themes: ['email'], equipment: ['telephone'], autonomy: 'autonome', durationMinutes: 30, outcome: 'solved' }),
  }),
  'GET /navette/demandes/:id/visite': p(),
  'POST /navette/demandes/:id/visite': p({ form: () => ({}) }),
  'GET /navette/visite.js': p(),
  'GET /navette/sw.js': p(),
  'GET /static/leaflet/leaflet.js': p(),
  'GET /static/leaflet/leaflet.css': p(),
  'GET /static/leaflet/images/*': p(),
  'GET /static/navette/carte.js': p(),
  'POST /api/v1/shuttle/plan': p({ json: () => ({ jobs: [{ id: 1, location: [2.8, 50.2], service: 1800 }], vehicle: { start: [2.85, 50.2], end: [2.85, 50.2] } }) }),
  'GET /api/v1/shuttle/requests/:id': p(),
  'PUT /api/v1/shuttle/requests/:id': p({
    fresh: true,
    params: async (w) => ({ id: await w.freshShuttleRequest() }),
    json: (w) => ({ personId: w.ids.person, commune: '59122', problem: 'Ne sait plus ouvrir ses courriels', theme: 'email', availability: [{ weekday: 4, from: '09:00', to: '12:00' }] }),
  }),
  'POST /api/v1/shuttle/requests/:id/cancel': p({ fresh: true, params: async (w) => ({ id: await w.freshShuttleRequest() }) }),
  'POST /api/v1/shuttle/tours': p({ json: (w) => ({ date: w.dayFromNow(8), shift: { from: '08:00', to: '18:00' }, lunch: null }) }),
  'GET /api/v1/shuttle/tours': p(),
  'GET /api/v1/shuttle/tours/:id': p(),
  'POST /api/v1/shuttle/tours/:id/confirm': p({ json: () => ({}) }),
  'POST /api/v1/shuttle/tours/:id/cancel': p({ fresh: true, params: async (w) => ({ id: await w.freshShuttleTour() }), json: () => ({}) }),
  'GET /navette': p(),
  'GET /navette/demandes/nouvelle': p({ query: 'q=Prenom' }),
  'POST /navette/demandes/nouvelle': p({ form: () => ({}) }),
  'GET /navette/demandes/:id': p(),
  'GET /navette/demandes/:id/modifier': p({ fresh: true, params: async (w) => ({ id: await w.freshShuttleRequest() }) }),
  'POST /navette/demandes/:id/modifier': p({ fresh: true, params: async (w) => ({ id: await w.freshShuttleRequest() }), form: () => ({}) }),
  'POST /navette/demandes/:id/annuler': p({ fresh: true, params: async (w) => ({ id: await w.freshShuttleRequest() }) }),
  'GET /navette/planifier': p({ queryOf: (w) => `date=${w.dayFromNow(9)}&from=08:00&to=18:00&lunchMinutes=0` }),
  'POST /navette/planifier': p({ form: () => ({}) }),
  'GET /navette/tournees/:id': p(),
  'GET /navette/tournees/:id/feuille-de-route.pdf': p(),
  'GET /navette/tournees/:id/appels': p(),
  'POST /navette/tournees/:id/annuler': p({ fresh: true, params: async (w) => ({ id: await w.freshShuttleTour() }) }),
  'POST /navette/tournees/:id/ordre': p({ form: () => ({}) }),
  'POST /navette/planifier/ordre': p({ form: () => ({}) }),
  'GET /navette/planifier-semaine': p({ queryOf: (w) => `monday=${w.dayFromNow(21)}&on1=1&from1=08:00&to1=18:00&lunchMinutes=0` }),
  'POST /navette/planifier-semaine': p({ form: () => ({}) }),
  'POST /navette/demandes/:id/visite/rendez-vous': p({ form: () => ({}) }),
  'POST /api/v1/shuttle/plan-week': p({ json: (w) => ({ monday: w.dayFromNow(21), days: [{ date: w.dayFromNow(21) }], lunch: null }) }),
  'POST /api/v1/shuttle/tours/:id/order': p({ json: () => ({ order: [crypto.randomUUID()] }) }),

  // — forums: API —
  'GET /api/v1/forums/consultations': p(),
  'POST /api/v1/forums/consultations': p({
    json: (w) => ({ title: 'Consultation API', proposalsOpenOn: w.dayFromNow(10), votesOpenOn: w.dayFromNow(20), votesCloseOn: w.dayFromNow(30), votesPerPerson: 3, moderation: true }),
  }),
  'GET /api/v1/forums/consultations/:id': p(),
  'PATCH /api/v1/forums/consultations/:id': p({ json: () => ({}) }),
  'GET /api/v1/forums/consultations/:id/proposals': p(),
  // Staff enter a phone proposal; a resident, in the votes phase, is told proposals are closed.
  'POST /api/v1/forums/consultations/:id/proposals': p({ json: () => ({ title: 'Thème API', origin: 'phone' }) }),
  'PATCH /api/v1/forums/proposals/:id': p({ json: () => ({ action: 'accept' }) }),
  'POST /api/v1/forums/proposals/:id/reports': p(),
  // The first allowed role programmes the theme (201), the next is told it already is (409).
  'POST /api/v1/forums/proposals/:id/programme': p({
    json: (w) => ({ siteId: w.ids.site, date: w.dayFromNow(40), startTime: '18:00', endTime: '20:00', capacity: 30, theme: 'securite_numerique' }),
  }),
  'POST /api/v1/forums/consultations/:id/votes': p({
    json: (w) => ({ proposalIds: [w.ids.proposal], firstName: 'Votante', lastName: 'Matrice', email: 'votante@exemple.fr', consent: true }),
  }),
  'GET /api/v1/forums/consultations/:id/tallies': p(),
  'POST /api/v1/forums/consultations/:id/tallies': p({ json: (w) => ({ proposalId: w.ids.proposal, count: 2, collectedWhere: 'au marché', collectedOn: w.dayFromNow(0) }) }),
  'GET /api/v1/forums/consultations/:id/results': p(),

  // — forums: residents' pages (no account) —
  'GET /forums': p(),
  'POST /forums/themes/:id/signaler': p(),
  'GET /forums/:id/voter': p(),
  'POST /forums/:id/voter': p({ form: (w) => ({ themes: w.ids.proposal }) }),
  'GET /forums/:id/voter/coordonnees': p(),
  'POST /forums/:id/voter/coordonnees': p({ form: () => ({}) }),
  'GET /forums/:id/voter/merci': p(),
  // The world's consultation is in its votes phase: the proposal pages answer 409 to everyone.
  'GET /forums/:id/proposer': p(),
  'POST /forums/:id/proposer': p({ form: () => ({}) }),
  'GET /forums/:id/proposer/details': p(),
  'POST /forums/:id/proposer/details': p({ form: () => ({}) }),
  'GET /forums/:id/proposer/nom': p(),
  'POST /forums/:id/proposer/nom': p({ form: () => ({}) }),
  'GET /forums/:id/proposer/contact': p(),
  'POST /forums/:id/proposer/contact': p({ form: () => ({}) }),
  'GET /forums/:id/proposer/verifier': p(),
  'POST /forums/:id/proposer/verifier': p({ form: () => ({}) }),
  'GET /forums/:id/proposer/merci': p(),
  'GET /forums/:id/resultats': p(),

  // — forums: staff pages —
  'GET /consultations': p(),
  'GET /consultations/nouvelle': p(),
  'POST /consultations/nouvelle': p({ form: () => ({}) }),
  'GET /consultations/:id': p(),
  'GET /consultations/:id/modifier': p(),
  'POST /consultations/:id/modifier': p({ form: () => ({}) }),
  'POST /consultations/themes/:id/moderer': p({ form: () => ({ action: 'accept' }) }),
  'GET /consultations/themes/:id/programmer': p(),
  'POST /consultations/themes/:id/programmer': p({ form: () => ({}) }),
  'GET /consultations/:id/proposition': p(),
  'POST /consultations/:id/proposition': p({ form: () => ({ origin: 'phone', title: 'Thème saisi' }) }),
  'GET /consultations/:id/decompte': p(),
  'POST /consultations/:id/decompte': p({ form: () => ({}) }),

  // — team board: notices and volunteer hours —
  'GET /equipe/annonces': p(),
  'GET /equipe/annonces/nouvelle': p(),
  'POST /equipe/annonces/nouvelle': p({ form: () => ({ title: 'Annonce de la matrice', body: 'Bonjour.' }) }),
  'POST /equipe/annonces/resume': p({ form: () => ({ frequency: 'daily' }) }),
  'GET /equipe/annonces/:id': p(),
  'GET /api/v1/team/notices': p(),
  'POST /api/v1/team/notices': p({ json: () => ({ title: 'Annonce API', body: 'Bonjour.' }) }),
  'GET /api/v1/team/notices/:id': p(),
  'GET /equipe/benevolat': p(),
  'GET /equipe/benevolat/export.csv': p(),
  'GET /equipe/benevolat/export.xlsx': p(),
  'GET /equipe/benevolat/nouveau': p(),
  'POST /equipe/benevolat/nouveau': p({ form: (w) => ({ userId: w.staff.volunteer.id, kind: 'permanence', workedOn: w.dayFromNow(-1), durationHours: '2', durationMinutes: '0' }) }),
  'POST /equipe/benevolat/taux': p({ form: () => ({ rate: '12,02' }) }),
  'POST /equipe/benevolat/:id/supprimer': p({ fresh: true, params: async (w) => ({ id: await w.freshVolunteerHours() }) }),
  'GET /api/v1/team/volunteer-hours': p(),
  'POST /api/v1/team/volunteer-hours': p({ json: (w) => ({ userId: w.staff.volunteer.id, kind: 'forum', workedOn: w.dayFromNow(-2), minutes: 60 }) }),
  'DELETE /api/v1/team/volunteer-hours/:id': p({ fresh: true, params: async (w) => ({ id: await w.freshVolunteerHours() }) }),

  // — reports —
  'GET /rapports': p(),
  'GET /rapports/:table': p(),
  'GET /api/v1/reports/figures': p(),
  'GET /api/v1/reports/commune': p(),
  'GET /rapports/financeurs': p(),
  'GET /rapports/financeurs/:report': p(),
  // La Coop's activity export (a file), and a background export's page and file (its requester only: 404 for the others).
  'GET /rapports/activites-coop': p({ query: 'du=2026-01-01&au=2026-12-31&format=csv' }),
  'GET /api/v1/reports/coop-activities': p({ query: 'from=2026-01-01&to=2026-12-31&format=csv' }),
  'GET /exports/:id': p(),
  'GET /exports/:id/fichier': p(),
  'GET /api/v1/reports/funders/:funder': p({ query: 'from=2026-01-01&to=2026-12-31' }),
  'GET /donnees/lieux-mediation-numerique.json': p(),
  'GET /donnees/lieux-mediation-numerique.csv': p(),
  'GET /donnees/lieux-mediation-numerique.xlsx': p(),

  // — federation: anonymous figures across its centres —
  'GET /federation': p(),
  'GET /federation/rapport.pdf': p(),
  'GET /federation/rapport.xlsx': p(),
  'GET /api/v1/federation/report': p({ query: 'from=2026-01-01&to=2026-12-31' }),
  'GET /federation/jetons': p(),
  'POST /federation/jetons': p({ form: () => ({ name: 'Tableau régional' }) }),
  'GET /federation/jetons/:id/revoquer': p(),
  'POST /federation/jetons/:id/revoquer': p({ fresh: true, params: async (w) => ({ id: await w.freshFederationToken() }) }),
  'GET /api/v1/federation/tokens': p(),
  'POST /api/v1/federation/tokens': p({ json: () => ({ name: 'Tableau régional' }) }),
  'DELETE /api/v1/federation/tokens/:id': p({ fresh: true, params: async (w) => ({ id: await w.freshFederationToken() }) }),
};

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

  it('every registered route declares who may use it in its config', () => {
    const undeclared = registeredRoutes(t.app).filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(undeclared, 'routes without config.permission or config.access (src/platform/http/access.ts)').toEqual([]);
  });

  it('refuses every role that may not use a route, and lets through every role that may', async () => {
    const failures: string[] = [];
    for (const { method, url, access } of registeredRoutes(t.app)) {
      const key = `${method} ${url}`;
      const spec = MATRIX[key];
      if (!spec || !access) continue;
      const allowed = new Set(admitted(access));
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
  }, 180_000);

  // Static files, the health check and the metrics answer before any caller is read (security.ts).
  const BEFORE_ANY_CALLER = /^\/(static\/|health$|metrics$)/;

  it('lets a federation’s API token call the routes that ask for federation.read, and refuses it every other (403)', async () => {
    const { token } = await t.app.ctx.auth.createFederationToken(w.federationId, w.centerId, 'Logiciel de la fédération');
    const failures: string[] = [];
    const reached: string[] = [];
    for (const { method, url, access } of registeredRoutes(t.app)) {
      const key = `${method} ${url}`;
      const spec = MATRIX[key];
      if (!spec || !access || BEFORE_ANY_CALLER.test(url)) continue;
      const query = spec.queryOf ? spec.queryOf(w) : spec.query;
      const path = concreteUrl(url, w, spec.params ? await spec.params(w) : {}) + (query ? `?${query}` : '');
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      let payload: string | undefined;
      if (method !== 'GET' && url.startsWith('/api/')) {
        const json = spec.json ? await spec.json(w) : undefined;
        if (json !== undefined) {
          payload = JSON.stringify(json);
          headers['content-type'] = 'application/json';
        }
      } else if (method !== 'GET') {
        const form = new URLSearchParams();
        for (const [name, value] of Object.entries(spec.form ? spec.form(w) : {})) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
        payload = form.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      const response = await t.app.inject({ method: method as 'GET', url: path, headers, payload });
      if (access.permission === 'federation.read') {
        reached.push(key);
        if (response.statusCode === 401 || response.statusCode === 403 || response.statusCode >= 500) failures.push(`${key}: refused (${describeResponse(response)})`);
      } else if (response.statusCode !== 403) {
        failures.push(`${key}: answered ${describeResponse(response)} to a federation’s token, expected 403`);
      }
    }
    expect(failures).toEqual([]);
    expect(reached.sort()).toEqual(['GET /api/v1/federation/report', 'GET /federation', 'GET /federation/rapport.pdf', 'GET /federation/rapport.xlsx']);
  }, 180_000);
});
