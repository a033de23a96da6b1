import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { parisDate } from '../../platform/time.ts';
import { parseIcs } from '../../../tests/support/ical.ts';
import { apiToken, Client, createCentre, createStaff, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { nextThursday } from '../shuttle/shuttle.fixtures.ts';
import { activityInput, setupProgramme } from '../activities/activities.fixtures.ts';

describe('team: a driver or facilitator assigned to a navette tour', () => {
  let t: TestApp;
  let centreId: string;
  let thursday: string;
  let pathwayId: string;
  let draftId: string;
  let tourId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'equipe-navette', 'Centre social de la navette');
    const system = systemActor(centreId);
    const admin = await apiToken(t.app, centreId, 'admin');
    thursday = nextThursday(parisDate(t.clock.now()));
    for (const [firstName, location] of [['Odette', [3.18, 50.12]], ['Marcel', [3.2, 50.1]]] as const) {
      const personId = (await admin('POST', '/api/v1/persons', { firstName, lastName: 'Test', phone: '0611223344', commune: '59377', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id as string;
      const r = await admin('POST', '/api/v1/shuttle/requests', { personId, commune: '59377', problem: `Aide pour ${firstName}`, theme: 'email', location, availability: [{ weekday: 4, from: '09:00', to: '16:00' }] });
      expect(r.statusCode, r.body).toBe(201);
    }
    const options = { date: thursday, shift: { from: '08:30', to: '17:30' } };
    draftId = (await t.app.services.shuttle.tours.create(system, options, { confirm: false })).id;
    tourId = (await t.app.services.shuttle.tours.create(system, options, { confirm: true })).id;
    const [skill] = await t.app.services.pathways.framework.activeSkills(centreId);
    pathwayId = (await t.app.services.pathways.pathways.create(system, {
      title: 'Conduire la navette', audience: 'benevoles', description: null,
      modules: [{ title: 'Sécurité', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [skill!.id], activityIds: [] }],
    })).id;
  });
  afterAll(() => t.close());

  it('offers confirmed tours only, warns of the missing training, saves once confirmed, and follows the tour when it is called off', async () => {
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    expect((await coordinator.post('/equipe/formations-requises', { kind: 'tour', pathwayId })).statusCode).toBe(303);
    const driver = await createStaff(t.app, centreId, 'volunteer');

    // Nobody yet: the road sheet says so, and its link chooses the tour on the assignment form.
    const unstaffed = await coordinator.get(`/navette/tournees/${tourId}`);
    expect(unstaffed.body).toContain('Personne n’est encore affecté à cette tournée.');
    expect(unstaffed.body).toContain(`/equipe/affecter?creneau=tour:${tourId}`);
    expect((await coordinator.get(`/equipe/affecter?creneau=tour:${tourId}`)).body).toMatch(new RegExp(`<option[^>]*value="tour:${tourId}"[^>]*selected`));
    const form = await coordinator.get('/equipe/affecter');
    expect(form.body).toContain(`tour:${tourId}`);
    expect(form.body).toContain('Tournée de la navette (2 visites)');
    expect(form.body).not.toContain(`tour:${draftId}`);
    // A draft tour may still change: it cannot be assigned.
    const draft = await coordinator.post('/equipe/affecter', { userId: driver.id, slot: `tour:${draftId}` });
    expect(draft.statusCode).toBe(422);
    expect(draft.body).toContain('Choisissez');

    const warned = await coordinator.post('/equipe/affecter', { userId: driver.id, slot: `tour:${tourId}` });
    expect(warned.statusCode).toBe(200);
    expect(warned.body).toContain('Conduire la navette');
    expect(warned.body).toContain('Affecter quand même');
    expect(await t.app.services.team.assignments.listFor(systemActor(centreId), driver.id, thursday, 1)).toEqual([]);
    expect((await coordinator.post('/equipe/affecter', { userId: driver.id, slot: `tour:${tourId}`, confirm: 'oui' })).statusCode).toBe(303);
    expect((await coordinator.post('/equipe/affecter', { userId: driver.id, slot: `tour:${tourId}`, confirm: 'oui' })).statusCode).toBe(409);

    // The road sheet (page, PDF text and API) names the team.
    const sheet = await coordinator.get(`/navette/tournees/${tourId}`);
    expect(sheet.body).toContain(`Équipe : ${driver.displayName}.`);
    await expect((await apiToken(t.app, centreId, 'coordinator'))('GET', `/api/v1/shuttle/tours/${tourId}`).then((r) => r.json().team)).resolves.toEqual([{ userId: driver.id, displayName: driver.displayName }]);

    // In the API, the week and the calendar, from the shift's start (8 h 30) to the car's return.
    const api = await apiToken(t.app, centreId, 'coordinator');
    const listed = (await api('GET', `/api/v1/team/assignments?userId=${driver.id}&from=${thursday}&days=1`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ kind: 'tour', tourId, day: thursday, confirmedConflicts: ['missing_training'] })]);
    const login = await t.app.ctx.auth.login(driver.email, 'un mot de passe de test');
    const me = new Client(t.app);
    me.cookies.set('lieudit_sid', login!.cookie!);
    await me.get('/contact');
    expect((await me.get(`/ma-semaine?semaine=${thursday}`)).body).toContain('Tournée de la navette (2 visites)');
    const made = await me.post('/ma-semaine/calendrier', {});
    const feedPath = new URL(/value="(http:\/\/lieudit\.test\/calendrier\/[^"]+\.ics)"/.exec(made.body)![1]!).pathname;
    const event = async () => parseIcs((await me.get(feedPath)).body).find((e) => /Tournée/.test(e.summary))!;
    expect(await event()).toMatchObject({ start: `${thursday}T08:30:00`, sequence: 0 });

    // Another assignment at the same time is a double booking.
    const twice = await api('POST', '/api/v1/team/assignments', { userId: driver.id, slot: `tour:${tourId}` });
    expect(twice.statusCode).toBe(409);

    // A visit taken out: the car comes back earlier, and the assignment and the calendar follow.
    const tours = t.app.services.shuttle.tours;
    const planned = await tours.get(systemActor(centreId), tourId);
    const [assignedBefore] = await t.app.services.team.assignments.listFor(systemActor(centreId), driver.id, thursday, 1);
    const shorter = await tours.reorder(systemActor(centreId), tourId, [planned.stops[0]!.request.id]);
    expect(shorter.returnAt < planned.returnAt).toBe(true);
    const [assignedAfter] = await t.app.services.team.assignments.listFor(systemActor(centreId), driver.id, thursday, 1);
    expect(assignedAfter!.startsAt).toBe(assignedBefore!.startsAt);
    expect(assignedAfter!.endsAt < assignedBefore!.endsAt).toBe(true);
    expect(await event()).toMatchObject({ start: `${thursday}T08:30:00`, end: `${thursday}T${shorter.returnAt}:00`, sequence: 1 });
    // The same order again changes no time: the calendar keeps its sequence.
    await tours.reorder(systemActor(centreId), tourId, [planned.stops[0]!.request.id]);
    expect(await event()).toMatchObject({ sequence: 1 });

    // Called off: the assignment stays, marked cancelled, and the calendar says so.
    await tours.cancel(systemActor(centreId), tourId);
    expect((await me.get(`/ma-semaine?semaine=${thursday}`)).body).toContain('Tournée annulée');
    expect(await event()).toMatchObject({ status: 'CANCELLED', sequence: 2 });
    expect((await coordinator.get('/equipe/affecter')).body).not.toContain(`tour:${tourId}`);
  });

  it('shows on a session\'s page who the team assigned to it, and the activity\'s facilitators while nobody is', async () => {
    const system = systemActor(centreId);
    const { studioId } = await setupProgramme(t.app, centreId);
    const usual = await createStaff(t.app, centreId, 'facilitator', 'animatrice-habituelle@exemple.fr');
    const activity = await t.app.services.activities.programme.create(system, activityInput(t.clock, studioId, { title: 'Atelier photo', facilitatorIds: [usual.id] }));
    const [session] = await t.app.services.activities.programme.sessions(system, activity.id);
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    const before = await coordinator.get(`/seances/${session!.id}`);
    expect(before.body).toContain(`Animateurs de l’activité : ${usual.displayName}`);
    const stand = await createStaff(t.app, centreId, 'volunteer', 'remplacant@exemple.fr');
    expect((await coordinator.post('/equipe/affecter', { userId: stand.id, slot: `session:${session!.id}`, confirm: 'oui' })).statusCode).toBe(303);
    const after = await coordinator.get(`/seances/${session!.id}`);
    expect(after.body).toContain(`Animée par : ${stand.displayName}`);
    expect(after.body).not.toContain('Animateurs de l’activité');
  });
});
