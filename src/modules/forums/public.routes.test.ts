import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { setupConsultation } from './forums.fixtures.ts';

const NOW = '2027-03-10T10:00:00Z';

describe('forums: residents’ pages', () => {
  let t: TestApp;
  let centreId: string;
  let setup: Awaited<ReturnType<typeof setupConsultation>>;
  beforeAll(async () => {
    t = await createTestApp({}, { now: NOW });
    centreId = await createCentre(t.app, 'forumpages', 'Centre social des pages');
    setup = await setupConsultation(t.app, centreId, { themes: 4, votesPerPerson: 3 });
  });
  afterAll(() => t.close());

  it('shows the open consultation and its themes, with the vote button', async () => {
    const page = await new Client(t.app).get('/forums');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Consultation 2027');
    expect(page.body).toContain('Thème 4');
    expect(page.body).toContain(`href="/forums/${setup.consultation.id}/voter"`);
  });

  it('a resident reports a theme from the consultation page; staff see the count', async () => {
    const c = new Client(t.app);
    const [, second] = setup.themes;
    const home = await c.get('/forums');
    expect(home.body).toContain(`action="/forums/themes/${second!.id}/signaler"`);
    const reported = await c.post(`/forums/themes/${second!.id}/signaler`, {});
    expect(reported.statusCode).toBe(200);
    expect(reported.body).toContain('Merci, l’équipe va regarder ce thème');
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    expect((await coordinator.get(`/consultations/${setup.consultation.id}`)).body).toContain('1 signalement');
    expect((await c.post('/forums/themes/00000000-0000-4000-8000-000000000000/signaler', {})).statusCode).toBe(404);
  });

  it('a resident votes for 3 themes: checkboxes, then name, e-mail and consent; a 4th is refused', async () => {
    const c = new Client(t.app);
    const id = setup.consultation.id;
    const [a, b, c3, d] = setup.themes.map((p) => p.id) as [string, string, string, string];
    const none = await c.post(`/forums/${id}/voter`, {});
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('<title>Erreur :');
    expect(none.body).toContain('Choisissez au moins un thème');
    const four = await c.post(`/forums/${id}/voter`, { themes: [a, b, c3, d] });
    expect(four.statusCode).toBe(422);
    expect(four.body).toContain('Choisissez 3 thèmes au plus');
    const three = await c.post(`/forums/${id}/voter`, { themes: [a, b, c3] });
    expect(three.statusCode).toBe(303);
    expect(three.headers.location).toBe(`/forums/${id}/voter/coordonnees`);
    const contact = await c.get(`/forums/${id}/voter/coordonnees`);
    expect(contact.body).toContain('Thème 3');
    const missing = await c.post(`/forums/${id}/voter/coordonnees`, { firstName: 'Odette', lastName: '', email: 'pas une adresse' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Indiquez votre nom');
    expect(missing.body).toContain('Indiquez une adresse e-mail, par exemple nom@exemple.fr');
    expect(missing.body).toContain('Cochez la case');
    const done = await c.post(`/forums/${id}/voter/coordonnees`, { firstName: 'Odette', lastName: 'Page', email: 'odette.page@exemple.fr', consent: 'oui' });
    expect(done.statusCode).toBe(303);
    const thanks = await c.get(done.headers.location as string);
    expect(thanks.body).toContain('Votre vote est enregistré');
    const votes = await t.db.kysely.selectFrom('forumVotes').select('proposalId').where('consultationId', '=', id).execute();
    expect(votes.map((v) => v.proposalId).sort()).toEqual([a, b, c3].sort());

    // The same person from another phone, a fourth theme: refused in words, nothing recorded.
    const other = new Client(t.app);
    await other.post(`/forums/${id}/voter`, { themes: [d] });
    const refused = await other.post(`/forums/${id}/voter/coordonnees`, { firstName: 'Odette', lastName: 'Page', email: 'Odette.Page@exemple.fr', consent: 'oui' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Vous avez déjà soutenu 3 thèmes : vous pouvez en soutenir 3 au plus');
    expect((await t.db.kysely.selectFrom('forumVotes').select('id').where('consultationId', '=', id).execute()).length).toBe(3);
  });

  it('shows results with online and paper counts, a chart and its table', async () => {
    const [, , , d] = setup.themes;
    await t.app.services.forums.forums.addTally(systemActor(centreId), setup.consultation.id, { proposalId: d!.id, count: 27, collectedWhere: 'collectés au marché', collectedOn: parisDate(t.clock.now()) });
    const page = await new Client(t.app).get(`/forums/${setup.consultation.id}/resultats`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('role="img"');
    expect(page.body).toMatch(/<th scope="row">Thème 4<\/th><td data-label="En ligne">0<\/td><td data-label="Sur papier">27<\/td><td data-label="Total"><strong>27<\/strong>/);
    expect(page.body).toContain('Résultats provisoires');
  });

  it('a resident proposes a theme through the question pages, during the proposals phase', async () => {
    const { forums } = t.app.services.forums;
    const today = parisDate(t.clock.now());
    const open = await forums.create(systemActor(centreId), {
      title: 'Consultation 2028', description: null, proposalsOpenOn: addDays(today, -1), votesOpenOn: addDays(today, 30), votesCloseOn: addDays(today, 60),
      votesPerPerson: 3, moderation: true, eligibleCommunes: ['59389'],
    });
    const c = new Client(t.app);
    const base = `/forums/${open.id}/proposer`;
    expect((await c.post(base, { title: '' })).statusCode).toBe(422);
    expect((await c.post(base, { title: 'Les démarches de retraite' })).headers.location).toBe(`${base}/details`);
    expect((await c.post(`${base}/details`, { body: 'Comment demander sa retraite en ligne', communeInsee: '59389' })).headers.location).toBe(`${base}/nom`);
    expect((await c.post(`${base}/nom`, { giveName: 'oui' })).headers.location).toBe(`${base}/contact`);
    const noName = await c.post(`${base}/contact`, { firstName: '', lastName: '', email: 'marcel@exemple.fr', consent: 'oui' });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('Indiquez votre prénom');
    expect((await c.post(`${base}/contact`, { firstName: 'Marcel', lastName: 'Proposant', email: 'marcel@exemple.fr', consent: 'oui' })).headers.location).toBe(`${base}/verifier`);
    const check = await c.get(`${base}/verifier`);
    expect(check.body).toContain('Les démarches de retraite');
    expect(check.body).toContain('Masnières');
    expect(check.body).toContain('Marcel Proposant');
    expect(check.body).toContain('Votre nom et votre adresse e-mail ne sont jamais publiés.');
    const sent = await c.post(`${base}/verifier`, {});
    expect(sent.headers.location).toBe(`${base}/merci`);
    expect((await c.get(`${base}/merci`)).body).toContain('L’équipe va relire votre thème');
    const row = await t.db.kysely.selectFrom('forumProposals').selectAll().where('consultationId', '=', open.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Les démarches de retraite', origin: 'web', status: 'proposed', communeInsee: '59389', authorEmail: 'marcel@exemple.fr', authorName: 'Marcel Proposant' });
    // Waiting for moderation: not on the public page yet.
    expect((await c.get('/forums')).body).not.toContain('Les démarches de retraite');
  });

  it('a resident proposes without giving a name: only an e-mail, kept private, that tells them what became of the theme, then is cleared', async () => {
    const { forums } = t.app.services.forums;
    const actor = systemActor(centreId);
    const today = parisDate(t.clock.now());
    const open = await forums.create(actor, {
      title: 'Consultation anonyme', description: null, proposalsOpenOn: addDays(today, -1), votesOpenOn: addDays(today, 40), votesCloseOn: addDays(today, 50),
      votesPerPerson: 3, moderation: true, eligibleCommunes: [],
    });
    const c = new Client(t.app);
    const base = `/forums/${open.id}/proposer`;
    // The name question is reached after the theme only.
    expect((await c.get(`${base}/nom`)).headers.location).toBe(base);
    await c.post(base, { title: 'Les papiers après un décès' });
    await c.post(`${base}/details`, { body: 'Qui prévenir, dans quel ordre.' });
    const question = await c.get(`${base}/nom`);
    expect(question.body).toContain('Voulez-vous donner votre nom ?');
    expect(question.body).toContain('Votre nom n’est jamais publié');
    const unanswered = await c.post(`${base}/nom`, {});
    expect(unanswered.statusCode).toBe(422);
    expect(unanswered.body).toContain('<title>Erreur :');
    expect(unanswered.body).toContain('href="#champ-giveName"');
    expect(unanswered.body).toContain('Dites si vous voulez donner votre nom');
    // A name typed first, then the person chooses to stay anonymous: the name is forgotten.
    await c.post(`${base}/nom`, { giveName: 'oui' });
    await c.post(`${base}/contact`, { firstName: 'Yolande', lastName: 'Secrète', email: 'yolande@exemple.fr', consent: 'oui' });
    expect((await c.post(`${base}/nom`, { giveName: 'non' })).headers.location).toBe(`${base}/contact`);
    const contact = await c.get(`${base}/contact`);
    expect(contact.body).not.toContain('name="firstName"');
    expect(contact.body).toContain('Votre adresse e-mail n’est jamais publiée');
    const missing = await c.post(`${base}/contact`, { email: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Indiquez votre adresse e-mail');
    expect(missing.body).toContain('Cochez la case');
    expect(missing.body).not.toContain('Indiquez votre prénom');
    expect((await c.post(`${base}/contact`, { email: 'anonyme@exemple.fr', consent: 'oui' })).headers.location).toBe(`${base}/verifier`);
    const check = await c.get(`${base}/verifier`);
    expect(check.body).toContain('Vous restez anonyme');
    expect(check.body).not.toContain('Yolande');
    expect(check.body).toContain('Votre adresse e-mail n’est jamais publiée.');
    expect((await c.post(`${base}/verifier`, {})).headers.location).toBe(`${base}/merci`);

    const row = await t.db.kysely.selectFrom('forumProposals').selectAll().where('consultationId', '=', open.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ origin: 'web', status: 'proposed', authorName: null, authorPersonId: null, authorEmail: 'anonyme@exemple.fr' });
    expect(await t.db.kysely.selectFrom('persons').select('id').where('centerId', '=', centreId).where('email', '=', 'anonyme@exemple.fr').execute()).toEqual([]);

    // Staff see "Proposition anonyme"; accepting it tells the resident, by e-mail.
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    const staffPage = await coordinator.get(`/consultations/${open.id}`);
    expect(staffPage.statusCode).toBe(200);
    expect(staffPage.body).toContain('Proposition anonyme');
    expect((await coordinator.post(`/consultations/themes/${row.id}/moderer`, { action: 'accept', publicAnswer: '' })).statusCode).toBe(303);
    const mail = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'anonyme@exemple.fr').executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Votre proposition « Les papiers après un décès »');
    expect(mail.body).toContain('L’équipe l’a acceptée');

    // Never published: the residents' page, the results, the public API.
    expect((await c.get('/forums')).body).toContain('Les papiers après un décès');
    t.clock.set(`${addDays(open.votesOpenOn, 1)}T10:00:00Z`);
    try {
      const published = [(await c.get('/forums')).body, (await c.get(`/forums/${open.id}/resultats`)).body, (await t.app.inject({ url: `/api/v1/forums/consultations/${open.id}/results` })).body];
      for (const body of published) expect(body).not.toMatch(/anonyme@exemple\.fr|Yolande/);
      expect(published[1]).toContain('Les papiers après un décès');
    } finally {
      t.clock.set(NOW);
    }

    // Two months after the votes close, the contact has served: cleared.
    t.clock.set(`${addDays(open.votesCloseOn, 59)}T10:00:00Z`);
    try {
      await forums.forgetContacts();
      expect((await t.db.kysely.selectFrom('forumProposals').select('authorEmail').where('id', '=', row.id).executeTakeFirstOrThrow()).authorEmail).toBe('anonyme@exemple.fr');
    } finally {
      t.clock.set(NOW);
    }
    t.clock.set(`${addDays(open.votesCloseOn, 61)}T10:00:00Z`);
    try {
      expect(await forums.forgetContacts()).toBeGreaterThanOrEqual(1);
      expect((await t.db.kysely.selectFrom('forumProposals').select('authorEmail').where('id', '=', row.id).executeTakeFirstOrThrow()).authorEmail).toBeNull();
      // Months later (a new sign-in): still anonymous, no contact kept.
      const later = await (await signIn(t.app, centreId, 'coordinator')).get(`/consultations/${open.id}`);
      expect(later.body).toContain('Proposition anonyme');
      expect(later.body).not.toContain('une adresse e-mail est gardée');
    } finally {
      t.clock.set(NOW);
    }
  });

});
