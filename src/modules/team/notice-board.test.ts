import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createStaff, createTestApp, errorSummaryTargets, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/auth/roles.ts';

// A Monday, 10 h 30 in Paris: the digest's hour has come.
const MONDAY = '2026-12-07T09:30:00Z';

describe('team notice board', () => {
  let t: TestApp;
  let centreId: string;
  let coordinator: Client & { userId: string };
  let volunteer: Client & { userId: string };
  let facilitator: Client & { userId: string };
  const actor = (c: { userId: string }, role: Role): Actor => ({ centerId: centreId, userId: c.userId, role, label: role, partnerCommuneInsee: null, via: 'session' });

  beforeAll(async () => {
    t = await createTestApp({}, { now: MONDAY });
    centreId = await createCentre(t.app, 'annonces', 'Centre social des annonces');
    coordinator = await signIn(t.app, centreId, 'coordinator');
    volunteer = await signIn(t.app, centreId, 'volunteer');
    facilitator = await signIn(t.app, centreId, 'facilitator');
    await createStaff(t.app, centreId, 'partner');
  });
  afterAll(() => t.close());

  it('posts from the page without JavaScript, shows it unread to others, records who read it, and shows the receipts to its author', async () => {
    const empty = await volunteer.post('/equipe/annonces/nouvelle', { title: '', body: '', expiresOn: '2020-01-01' });
    expect(empty.statusCode).toBe(422);
    expect(titleOf(empty.body)).toMatch(/^Erreur :/);
    expect(Object.keys(errorSummaryTargets(empty.body))).toEqual(['champ-title', 'champ-body']);
    const past = await volunteer.post('/equipe/annonces/nouvelle', { title: 'Clés', body: 'Les clés sont à l’accueil.', expiresOn: '2026-12-01' });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('ne peut pas être déjà passé');

    const posted = await volunteer.post('/equipe/annonces/nouvelle', { title: 'Clés de la salle', body: 'Les clés sont **à l’accueil**.<script>alert(1)</script>', expiresOn: '' });
    expect(posted.statusCode).toBe(303);
    const url = String(posted.headers.location);
    const id = url.split('/').pop()!;

    const board = await facilitator.get('/equipe/annonces');
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('Clés de la salle');
    expect(board.body).toContain('1 annonce non lue');

    const opened = await facilitator.get(url);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('<strong>à l’accueil</strong>');
    expect(opened.body).not.toContain('<script>alert');
    expect(opened.body).not.toContain('Qui l’a lue');
    expect((await facilitator.get('/equipe/annonces')).body).toContain('0 annonce non lue');

    const mine = await volunteer.get(url);
    expect(mine.body).toContain('Qui l’a lue');
    expect(mine.body).toContain('Lue par 2 personnes');
    // The coordinator has not read it; the partner is not part of the team.
    expect(mine.body).toContain('Pas encore lue par 1 personne');

    const api = await coordinator.api('GET', `/api/v1/team/notices/${id}`);
    expect(api.statusCode).toBe(200);
    expect(api.json().receipts.unread).toEqual([]);
    expect(api.json().receipts.read).toHaveLength(3);
  });

  it('lets only coordinators pin, keeps pinned posts first, and hides expired ones', async () => {
    const refused = await volunteer.api('POST', '/api/v1/team/notices', { title: 'Épinglée ?', body: 'Non.', pinned: true });
    expect(refused.statusCode).toBe(403);
    const pinned = await coordinator.api('POST', '/api/v1/team/notices', { title: 'Consignes de sécurité', body: 'Sortie de secours à gauche.', pinned: true });
    expect(pinned.statusCode).toBe(201);
    await coordinator.api('POST', '/api/v1/team/notices', { title: 'Dernier jour aujourd’hui', body: 'Dernier jour.', expiresOn: '2026-12-07' });
    const list = (await volunteer.api('GET', '/api/v1/team/notices')).json().items as { title: string; read: boolean }[];
    expect(list[0]!.title).toBe('Consignes de sécurité');
    expect(list.map((n) => n.title)).toContain('Dernier jour aujourd’hui');
    t.clock.advance(2 * 86_400_000);
    try {
      // Two days on, signed-in sessions may have lapsed: the service answers what the board would show.
      const later = await t.app.services.teamBoard.notices.list(actor(volunteer, 'volunteer'));
      expect(later.map((n) => n.title)).not.toContain('Dernier jour aujourd’hui');
    } finally {
      t.clock.set(MONDAY);
    }
    const bad = await coordinator.api('POST', '/api/v1/team/notices', { title: '', body: 'x', expiresOn: '2026-02-30' });
    expect(bad.statusCode).toBe(422);
  });

  it('sends each person one digest a day, never the same post twice, and none before 8 h or on a weekly centre’s other days', async () => {
    const other = await createCentre(t.app, 'resume', 'Centre social du résumé');
    const author = await createStaff(t.app, other, 'coordinator');
    const reader = await createStaff(t.app, other, 'volunteer');
    const idle = await createStaff(t.app, other, 'facilitator');
    const authorActor: Actor = { centerId: other, userId: author.id, role: 'coordinator', label: 'c', partnerCommuneInsee: null, via: 'session' };
    const notices = t.app.services.teamBoard.notices;
    const digestsTo = (email: string) => t.db.kysely.selectFrom('outbox').select(['subject', 'body']).where('recipient', '=', email).where('relatedType', '=', 'team_notice_digest').orderBy('createdAt').execute();

    t.clock.set('2026-12-07T06:30:00Z');
    const first = await notices.post(authorActor, { title: 'Atelier annulé', body: 'Mardi.', pinned: false, expiresOn: null });
    expect(await notices.sendDigests()).toBe(0);
    t.clock.set(MONDAY);
    await notices.open({ ...authorActor, userId: idle.id, role: 'facilitator' }, first.id);
    await notices.sendDigests();
    await notices.sendDigests();
    expect(await digestsTo(author.email)).toEqual([]);
    expect(await digestsTo(idle.email)).toEqual([]);
    const once = await digestsTo(reader.email);
    expect(once).toHaveLength(1);
    expect(once[0]!.subject).toBe('1 annonce de l’équipe à lire');
    expect(once[0]!.body).toContain('Atelier annulé');
    expect(once[0]!.body).toContain(`/equipe/annonces/${first.id}`);

    // A second post the same day waits for the next day's digest, which does not repeat the first.
    await notices.post(authorActor, { title: 'Nouvelle salle', body: 'Salle 2.', pinned: false, expiresOn: null });
    await notices.sendDigests();
    expect(await digestsTo(reader.email)).toHaveLength(1);
    t.clock.set('2026-12-08T09:30:00Z');
    try {
      await notices.sendDigests();
      const twice = await digestsTo(reader.email);
      expect(twice).toHaveLength(2);
      expect(twice[1]!.body).toContain('Nouvelle salle');
      expect(twice[1]!.body).not.toContain('Atelier annulé');
      expect((await digestsTo(idle.email))).toHaveLength(1);

      await notices.setDigestFrequency(authorActor, 'weekly');
      await notices.post(authorActor, { title: 'Mercredi', body: 'Rien.', pinned: false, expiresOn: null });
      t.clock.set('2026-12-09T09:30:00Z');
      await notices.sendDigests();
      expect(await digestsTo(reader.email)).toHaveLength(2);
      t.clock.set('2026-12-14T09:30:00Z');
      await notices.sendDigests();
      expect(await digestsTo(reader.email)).toHaveLength(3);
    } finally {
      t.clock.set(MONDAY);
    }
  });

  it('lets coordinators choose the digest from the board, with a clear message for a bad choice', async () => {
    const bad = await coordinator.post('/equipe/annonces/resume', { frequency: 'hourly' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choisissez quand envoyer le résumé.');
    const ok = await coordinator.post('/equipe/annonces/resume', { frequency: 'never' });
    expect(ok.statusCode).toBe(303);
    expect(await t.app.services.teamBoard.notices.digestFrequency(centreId)).toBe('never');
    expect((await volunteer.post('/equipe/annonces/resume', { frequency: 'daily' })).statusCode).toBe(403);
  });

  it('answers 404 for another centre’s post and for a malformed id', async () => {
    const other = await createCentre(t.app);
    const author = await createStaff(t.app, other, 'coordinator');
    const foreign = await t.app.services.teamBoard.notices.post({ centerId: other, userId: author.id, role: 'coordinator', label: 'x', partnerCommuneInsee: null, via: 'session' }, { title: 'Ailleurs', body: 'x', pinned: false, expiresOn: null });
    expect((await volunteer.get(`/equipe/annonces/${foreign.id}`)).statusCode).toBe(404);
    expect((await volunteer.api('GET', `/api/v1/team/notices/${foreign.id}`)).statusCode).toBe(404);
    expect((await volunteer.get('/equipe/annonces/pas-un-id')).statusCode).toBe(404);
    await expect(t.app.services.teamBoard.notices.unreadCount(actor(volunteer, 'volunteer'))).resolves.toBeGreaterThanOrEqual(0);
  });
});
