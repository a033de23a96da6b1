import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';

describe('resources: fiches given with the modules of a training pathway', () => {
  let t: TestApp;
  let centreId: string;
  let pathwayId: string;
  let moduleIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'fiches-parcours', 'Centre social des parcours');
    const system = systemActor(centreId);
    const [skill] = await t.app.services.pathways.framework.activeSkills(centreId);
    const pathway = await t.app.services.pathways.pathways.create(system, {
      title: 'Premiers pas sur Internet', audience: 'adultes', description: null,
      modules: [
        { title: 'Le courriel', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [skill!.id], activityIds: [] },
        { title: 'Les arnaques', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [skill!.id], activityIds: [] },
      ],
    });
    pathwayId = pathway.id;
    moduleIds = (await t.app.services.pathways.pathways.detail(centreId, pathwayId)).modules.map((m) => m.id);
  });
  afterAll(() => t.close());

  it('lets the team pick the modules in the fiche editor, and shows the published fiche in the pathway and on the learner\'s progress page', async () => {
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    const editor = await coordinator.get('/fiches-pratiques/nouvelle');
    expect(editor.body).toContain('Premiers pas sur Internet — Le courriel');
    const form = { title: 'Envoyer un courriel', summary: 'Écrire et envoyer un message.', body: 'Ouvrez votre messagerie.', level: 'debutant', themes: ['email'], action: 'save' };
    const unknown = await coordinator.post('/fiches-pratiques/nouvelle', { ...form, moduleIds: ['00000000-0000-7000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Choisissez des modules des parcours de la liste');
    const saved = await coordinator.post('/fiches-pratiques/nouvelle', { ...form, moduleIds: [moduleIds[0]!] });
    expect(saved.statusCode).toBe(303);
    const ficheId = String(saved.headers.location).split('/').pop()!;
    expect((await coordinator.get(`/fiches-pratiques/${ficheId}`)).body).toMatch(new RegExp(`value="${moduleIds[0]}"[^>]*checked`));

    // A draft is not shown; once published, it is.
    expect((await coordinator.get(`/parcours/${pathwayId}`)).body).not.toContain('Envoyer un courriel');
    await t.app.services.resources.fiches.setPublished(systemActor(centreId), ficheId, true);
    const pathwayPage = await coordinator.get(`/parcours/${pathwayId}`);
    expect(pathwayPage.body).toContain('Fiches pratiques à lire');
    expect(pathwayPage.body).toContain('href="/ressources/envoyer-un-courriel"');

    const admin = await apiToken(t.app, centreId, 'admin');
    const personId = (await admin('POST', '/api/v1/persons', { firstName: 'Jeanne', lastName: 'Martin', commune: '59122', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id as string;
    const enrolment = await t.app.services.pathways.enrolments.enrol(systemActor(centreId), pathwayId, { personId, source: 'staff' });
    const link = await t.app.services.pathways.enrolments.createLink(systemActor(centreId), enrolment.id);
    const progress = await new Client(t.app).get(`/progression/${link.url.split('/progression/')[1]}`);
    expect(progress.statusCode).toBe(200);
    expect(progress.body).toContain('href="/ressources/envoyer-un-courriel"');

    // Through the API too.
    const api = await admin('GET', `/api/v1/resources/fiches/${ficheId}`);
    expect(api.json().moduleIds).toEqual([moduleIds[0]]);
  });

  it('notes the fiches given at a navette visit: shown under the report and in the person\'s file', async () => {
    const system = systemActor(centreId);
    const fiche = await t.app.services.resources.fiches.create(system, {
      title: 'Reconnaître un SMS frauduleux', summary: 'Les signes d’une arnaque.', body: 'Ne cliquez pas.', level: 'debutant', themes: ['securite_numerique'], competences: [], activityIds: [], moduleIds: [],
    });
    await t.app.services.resources.fiches.setPublished(system, fiche.id, true);
    const admin = await apiToken(t.app, centreId, 'admin');
    const personId = (await admin('POST', '/api/v1/persons', { firstName: 'Odette', lastName: 'Leroy', phone: '0611223344', commune: '59122', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id as string;
    const visit = await t.app.services.shuttle.requests.create(system, {
      personId, commune: '59122', address: null, location: null, problem: 'Des SMS étranges', theme: 'email', urgency: 'normale',
      availability: [{ weekday: 4, from: '09:00', to: '12:00' }], notes: null, durationMinutes: 45,
    });
    const { report } = await t.app.services.shuttle.reports.record(system, {
      clientId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', requestId: visit.id, summary: 'Montré les signes d’une arnaque', themes: ['email'], equipment: ['telephone'],
      autonomy: 'autonome', durationMinutes: 40, outcome: 'solved', appointment: null, followUps: [],
    });
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    const visitPage = await coordinator.get(`/navette/demandes/${visit.id}/visite`);
    expect(visitPage.body).toContain(`href="/fiches-pratiques/visites/${report.id}"`);

    const form = await coordinator.get(`/fiches-pratiques/visites/${report.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Reconnaître un SMS frauduleux');
    const unknown = await coordinator.post(`/fiches-pratiques/visites/${report.id}`, { ficheIds: ['00000000-0000-7000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Choisissez des fiches publiées de la liste');
    const saved = await coordinator.post(`/fiches-pratiques/visites/${report.id}`, { ficheIds: [fiche.id] });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/navette/demandes/${visit.id}/visite`);
    expect((await coordinator.get(`/navette/demandes/${visit.id}/visite`)).body).toContain(`href="/ressources/${fiche.slug}"`);

    expect((await coordinator.get(`/personnes/${personId}`)).body).toContain(`href="/fiches-pratiques/personnes/${personId}"`);
    const file = await coordinator.get(`/fiches-pratiques/personnes/${personId}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('Reconnaître un SMS frauduleux');

    // Another centre sees neither the visit nor the person.
    const elsewhere = await createCentre(t.app, 'fiches-ailleurs', 'Centre social voisin');
    const stranger = await signIn(t.app, elsewhere, 'coordinator');
    expect((await stranger.get(`/fiches-pratiques/visites/${report.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/fiches-pratiques/personnes/${personId}`)).statusCode).toBe(404);
  });
});
