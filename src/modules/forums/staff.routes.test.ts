import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, errorSummaryTargets, signIn, type TestApp } from '../../../tests/support/app.ts';
import { setupConsultation, voter } from './forums.fixtures.ts';

const NOW = '2027-03-10T10:00:00Z';

describe('forums: staff pages', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp({}, { now: NOW });
    centreId = await createCentre(t.app, 'forumstaff', 'Centre social de l’équipe');
  });
  afterAll(() => t.close());

  it('a coordinator opens a consultation, enters a paper theme, moderates, and a volunteer enters a tally of 27', async () => {
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    const bad = await coordinator.post('/consultations/nouvelle', { title: '', proposalsOpenOn: '2027-02-01', votesOpenOn: '2027-01-01', votesCloseOn: '2027-03-31', votesPerPerson: 'trois', moderation: 'oui' });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(errorSummaryTargets(bad.body))).toEqual(['champ-title', 'champ-votesPerPerson']);
    expect(bad.body).toContain('Indiquez le titre de la consultation');
    const created = await coordinator.post('/consultations/nouvelle', {
      title: 'Forums 2027', description: '', proposalsOpenOn: '2027-02-01', votesOpenOn: '2027-03-01', votesCloseOn: '2027-03-31', votesPerPerson: '3', moderation: 'oui', eligibleCommunes: '59389, 59377',
    });
    expect(created.statusCode).toBe(303);
    const url = created.headers.location as string;
    const id = url.split('/').pop()!;
    const paper = await coordinator.post(`/consultations/${id}/proposition`, { origin: 'paper', title: 'La santé en ligne', body: 'Boîte à idées', communeInsee: '' });
    expect(paper.statusCode).toBe(303);
    await coordinator.post(`/consultations/${id}/proposition`, { origin: 'phone', title: 'La santé sur internet', body: '', communeInsee: '' });
    const rows = await t.db.kysely.selectFrom('forumProposals').select(['id', 'title']).where('consultationId', '=', id).orderBy('title').execute();
    const [first, second] = rows as [{ id: string; title: string }, { id: string; title: string }];
    const noReason = await coordinator.post(`/consultations/themes/${first.id}/moderer`, { action: 'reject', publicAnswer: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Indiquez le motif, qui sera affiché publiquement');
    const merged = await coordinator.post(`/consultations/themes/${second.id}/moderer`, { action: 'merge', mergedIntoId: first.id, publicAnswer: 'Même sujet.' });
    expect(merged.statusCode).toBe(303);

    const volunteer = await signIn(t.app, centreId, 'volunteer');
    const form = await volunteer.get(`/consultations/${id}/decompte`);
    expect(form.statusCode).toBe(200);
    const missing = await volunteer.post(`/consultations/${id}/decompte`, { proposalId: '', count: '', collectedWhere: '', collectedOn: '' });
    expect(missing.statusCode).toBe(422);
    const tally = await volunteer.post(`/consultations/${id}/decompte`, { proposalId: first.id, count: '27', collectedWhere: 'collectés au marché', collectedOn: '2027-03-09' });
    expect(tally.statusCode).toBe(303);
    const page = await volunteer.get(`/consultations/${id}`);
    expect(page.body).toContain('collectés au marché');
    // Who entered each tally, by name.
    const enteredBy = await t.db.kysely
      .selectFrom('forumPaperTallies')
      .innerJoin('users', 'users.id', 'forumPaperTallies.enteredBy')
      .select('users.displayName')
      .where('forumPaperTallies.consultationId', '=', id)
      .executeTakeFirstOrThrow();
    expect(page.body).toMatch(new RegExp(`<td[^>]*>collectés au marché</td>.*<td[^>]*>${enteredBy.displayName}</td></tr>`, 's'));
    expect(page.body).toContain('Regroupée');
    // Volunteers enter paper votes but do not moderate.
    expect(page.body).not.toContain('/moderer');
    expect((await volunteer.post(`/consultations/themes/${first.id}/moderer`, { action: 'accept' })).statusCode).toBe(403);
    // The winning theme becomes an information time in the programme, with registration.
    expect((await volunteer.get(`/consultations/themes/${first.id}/programmer`)).statusCode).toBe(403);
    const site = await t.app.services.centre.createSite(centreId, { name: 'Salle des fêtes', kind: 'village_hall', communeInsee: '59377' });
    const form2 = await coordinator.get(`/consultations/themes/${first.id}/programmer`);
    expect(form2.body).toContain('Salle des fêtes');
    const wrong = await coordinator.post(`/consultations/themes/${first.id}/programmer`, { siteId: '', theme: 'sante', date: '2027-05-12', startTime: '18:00', endTime: '20:00', capacity: '30' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Choisissez un lieu');
    const programmed = await coordinator.post(`/consultations/themes/${first.id}/programmer`, { siteId: site.id, theme: 'sante', date: '2027-05-12', startTime: '18:00', endTime: '20:00', capacity: '30' });
    expect(programmed.statusCode).toBe(303);
    const activityId = String(programmed.headers.location).split('/').pop()!;
    const activity = await t.db.kysely.selectFrom('activities').select(['title', 'kind', 'published', 'capacity']).where('id', '=', activityId).executeTakeFirstOrThrow();
    expect(activity).toMatchObject({ title: 'La santé en ligne', kind: 'temps_info', capacity: 30 });
    expect((await t.db.kysely.selectFrom('forumProposals').select('activityId').where('id', '=', first.id).executeTakeFirstOrThrow()).activityId).toBe(activityId);
    expect((await coordinator.post(`/consultations/themes/${first.id}/programmer`, { siteId: site.id, theme: 'sante', date: '2027-05-19', startTime: '18:00', endTime: '20:00', capacity: '30' })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: `/activites/${activityId}` })).statusCode).toBe(200);

    const results = await volunteer.get(`/forums/${id}/resultats`);
    expect(results.body).toMatch(/<th scope="row">La santé en ligne<\/th><td data-label="En ligne">0<\/td><td data-label="Sur papier">27<\/td><td data-label="Total"><strong>27<\/strong>/);
  });

  it('a coordinator changes a consultation with the same form, prefilled; bad dates change nothing; once someone voted, the number of themes each may support stays', async () => {
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    const { consultation: c, themes } = await setupConsultation(t.app, centreId, { eligibleCommunes: ['59389', '59377'] });
    const page = await coordinator.get(`/consultations/${c.id}`);
    expect(page.body).toContain(`href="/consultations/${c.id}/modifier"`);
    const form = await coordinator.get(`/consultations/${c.id}/modifier`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>Modifier la consultation</h1>');
    expect(form.body).toContain('value="Consultation 2027"');
    expect(form.body).toContain('value="59389, 59377"');
    expect(form.body).toContain(`action="/consultations/${c.id}/modifier"`);
    const fields = { title: 'Forums de l’année 2027', description: 'Choisissez les thèmes.', proposalsOpenOn: c.proposalsOpenOn, votesOpenOn: c.votesOpenOn, votesCloseOn: c.votesCloseOn, votesPerPerson: '3', moderation: 'oui', eligibleCommunes: '59389' };

    const backwards = await coordinator.post(`/consultations/${c.id}/modifier`, { ...fields, votesCloseOn: '2027-01-01' });
    expect(backwards.statusCode).toBe(422);
    expect(Object.keys(errorSummaryTargets(backwards.body))).toEqual(['champ-votesCloseOn']);
    expect(backwards.body).toContain('value="Forums de l’année 2027"');
    const row = () => t.db.kysely.selectFrom('forumConsultations').select(['title', 'votesPerPerson', 'eligibleCommunes']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ title: 'Consultation 2027', votesPerPerson: 3, eligibleCommunes: '59389|59377' });

    const saved = await coordinator.post(`/consultations/${c.id}/modifier`, fields);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/consultations/${c.id}`);
    expect(await row()).toEqual({ title: 'Forums de l’année 2027', votesPerPerson: 3, eligibleCommunes: '59389' });
    expect((await coordinator.get(`/consultations/${c.id}`)).body).toContain('La consultation est modifiée.');

    await t.app.services.forums.forums.vote(centreId, c.id, { proposalIds: [themes[0]!.id], ...voter(1), consent: true, communeInsee: '59389' });
    const locked = await coordinator.post(`/consultations/${c.id}/modifier`, { ...fields, votesPerPerson: '1' });
    expect(locked.statusCode).toBe(422);
    expect(locked.body).toContain('le nombre de thèmes que chaque personne peut soutenir ne peut plus changer');
    expect((await row()).votesPerPerson).toBe(3);

    const volunteer = await signIn(t.app, centreId, 'volunteer');
    expect((await volunteer.get(`/consultations/${c.id}/modifier`)).statusCode).toBe(403);
    expect((await volunteer.post(`/consultations/${c.id}/modifier`, fields)).statusCode).toBe(403);
    expect((await volunteer.get(`/consultations/${c.id}`)).body).not.toContain('/modifier');
  });
});
