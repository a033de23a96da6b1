import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { Client, createCentre, createStaff, createTestApp, personalLink, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';

describe('team and API token pages', () => {
  let t: TestApp;
  let centre: string;
  let admin: Client & { userId: string };
  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.app, 'equipe', 'Centre social Les Tilleuls');
    admin = await signIn(t.app, centre, 'admin');
  });
  afterAll(() => t.close());

  const outboxTo = (email: string) =>
    t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', email).orderBy('createdAt').orderBy('id').execute();

  it('invites a facilitator who follows the e-mailed link, chooses a password and signs in', async () => {
    const form = await admin.get('/centre/equipe/nouveau');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Animation numérique');
    const sent = await admin.post('/centre/equipe/nouveau', { displayName: 'Inès Martin', email: 'ines@exemple.fr', role: 'facilitator', partnerCommuneInsee: '' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/centre/equipe');
    const list = await admin.get('/centre/equipe');
    expect(list.body).toContain('Le compte d’Inès Martin est créé. Une invitation a été envoyée à ines@exemple.fr.');
    expect(list.body).toContain('Invitation envoyée');

    const [mail] = await outboxTo('ines@exemple.fr');
    expect(mail!.subject).toBe('Votre compte Lieudit – Centre social Les Tilleuls');
    expect(mail!.body).toContain('Bonjour Inès Martin');
    expect(mail!.body).not.toContain('jeton=');
    const link = await personalLink(t.app, 'ines@exemple.fr');
    expect(link).toBeDefined();

    const ines = new Client(t.app);
    expect((await ines.get(link!)).statusCode).toBe(200);
    const token = new URL(link!, 'http://x').searchParams.get('jeton')!;
    expect((await ines.post('/mot-de-passe/nouveau', { jeton: token, password: 'ma phrase de passe à moi' })).statusCode).toBe(303);
    const login = await ines.post('/connexion', { email: 'ines@exemple.fr', password: 'ma phrase de passe à moi' });
    expect(login.statusCode).toBe(303);
    const home = await ines.get('/tableau-de-bord');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Bonjour Inès Martin');
    expect(home.body).toContain('Votre rôle : animation numérique.');

    const after = await admin.get('/centre/equipe');
    expect(after.body).not.toContain('Invitation envoyée');
    expect(after.body).toMatch(/Inès Martin<\/a><\/td><td[^>]*>ines@exemple.fr<\/td><td[^>]*>Animation numérique<\/td><td[^>]*><span class="tag success nowrap">Actif<\/span><\/td><td[^>]*>\d\d\/\d\d\/\d{4} \d+ h/);
  });

  it('explains what to fix in the invitation form and creates nothing', async () => {
    const count = async () => (await t.db.kysely.selectFrom('users').select('id').execute()).length;
    const before = await count();
    const empty = await admin.post('/centre/equipe/nouveau', { displayName: '', email: 'pas-une-adresse' });
    expect(empty.statusCode).toBe(422);
    expect(titleOf(empty.body)).toMatch(/^Erreur : /);
    for (const field of ['displayName', 'email', 'role']) expect(empty.body).toContain(`href="#champ-${field}"`);
    expect(empty.body).toContain('value="pas-une-adresse"');

    const duplicate = await admin.post('/centre/equipe/nouveau', { displayName: 'Autre Inès', email: 'INES@exemple.fr', role: 'volunteer' });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain('Un compte existe déjà avec cette adresse e-mail');

    const partner = await admin.post('/centre/equipe/nouveau', { displayName: 'Mairie', email: 'mairie@exemple.fr', role: 'partner', partnerCommuneInsee: '' });
    expect(partner.statusCode).toBe(422);
    expect(partner.body).toContain('href="#champ-partnerCommuneInsee"');
    expect(partner.body).toContain('Ajoutez d’abord la commune dans les communes partenaires');
    expect(await count()).toBe(before);
    expect(await outboxTo('mairie@exemple.fr')).toEqual([]);
  });

  it('creates a partner account tied to a partner commune', async () => {
    await t.app.services.centre.addPartnerCommune(centre, { communeInsee: '59139' });
    const form = await admin.get('/centre/equipe/nouveau');
    expect(form.body).toContain('<option value="59139">Caudry (59540)</option>');
    const sent = await admin.post('/centre/equipe/nouveau', { displayName: 'Mairie de Caudry', email: 'mairie@caudry.test', role: 'partner', partnerCommuneInsee: '59139' });
    expect(sent.statusCode).toBe(303);
    const user = await t.db.kysely.selectFrom('users').select(['role', 'partnerCommuneInsee']).where('email', '=', 'mairie@caudry.test').executeTakeFirstOrThrow();
    expect(user).toEqual({ role: 'partner', partnerCommuneInsee: '59139' });
  });

  it('changes a role, ending the person’s sessions, and audits it', async () => {
    const member = await signIn(t.app, centre, 'volunteer');
    const page = await admin.get(`/centre/equipe/${member.userId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/value="volunteer" checked/);
    const saved = await admin.post(`/centre/equipe/${member.userId}`, { displayName: 'Paul Bénévole', role: 'coordinator', partnerCommuneInsee: '' });
    expect(saved.statusCode).toBe(303);
    const row = await t.db.kysely.selectFrom('users').select(['role', 'displayName']).where('id', '=', member.userId).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'coordinator', displayName: 'Paul Bénévole' });
    expect((await member.get('/tableau-de-bord')).statusCode).toBe(303);
    const audit = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectId', '=', member.userId).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details!)).toMatchObject({ role: { from: 'volunteer', to: 'coordinator' } });
  });

  it('deactivates and reactivates someone else’s account', async () => {
    const member = await signIn(t.app, centre, 'facilitator');
    const off = await admin.post(`/centre/equipe/${member.userId}/desactiver`, {});
    expect(off.statusCode).toBe(303);
    expect((await admin.get(`/centre/equipe/${member.userId}`)).body).toContain('Désactivé');
    expect((await member.get('/tableau-de-bord')).statusCode).toBe(303);
    const user = await t.db.kysely.selectFrom('users').select('email').where('id', '=', member.userId).executeTakeFirstOrThrow();
    const refused = new Client(t.app);
    expect((await refused.post('/connexion', { email: user.email, password: 'un mot de passe de test' })).statusCode).toBe(422);
    expect((await admin.post(`/centre/equipe/${member.userId}/reactiver`, {})).statusCode).toBe(303);
    expect((await refused.post('/connexion', { email: user.email, password: 'un mot de passe de test' })).statusCode).toBe(303);
    const actions = await t.db.kysely.selectFrom('auditLog').select('action').where('subjectId', '=', member.userId).orderBy('at').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['revoke', 'grant']);
  });

  it('stops an admin from deactivating or demoting themselves, with a clear message', async () => {
    const own = await admin.get(`/centre/equipe/${admin.userId}`);
    expect(own.body).toContain('Vous ne pouvez pas désactiver votre propre compte');
    expect(own.body).not.toContain(`action="/centre/equipe/${admin.userId}/desactiver"`);

    const deactivate = await admin.post(`/centre/equipe/${admin.userId}/desactiver`, {});
    expect(deactivate.statusCode).toBe(422);
    expect(titleOf(deactivate.body)).toMatch(/^Erreur : /);
    expect(deactivate.body).toContain('href="#champ-active"');
    expect(deactivate.body).toContain('Vous ne pouvez pas désactiver votre propre compte');

    const demote = await admin.post(`/centre/equipe/${admin.userId}`, { displayName: 'Moi', role: 'facilitator' });
    expect(demote.statusCode).toBe(422);
    expect(demote.body).toContain('href="#champ-role"');
    expect(demote.body).toContain('Vous ne pouvez pas retirer vous-même vos droits d’administration');
    const me = await t.db.kysely.selectFrom('users').select(['role', 'active']).where('id', '=', admin.userId).executeTakeFirstOrThrow();
    expect(me.role).toBe('admin');
    expect(me.active === true || me.active === 1).toBe(true);
    expect((await admin.get('/centre')).statusCode).toBe(200);
  });

  it('resends an invitation that has not been used', async () => {
    await admin.post('/centre/equipe/nouveau', { displayName: 'Léa Durand', email: 'lea@exemple.fr', role: 'volunteer' });
    const user = await t.db.kysely.selectFrom('users').select('id').where('email', '=', 'lea@exemple.fr').executeTakeFirstOrThrow();
    const page = await admin.get(`/centre/equipe/${user.id}`);
    expect(page.body).toContain(`action="/centre/equipe/${user.id}/invitation"`);
    const resent = await admin.post(`/centre/equipe/${user.id}/invitation`, {});
    expect(resent.statusCode).toBe(303);
    expect((await admin.get(resent.headers.location as string)).body).toContain('Une nouvelle invitation a été envoyée à lea@exemple.fr.');
    expect((await outboxTo('lea@exemple.fr')).length).toBe(2);
    // Once the password is chosen there is nothing to resend.
    const staff = await createStaff(t.app, centre, 'facilitator');
    expect((await admin.post(`/centre/equipe/${staff.id}/invitation`, {})).statusCode).toBe(409);
  });

  describe('API tokens', () => {
    it('shows a new token once, never again, and revoking it makes it answer 401', async () => {
      // Process time stands still: the token kept since its last call cannot expire, so only the
      // revocation can be what refuses it.
      vi.useFakeTimers({ toFake: ['Date'] });
      onTestFinished(() => {
        vi.useRealTimers();
      });
      const missing = await admin.post('/centre/jetons', { name: '', role: '' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('href="#champ-name"');
      expect(missing.body).toContain('href="#champ-role"');

      const created = await admin.post('/centre/jetons', { name: 'Tableau de bord CC', role: 'coordinator' });
      expect(created.statusCode).toBe(200);
      expect(created.headers['cache-control']).toBe('no-store');
      expect(created.body).toContain('il ne sera plus jamais affiché');
      const token = /(ldt_[\w-]+)/.exec(created.body)?.[1];
      expect(token).toBeDefined();

      const list = await admin.get('/centre/jetons');
      expect(list.body).toContain('Tableau de bord CC');
      expect(list.body).toMatch(/<td data-label="Droits du jeton">Coordination<\/td>/);
      expect(list.body).not.toContain(token!);
      const stored = await t.db.kysely.selectFrom('apiTokens').selectAll().where('centerId', '=', centre).execute();
      expect(JSON.stringify(stored)).not.toContain(token!);

      const call = () => t.app.inject({ url: '/api/v1/centre', headers: { authorization: `Bearer ${token}` } });
      expect((await call()).statusCode).toBe(200);
      const used = await t.db.kysely.selectFrom('apiTokens').select('lastUsedAt').where('name', '=', 'Tableau de bord CC').executeTakeFirstOrThrow();
      expect(used.lastUsedAt).not.toBeNull();

      const row = stored.find((s) => s.name === 'Tableau de bord CC')!;
      // The shared token table: captioned, a role column, and revoking through a confirmation page.
      expect(list.body).toContain('<caption class="visually-hidden">Jetons d’accès à l’API</caption>');
      expect(list.body.match(/<th scope="col">/g)).toHaveLength(5);
      expect(list.body).toContain(`<a href="/centre/jetons/${row.id}/revoquer" class="link-button"`);
      const confirm = await admin.get(`/centre/jetons/${row.id}/revoquer`);
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('Révoquer le jeton « Tableau de bord CC »');
      expect(confirm.body).toContain('Ce n’est pas réversible');
      expect((await call()).statusCode).toBe(200);
      const revoked = await admin.post(`/centre/jetons/${row.id}/revoquer`, {});
      expect(revoked.statusCode).toBe(303);
      const after = await admin.get('/centre/jetons');
      expect(after.body).toContain('Le jeton « Tableau de bord CC » est révoqué');
      expect(after.body).toContain('Révoqué le');
      // A revoked token's confirmation page leads back to the list.
      expect((await admin.get(`/centre/jetons/${row.id}/revoquer`)).statusCode).toBe(303);
      const refused = await call();
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({ error: 'unauthenticated' });
      const audit = await t.db.kysely.selectFrom('auditLog').select('action').where('subjectId', '=', row.id).orderBy('at').orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['grant', 'revoke']);
    });
  });
});
