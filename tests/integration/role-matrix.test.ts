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
  'GET /health': p(),
  'GET /connexion': p(),
  'POST /connexion': p({ form: () => ({ email: 'personne@exemple.fr', password: 'pas le bon mot de passe' }) }),
  'POST /deconnexion': p({ ownSession: true, endsAtLogin: true }),
  'GET /mot-de-passe/oublie': p(),
  'POST /mot-de-passe/oublie': p({ form: () => ({ email: 'inconnu@exemple.fr' }) }),
  'GET /mot-de-passe/envoye': p(),
  // An unknown reset token answers 400 to everyone: nothing to refuse.
  'GET /mot-de-passe/nouveau': p({ query: 'jeton=inconnu' }),
  'POST /mot-de-passe/nouveau': p({ form: () => ({ jeton: 'inconnu', password: 'une phrase assez longue' }) }),
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
});
