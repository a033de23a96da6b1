import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { limitsOf } from '../../platform/public-forms/public-forms.ts';
import { setupConsultation, voter } from './forums.fixtures.ts';

// A Wednesday in March 2027 at 11 h in Paris: the consultation's votes are open.
const NOW = '2027-03-10T10:00:00Z';

describe('forums API', () => {
  let t: TestApp;
  let centreId: string;
  let coordinator: Awaited<ReturnType<typeof apiToken>>;
  let volunteer: Awaited<ReturnType<typeof apiToken>>;
  const anon = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.app.inject({ method, url, ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) } : {}) });

  beforeAll(async () => {
    t = await createTestApp({}, { now: NOW });
    centreId = await createCentre(t.app, 'forums', 'Centre social des forums');
    coordinator = await apiToken(t.app, centreId, 'coordinator');
    volunteer = await apiToken(t.app, centreId, 'volunteer');
  });
  afterAll(() => t.close());

  it('opens a consultation whose phase follows its dates and the clock', async () => {
    const created = await coordinator('POST', '/api/v1/forums/consultations', {
      title: 'Forums 2027', proposalsOpenOn: '2027-04-01', votesOpenOn: '2027-05-01', votesCloseOn: '2027-05-31', votesPerPerson: 3, moderation: true, eligibleCommunes: ['59389'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ phase: 'upcoming', eligibleCommunes: ['59389'], moderation: true });
    const list = await volunteer('GET', '/api/v1/forums/consultations');
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(created.json().id);
    // Volunteers read but do not open consultations.
    expect((await volunteer('POST', '/api/v1/forums/consultations', { title: 'x', proposalsOpenOn: '2027-04-01', votesOpenOn: '2027-05-01', votesCloseOn: '2027-05-31', votesPerPerson: 3, moderation: true })).statusCode).toBe(403);
  });

  it('refuses bad input with a French 422 and changes nothing', async () => {
    const before = (await coordinator('GET', '/api/v1/forums/consultations')).json().items.length;
    const bad = await coordinator('POST', '/api/v1/forums/consultations', {
      title: '', proposalsOpenOn: '2027-02-30', votesOpenOn: '2027-05-01', votesCloseOn: '2027-04-01', votesPerPerson: 0, moderation: true,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields).toMatchObject({ title: 'Indiquez le titre de la consultation', votesPerPerson: 'Indiquez un nombre de votes par personne entre 1 et 20' });
    const order = await coordinator('POST', '/api/v1/forums/consultations', {
      title: 'Dates à l’envers', proposalsOpenOn: '2027-04-01', votesOpenOn: '2027-05-01', votesCloseOn: '2027-04-20', votesPerPerson: 3, moderation: false,
    });
    expect(order.statusCode).toBe(422);
    expect(order.json().fields.votesCloseOn).toBe('La fin des votes vient le jour de leur ouverture ou après');
    expect((await coordinator('GET', '/api/v1/forums/consultations')).json().items.length).toBe(before);
  });

  it('takes web proposals in the proposals phase only, paper ones until the votes close', async () => {
    const { consultation } = await setupConsultation(t.app, centreId, { themes: 1 });
    const web = await anon('POST', `/api/v1/forums/consultations/${consultation.id}/proposals`, { title: 'Les arnaques par SMS', ...voter(50) });
    expect(web.statusCode).toBe(409);
    expect(web.json().message).toBe('Il n’est pas possible de proposer un thème en ce moment.');
    const paper = await volunteer('POST', `/api/v1/forums/consultations/${consultation.id}/proposals`, { title: 'La santé en ligne', body: 'Ameli, Doctolib', origin: 'paper' });
    expect(paper.statusCode).toBe(201);
    expect(paper.json()).toMatchObject({ origin: 'paper', status: 'accepted' });

    // Before the votes: a resident proposes; moderation holds the theme until staff accept it.
    t.clock.set(`${addDays(consultation.votesOpenOn, -3)}T10:00:00Z`);
    try {
      const missing = await anon('POST', `/api/v1/forums/consultations/${consultation.id}/proposals`, { title: 'Les arnaques par SMS' });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().fields).toMatchObject({ firstName: 'Indiquez votre prénom', email: 'Indiquez votre adresse e-mail' });
      const ok = await anon('POST', `/api/v1/forums/consultations/${consultation.id}/proposals`, { title: 'Les arnaques par SMS', body: 'Comment les reconnaître', ...voter(51) });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ origin: 'web', status: 'proposed' });
      const row = await t.db.kysely.selectFrom('forumProposals').selectAll().where('id', '=', ok.json().id).executeTakeFirstOrThrow();
      expect(row.authorEmail).toBe('odette51@exemple.fr');
      expect(row.authorPersonId).not.toBeNull();
      // The author's contact never leaves through the API.
      expect(JSON.stringify((await coordinator('GET', `/api/v1/forums/consultations/${consultation.id}/proposals`)).json())).not.toContain('odette51');

      // Anonymous: an e-mail and the consent, no name (a name sent along is dropped, never stored).
      const url = `/api/v1/forums/consultations/${consultation.id}/proposals`;
      const bare = await anon('POST', url, { title: 'Les démarches de retraite', anonymous: true });
      expect(bare.statusCode).toBe(422);
      expect(Object.keys(bare.json().fields).sort()).toEqual(['consent', 'email']);
      const badFlag = await anon('POST', url, { title: 'Les démarches de retraite', anonymous: 'oui', email: 'anonyme.api@exemple.fr', consent: true });
      expect(badFlag.statusCode).toBe(422);
      expect(badFlag.json().fields.anonymous).toBe('Indiquez true ou false pour anonymous');
      const before = await t.db.kysely.selectFrom('persons').select('id').where('centerId', '=', centreId).execute();
      const anonymous = await anon('POST', url, { title: 'Les démarches de retraite', anonymous: true, firstName: 'Ignorée', lastName: 'Toujours', email: 'anonyme.api@exemple.fr', consent: true });
      expect(anonymous.statusCode).toBe(201);
      expect(anonymous.json()).toMatchObject({ origin: 'web', status: 'proposed', anonymous: true });
      expect(JSON.stringify(anonymous.json())).not.toMatch(/anonyme\.api|Ignorée/);
      const anonymousRow = await t.db.kysely.selectFrom('forumProposals').selectAll().where('id', '=', anonymous.json().id).executeTakeFirstOrThrow();
      expect(anonymousRow).toMatchObject({ authorName: null, authorPersonId: null, authorEmail: 'anonyme.api@exemple.fr' });
      expect((await t.db.kysely.selectFrom('persons').select('id').where('centerId', '=', centreId).execute()).length).toBe(before.length);
      const listed = (await coordinator('GET', url)).json().items as { id: string; anonymous: boolean }[];
      expect(listed.find((p) => p.id === anonymous.json().id)?.anonymous).toBe(true);
      expect(listed.find((p) => p.id === ok.json().id)?.anonymous).toBe(false);

      // Refused, then the theme it repeats programmed: the author hears of each, once.
      const refused = await coordinator('PATCH', `/api/v1/forums/proposals/${anonymous.json().id}`, { action: 'reject', publicAnswer: 'Déjà au programme de la médiathèque.' });
      expect(refused.statusCode).toBe(200);
      await coordinator('PATCH', `/api/v1/forums/proposals/${anonymous.json().id}`, { action: 'reject', publicAnswer: 'Déjà au programme de la médiathèque.' });
      const mails = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'anonyme.api@exemple.fr').execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.body).toContain('L’équipe ne l’a pas retenue');
      expect(mails[0]!.body).toContain('Déjà au programme de la médiathèque.');
      expect(mails[0]!.personId).toBeNull();

      // Themes are programmed once the votes have opened, not before.
      const early = await coordinator('POST', `/api/v1/forums/proposals/${paper.json().id}/programme`, {
        siteId: '00000000-0000-4000-8000-000000000000', date: addDays(consultation.votesCloseOn, 20), startTime: '18:00', endTime: '20:00', capacity: 30, theme: 'sante',
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toBe('Un thème se programme une fois les votes ouverts.');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('counts one vote per person and theme, up to the limit, during the votes phase only', async () => {
    const { consultation, themes } = await setupConsultation(t.app, centreId, { themes: 5, votesPerPerson: 3 });
    const url = `/api/v1/forums/consultations/${consultation.id}/votes`;
    const [a, b, c, d] = themes.map((x) => x.id);
    const first = await anon('POST', url, { proposalIds: [a, b], ...voter(1) });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ added: 2, remaining: 1 });
    // The same person (the e-mail in capitals) again: a theme already supported counts once.
    const again = await anon('POST', url, { proposalIds: [a, c], ...voter(1), email: 'ODETTE1@exemple.fr' });
    expect(again.json()).toMatchObject({ added: 1, remaining: 0 });
    const over = await anon('POST', url, { proposalIds: [d], ...voter(1) });
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toBe('Vous avez déjà soutenu 3 thèmes : vous pouvez en soutenir 3 au plus');
    const tooMany = await anon('POST', url, { proposalIds: [a, b, c, d], ...voter(2) });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().message).toBe('Choisissez 3 thèmes au plus');
    const noConsent = await anon('POST', url, { proposalIds: [a], ...voter(3), consent: false });
    expect(noConsent.statusCode).toBe(422);
    const votes = await t.db.kysely.selectFrom('forumVotes').select('proposalId').where('consultationId', '=', consultation.id).execute();
    expect(votes.map((v) => v.proposalId).sort()).toEqual([a, b, c].sort());
    expect((await t.db.kysely.selectFrom('forumVoters').select('id').where('consultationId', '=', consultation.id).execute()).length).toBe(1);

    t.clock.set(`${addDays(consultation.votesCloseOn, 1)}T08:00:00Z`);
    try {
      const late = await anon('POST', url, { proposalIds: [d], ...voter(4) });
      expect(late.statusCode).toBe(409);
      expect(late.json().message).toBe('Les votes sont terminés.');
    } finally {
      t.clock.set(NOW);
    }
    t.clock.set(`${addDays(consultation.votesOpenOn, -1)}T08:00:00Z`);
    try {
      expect((await anon('POST', url, { proposalIds: [d], ...voter(4) })).json().message).toBe('Les votes ne sont pas encore ouverts.');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('only residents of the eligible communes vote when the consultation says so', async () => {
    const { consultation, themes } = await setupConsultation(t.app, centreId, { themes: 1, eligibleCommunes: ['59389', '59377'] });
    const url = `/api/v1/forums/consultations/${consultation.id}/votes`;
    const outside = await anon('POST', url, { proposalIds: [themes[0]!.id], ...voter(5), communeInsee: '75056' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().fields.communeInsee).toContain('communes partenaires');
    expect((await anon('POST', url, { proposalIds: [themes[0]!.id], ...voter(5), communeInsee: '59377' })).statusCode).toBe(200);
  });

  it('adds paper tallies to online votes in the ranked results, merges themes with their support', async () => {
    const { consultation, themes } = await setupConsultation(t.app, centreId, { themes: 3, votesPerPerson: 2 });
    const [a, b, c] = themes.map((x) => x.id) as [string, string, string];
    for (const i of [10, 11]) await anon('POST', `/api/v1/forums/consultations/${consultation.id}/votes`, { proposalIds: [a, b], ...voter(i) });
    await anon('POST', `/api/v1/forums/consultations/${consultation.id}/votes`, { proposalIds: [c], ...voter(12) });
    const today = parisDate(t.clock.now());
    const tally = await volunteer('POST', `/api/v1/forums/consultations/${consultation.id}/tallies`, { proposalId: c, count: 27, collectedWhere: 'collectés au marché', collectedOn: today });
    expect(tally.statusCode).toBe(201);
    expect(tally.json()).toMatchObject({ count: 27, collectedWhere: 'collectés au marché' });
    const future = await volunteer('POST', `/api/v1/forums/consultations/${consultation.id}/tallies`, { proposalId: c, count: 3, collectedWhere: 'mairie', collectedOn: addDays(today, 2) });
    expect(future.statusCode).toBe(422);

    const results = await anon('GET', `/api/v1/forums/consultations/${consultation.id}/results`);
    expect(results.statusCode).toBe(200);
    expect(results.json()).toMatchObject({ provisional: true, voters: 3 });
    expect(results.json().items.map((i: { title: string; online: number; paper: number; total: number; rank: number }) => [i.rank, i.title, i.online, i.paper, i.total])).toEqual([
      [1, 'Thème 3', 1, 27, 28],
      [2, 'Thème 1', 2, 0, 2],
      [2, 'Thème 2', 2, 0, 2],
    ]);

    // Theme 2 joins theme 1: the two voters already support theme 1, so nothing is counted twice.
    const noReason = await coordinator('PATCH', `/api/v1/forums/proposals/${b}`, { action: 'reject' });
    expect(noReason.statusCode).toBe(422);
    const merged = await coordinator('PATCH', `/api/v1/forums/proposals/${b}`, { action: 'merge', mergedIntoId: a, publicAnswer: 'Même sujet que le thème 1.' });
    expect(merged.json()).toMatchObject({ status: 'merged', mergedIntoId: a });
    await coordinator('PATCH', `/api/v1/forums/proposals/${c}`, { action: 'answer', publicAnswer: 'Un forum en mai à Marcoing.' });
    const after = (await anon('GET', `/api/v1/forums/consultations/${consultation.id}/results`)).json();
    expect(after.items.map((i: { title: string; total: number; publicAnswer: string | null }) => [i.title, i.total, i.publicAnswer])).toEqual([
      ['Thème 3', 28, 'Un forum en mai à Marcoing.'],
      ['Thème 1', 2, null],
    ]);
  });

  it('a resident reports a theme: staff see the count', async () => {
    const { consultation, themes } = await setupConsultation(t.app, centreId, { themes: 1 });
    expect((await anon('POST', `/api/v1/forums/proposals/${themes[0]!.id}/reports`)).statusCode).toBe(204);
    const list = (await coordinator('GET', `/api/v1/forums/consultations/${consultation.id}/proposals`)).json();
    expect(list.items[0].reportsCount).toBe(1);
  });

  it('exports, and erases, a voter with their person file; the votes stay counted', async () => {
    const { consultation, themes } = await setupConsultation(t.app, centreId, { themes: 1 });
    await anon('POST', `/api/v1/forums/consultations/${consultation.id}/votes`, { proposalIds: [themes[0]!.id], firstName: 'Quirinal', lastName: 'Vasquezor', email: 'quirinal@exemple.fr', consent: true });
    const voterRow = await t.db.kysely.selectFrom('forumVoters').selectAll().where('consultationId', '=', consultation.id).executeTakeFirstOrThrow();
    expect(voterRow.personId).not.toBeNull();
    const admin = systemActor(centreId);
    const exported = await t.app.services.people.exportData(admin, voterRow.personId!);
    expect(JSON.stringify(exported)).toContain('quirinal@exemple.fr');
    expect(JSON.stringify(exported)).toContain('Thème 1');
    await t.app.services.people.erase(admin, voterRow.personId!);
    const erased = await t.db.kysely.selectFrom('forumVoters').selectAll().where('id', '=', voterRow.id).executeTakeFirstOrThrow();
    expect([erased.firstName, erased.lastName, erased.email]).toEqual([null, null, null]);
    expect(erased.contactKey).toBe(`erased:${voterRow.id}`);
    expect((await anon('GET', `/api/v1/forums/consultations/${consultation.id}/results`)).json().items[0].online).toBe(1);
  });

  it('limits what one connection can do in a day (votes under invented addresses, proposals), in French, saving nothing past the limit', async () => {
    const { consultation, themes } = await setupConsultation(t.app, centreId, { themes: 1 });
    const from = (remoteAddress: string, url: string, body: unknown) =>
      t.app.inject({ method: 'POST', url, remoteAddress, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const votesUrl = `/api/v1/forums/consultations/${consultation.id}/votes`;
    const limit = limitsOf('vote').perAddress;
    for (let i = 0; i < limit; i++) expect((await from('192.0.2.40', votesUrl, { proposalIds: [themes[0]!.id], ...voter(300 + i) })).statusCode).toBe(200);
    const refused = await from('192.0.2.40', votesUrl, { proposalIds: [themes[0]!.id], ...voter(399) });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/^Beaucoup de votes ont déjà été faits en ligne depuis cette connexion/);
    // Another connection votes; the same person voting again from elsewhere is counted once.
    expect((await from('192.0.2.41', votesUrl, { proposalIds: [themes[0]!.id], ...voter(300) })).json()).toMatchObject({ added: 0 });
    expect((await anon('GET', `/api/v1/forums/consultations/${consultation.id}/results`)).json().items[0].online).toBe(limit);

    // Proposals: three per e-mail address, ten per connection.
    t.clock.set(`${addDays(consultation.votesOpenOn, -3)}T10:00:00Z`);
    try {
      const url = `/api/v1/forums/consultations/${consultation.id}/proposals`;
      const count = async () => (await t.db.kysely.selectFrom('forumProposals').select('id').where('consultationId', '=', consultation.id).execute()).length;
      for (let i = 0; i < 3; i++) expect((await from(`192.0.2.5${i}`, url, { title: `Idée ${i}`, ...voter(500) })).statusCode).toBe(201);
      const before = await count();
      const again = await from('192.0.2.59', url, { title: 'Idée 4', ...voter(500) });
      expect(again.statusCode).toBe(429);
      expect(again.json().message).toMatch(/^Vous avez déjà proposé 3 thèmes en ligne dans la journée/);
      for (let i = 0; i < 10; i++) expect((await from('192.0.2.60', url, { title: `Autre idée ${i}`, ...voter(600 + i) })).statusCode).toBe(201);
      expect((await from('192.0.2.60', url, { title: 'Une de trop', ...voter(699) })).statusCode).toBe(429);
      expect(await count()).toBe(before + 10);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('the winning theme becomes a forum with registrations; the results say so, with the themes not retained', async () => {
    const { consultation, themes } = await setupConsultation(t.app, centreId, { themes: 3 });
    const resultsUrl = `/api/v1/forums/consultations/${consultation.id}/results`;
    for (let i = 0; i < 3; i++) await anon('POST', `/api/v1/forums/consultations/${consultation.id}/votes`, { proposalIds: [themes[1]!.id], ...voter(800 + i) });
    await anon('POST', `/api/v1/forums/consultations/${consultation.id}/votes`, { proposalIds: [themes[0]!.id], ...voter(810) });
    const refusedTheme = await coordinator('PATCH', `/api/v1/forums/proposals/${themes[2]!.id}`, { action: 'reject', publicAnswer: 'Déjà traité par la médiathèque.' });
    expect(refusedTheme.statusCode).toBe(200);
    t.clock.set(`${addDays(consultation.votesCloseOn, 1)}T10:00:00Z`);
    try {
      const results = (await anon('GET', resultsUrl)).json();
      expect(results.provisional).toBe(false);
      const winner = results.items[0];
      expect([winner.title, winner.total, winner.activityId]).toEqual(['Thème 2', 3, null]);
      expect(results.notRetained).toEqual([{ title: 'Thème 3', status: 'rejected', publicAnswer: 'Déjà traité par la médiathèque.', mergedIntoTitle: null }]);

      const site = await t.app.services.centre.createSite(centreId, { name: 'Salle du forum', kind: 'village_hall', address: null, communeInsee: '59389' });
      const date = addDays(parisDate(t.clock.now()), 30);
      const form = { siteId: site.id, date, startTime: '18:00', endTime: '20:00', capacity: 40, theme: 'securite_numerique' };
      expect((await volunteer('POST', `/api/v1/forums/proposals/${winner.proposalId}/programme`, form)).statusCode).toBe(403);
      const bad = await coordinator('POST', `/api/v1/forums/proposals/${winner.proposalId}/programme`, { ...form, date: '2027-02-30', capacity: 0 });
      expect(bad.statusCode).toBe(422);
      expect(Object.keys(bad.json().fields).sort()).toEqual(['capacity', 'date']);
      const programmed = await coordinator('POST', `/api/v1/forums/proposals/${winner.proposalId}/programme`, form);
      expect(programmed.statusCode).toBe(201);
      const { activityId } = programmed.json();
      expect((await coordinator('POST', `/api/v1/forums/proposals/${winner.proposalId}/programme`, form)).statusCode).toBe(409);
      expect((await anon('GET', resultsUrl)).json().items[0].activityId).toBe(activityId);

      // The forum is in the public programme, and residents register for it.
      const sessions = (await coordinator('GET', `/api/v1/activities/${activityId}/sessions`)).json().items as { id: string }[];
      expect(sessions).toHaveLength(1);
      const registered = await coordinator('POST', `/api/v1/sessions/${sessions[0]!.id}/registrations`, {
        person: { firstName: 'Odette', lastName: 'Inscrite', email: 'odette.inscrite@exemple.fr' }, dataProcessing: true,
      });
      expect(registered.statusCode, registered.body).toBe(201);
      expect(registered.json().status).toBe('confirmed');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('shows no results before the votes open, on the page and through the API alike', async () => {
    const created = await coordinator('POST', '/api/v1/forums/consultations', {
      title: 'Forums 2028', proposalsOpenOn: '2027-04-01', votesOpenOn: '2027-05-01', votesCloseOn: '2027-05-31', votesPerPerson: 3, moderation: true,
    });
    const id = created.json().id;
    expect((await anon('GET', `/api/v1/forums/consultations/${id}/results`)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/forums/${id}/resultats` })).statusCode).toBe(404);
  });
});
