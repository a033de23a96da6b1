import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createStaff, createTestApp, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import type { Role } from '../../platform/auth/roles.ts';

/** Everything the centre pages can change, to prove a refused request changed nothing. */
async function snapshot(t: TestApp): Promise<string> {
  const k = t.db.kysely;
  const tables = await Promise.all([
    k.selectFrom('centers').selectAll().orderBy('id').execute(),
    k.selectFrom('sites').selectAll().orderBy('id').execute(),
    k.selectFrom('partnerCommunes').selectAll().orderBy('id').execute(),
    k.selectFrom('users').select(['id', 'role', 'active', 'displayName', 'partnerCommuneInsee']).orderBy('id').execute(),
    k.selectFrom('apiTokens').select(['id', 'revokedAt']).orderBy('id').execute(),
    k.selectFrom('outbox').select('id').orderBy('id').execute(),
  ]);
  return JSON.stringify(tables);
}

describe('centre pages', () => {
  let t: TestApp;
  let centreA: string;
  let centreB: string;
  let admin: Client & { userId: string };
  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.app, 'pages-a', 'Centre social Les Tilleuls');
    centreB = await createCentre(t.app, 'pages-b', 'Centre social du Cambrésis');
    admin = await signIn(t.app, centreA, 'admin');
  });
  afterAll(() => t.close());

  describe('the centre', () => {
    it('shows an overview with the details, the opening hours in plain French and a link to each section', async () => {
      const page = await admin.get('/centre');
      expect(page.statusCode).toBe(200);
      expect(titleOf(page.body)).toBe('Gérer le centre – Centre social Les Tilleuls');
      expect(page.body).toContain('Cambrai');
      expect(page.body).toMatch(/<th scope="row">lundi<\/th><td><span class="nowrap">9 h – 17 h<\/span><\/td>/);
      expect(page.body).toMatch(/<th scope="row">dimanche<\/th><td>fermé<\/td>/);
      for (const href of ['/centre/modifier', '/centre/lieux', '/centre/communes', '/centre/equipe', '/centre/jetons']) {
        expect(page.body).toContain(`href="${href}"`);
      }
    });

    it('edits the details and shows the new hours back', async () => {
      const form = await admin.get('/centre/modifier');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="Cambrai (59400)"');
      expect(form.body).toContain('Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off');
      const saved = await admin.post('/centre/modifier', {
        name: 'Centre social Les Tilleuls',
        address: '12 rue de la Gare',
        postalCode: '59400',
        commune: 'Cambrai (59400)',
        phone: '03 27 12 34 56',
        email: 'Accueil@Tilleuls.fr',
        siret: '120 001 011 00010',
        openingHours: 'Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off',
      });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/centre');
      const page = await admin.get('/centre');
      expect(page.body).toContain('Les informations du centre sont enregistrées.');
      expect(page.body).toContain('<span class="nowrap">9 h – 12 h</span>, <span class="nowrap">14 h – 17 h 30</span>');
      expect(page.body).toContain('03 27 12 34 56');
      expect(page.body).toContain('<dt>Numéro SIRET</dt><dd>120 001 011 00010</dd>');
      const row = await t.db.kysely.selectFrom('centers').selectAll().where('id', '=', centreA).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ phone: '0327123456', email: 'accueil@tilleuls.fr', address: '12 rue de la Gare', siret: '12000101100010' });
    });

    it('re-renders the form with the GOV.UK error pattern, keeps the typed values and changes nothing', async () => {
      const before = await snapshot(t);
      const response = await admin.post('/centre/modifier', {
        name: '',
        postalCode: '594',
        commune: 'Cambrai',
        phone: '12 34',
        email: 'pas-une-adresse',
        siret: '120 001 011 00011',
        openingHours: 'du lundi au vendredi',
      });
      expect(response.statusCode).toBe(422);
      expect(titleOf(response.body)).toMatch(/^Erreur : /);
      expect(response.body).toContain('Le numéro SIRET doit avoir 14 chiffres');
      for (const field of ['name', 'postalCode', 'phone', 'email', 'siret', 'openingHours']) expect(response.body).toContain(`href="#champ-${field}"`);
      expect(response.body).toContain('value="du lundi au vendredi"');
      expect(response.body).toContain('value="12 34"');
      expect(await snapshot(t)).toBe(before);
    });

    it('explains opening hours it cannot read, and stores loosely typed ones in the standard spelling', async () => {
      const response = await admin.post('/centre/modifier', { name: 'Les Tilleuls', commune: 'Cambrai', openingHours: 'le matin' });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('href="#champ-openingHours"');
      expect(response.body).toContain('Les horaires ne sont pas au bon format');
      const loose = await admin.post('/centre/modifier', { name: 'Les Tilleuls', commune: 'Cambrai', openingHours: 'lundi-vendredi 9h-12h et 14h-17h' });
      expect(loose.statusCode).toBe(303);
      const row = await t.db.kysely.selectFrom('centers').select('openingHours').where('id', '=', centreA).executeTakeFirstOrThrow();
      expect(row.openingHours).toBe('Mo-Fr 09:00-12:00,14:00-17:00');
    });

    it('says when a commune is unknown, and asks which one when the name is shared', async () => {
      const unknown = await admin.post('/centre/modifier', { name: 'Les Tilleuls', commune: 'Nullepart-sur-Mer' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.body).toContain('Cette commune est introuvable');
      const ambiguous = await admin.post('/centre/modifier', { name: 'Les Tilleuls', commune: 'Saint-Aubin' });
      expect(ambiguous.statusCode).toBe(422);
      expect(ambiguous.body).toContain('Plusieurs communes portent ce nom');
      expect(ambiguous.body).toContain('type="radio" name="commune" value="59529"');
      expect(ambiguous.body).toContain('Saint-Aubin (59440)');
      const chosen = await admin.post('/centre/modifier', { name: 'Les Tilleuls', commune: '59529', postalCode: '59440' });
      expect(chosen.statusCode).toBe(303);
      const row = await t.db.kysely.selectFrom('centers').select('communeInsee').where('id', '=', centreA).executeTakeFirstOrThrow();
      expect(row.communeInsee).toBe('59529');
    });
  });

  describe('sites', () => {
    it('adds, edits, archives and brings back a site', async () => {
      expect((await admin.get('/centre/lieux')).body).toContain('Aucun lieu pour le moment.');
      const missing = await admin.post('/centre/lieux/nouveau', { name: '', commune: '' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('href="#champ-name"');
      expect(missing.body).toContain('href="#champ-kind"');

      const created = await admin.post('/centre/lieux/nouveau', {
        name: 'Salle des fêtes', kind: 'village_hall', address: 'Place de la mairie', commune: 'Caudry', accessibility: 'plain-pied, toilettes adaptées',
      });
      expect(created.statusCode).toBe(303);
      const list = await admin.get('/centre/lieux');
      expect(list.body).toContain('Le lieu « Salle des fêtes » est ajouté.');
      expect(list.body).toContain('Salle communale partenaire');
      expect(list.body).toContain('plain-pied, toilettes adaptées');
      const site = await t.db.kysely.selectFrom('sites').selectAll().where('centerId', '=', centreA).executeTakeFirstOrThrow();
      expect(site.communeInsee).toBe('59139');

      const edit = await admin.get(`/centre/lieux/${site.id}`);
      expect(edit.body).toContain('value="Caudry (59540)"');
      expect(edit.body).toMatch(/value="village_hall" checked/);
      const saved = await admin.post(`/centre/lieux/${site.id}`, { name: 'Salle des fêtes de Caudry', kind: 'village_hall', commune: 'Caudry (59540)', address: '', accessibility: '' });
      expect(saved.statusCode).toBe(303);
      expect((await admin.get('/centre/lieux')).body).toContain('Salle des fêtes de Caudry');

      const archived = await admin.post(`/centre/lieux/${site.id}/archiver`, {});
      expect(archived.statusCode).toBe(303);
      const afterArchive = await admin.get('/centre/lieux');
      expect(afterArchive.body).toContain('Lieux archivés');
      expect(afterArchive.body).toContain(`action="/centre/lieux/${site.id}/reactiver"`);
      expect((await t.app.services.centre.listSites(centreA)).length).toBe(0);
      expect((await admin.post(`/centre/lieux/${site.id}/reactiver`, {})).statusCode).toBe(303);
      expect((await t.app.services.centre.listSites(centreA)).map((s) => s.name)).toEqual(['Salle des fêtes de Caudry']);
    });
  });

  describe('partner communes', () => {
    it('adds a commune by name, edits its contact and removes it', async () => {
      const added = await admin.post('/centre/communes', { commune: 'caudry', contactName: 'Mme Durand', contactEmail: 'mairie@caudry.test' });
      expect(added.statusCode).toBe(303);
      const list = await admin.get('/centre/communes');
      expect(list.body).toContain('Caudry est ajoutée aux communes partenaires.');
      expect(list.body).toContain('Caudry (59540)');
      expect(list.body).toContain('mailto:mairie@caudry.test');

      const duplicate = await admin.post('/centre/communes', { commune: 'Caudry' });
      expect(duplicate.statusCode).toBe(422);
      expect(duplicate.body).toContain('Cette commune est déjà partenaire du centre');
      const bad = await admin.post('/centre/communes', { commune: 'Caudry', contactEmail: 'pas une adresse' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('href="#champ-contactEmail"');

      const row = await t.db.kysely.selectFrom('partnerCommunes').selectAll().where('centerId', '=', centreA).executeTakeFirstOrThrow();
      const saved = await admin.post(`/centre/communes/${row.id}`, { contactName: 'M. Petit', contactEmail: '' });
      expect(saved.statusCode).toBe(303);
      expect(await t.db.kysely.selectFrom('partnerCommunes').select(['contactName', 'contactEmail']).where('id', '=', row.id).executeTakeFirst()).toEqual({
        contactName: 'M. Petit', contactEmail: null,
      });
      const removed = await admin.post(`/centre/communes/${row.id}/retirer`, {});
      expect(removed.statusCode).toBe(303);
      expect((await admin.get('/centre/communes')).body).toContain('Caudry n’est plus commune partenaire.');
      expect(await t.db.kysely.selectFrom('partnerCommunes').select('id').where('centerId', '=', centreA).execute()).toEqual([]);
    });

    it('refuses to remove a commune that partner accounts still use, and says why', async () => {
      await admin.post('/centre/communes', { commune: 'Le Cateau-Cambrésis' });
      const row = await t.db.kysely.selectFrom('partnerCommunes').selectAll().where('centerId', '=', centreA).executeTakeFirstOrThrow();
      await t.app.ctx.auth.createUser({ centerId: centreA, email: 'mairie@cateau.test', displayName: 'Mairie', role: 'partner', partnerCommuneInsee: row.communeInsee });
      const refused = await admin.post(`/centre/communes/${row.id}/retirer`, {});
      expect(refused.statusCode).toBe(409);
      expect(titleOf(refused.body)).toMatch(/^Erreur : /);
      expect(refused.body).toContain('Des comptes « commune partenaire » sont rattachés à cette commune');
      expect(refused.body).toContain(`href="#champ-retirer-${row.id}"`);
      expect(refused.body).toContain(`id="champ-retirer-${row.id}"`);
    });
  });

  describe('access', () => {
    it('refuses every page and every change to non-admin roles, changing nothing', async () => {
      const site = await t.app.services.centre.createSite(centreA, { name: 'Atelier', kind: 'studio' });
      const commune = await t.app.services.centre.addPartnerCommune(centreA, { communeInsee: '59009' });
      const member = await createStaff(t.app, centreA, 'volunteer');
      const { id: tokenId } = await t.app.ctx.auth.createToken(centreA, 'coordinator', 'tableur');
      const pages = [
        '/centre', '/centre/modifier', '/centre/lieux', '/centre/lieux/nouveau', `/centre/lieux/${site.id}`, '/centre/communes',
        `/centre/communes/${commune.id}`, '/centre/equipe', '/centre/equipe/nouveau', `/centre/equipe/${member.id}`, '/centre/jetons',
      ];
      const posts: [string, Record<string, string>][] = [
        ['/centre/modifier', { name: 'Piraté', commune: 'Cambrai' }],
        ['/centre/lieux/nouveau', { name: 'x', kind: 'other' }],
        [`/centre/lieux/${site.id}`, { name: 'x', kind: 'other' }],
        [`/centre/lieux/${site.id}/archiver`, {}],
        ['/centre/communes', { commune: 'Caudry' }],
        [`/centre/communes/${commune.id}`, { contactName: 'x' }],
        [`/centre/communes/${commune.id}/retirer`, {}],
        ['/centre/equipe/nouveau', { displayName: 'x', email: 'x@exemple.fr', role: 'admin' }],
        [`/centre/equipe/${member.id}`, { displayName: 'x', role: 'admin' }],
        [`/centre/equipe/${member.id}/desactiver`, {}],
        [`/centre/equipe/${member.id}/invitation`, {}],
        ['/centre/jetons', { name: 'x', role: 'admin' }],
        [`/centre/jetons/${tokenId}/revoquer`, {}],
      ];
      const before = await snapshot(t);
      for (const role of ['coordinator', 'facilitator', 'volunteer', 'partner'] as Role[]) {
        const client = await signIn(t.app, centreA, role);
        const home = await client.get('/tableau-de-bord');
        expect(home.body).not.toContain('href="/centre"');
        for (const url of pages) expect((await client.get(url)).statusCode, `${role} GET ${url}`).toBe(403);
        const afterSignIn = await snapshot(t);
        for (const [url, form] of posts) expect((await client.post(url, form)).statusCode, `${role} POST ${url}`).toBe(403);
        expect(await snapshot(t)).toBe(afterSignIn);
      }
      // Signing the four people in created their accounts, nothing else.
      expect(JSON.parse(await snapshot(t))[0]).toEqual(JSON.parse(before)[0]);
    });

    it('sends visitors who are not signed in to the sign-in page', async () => {
      const anonymous = new Client(t.app);
      const response = await anonymous.get('/centre/lieux');
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/connexion?retour=%2Fcentre%2Flieux');
    });

    it('answers 404 to an admin of another centre for every id of this one', async () => {
      const site = await t.app.services.centre.createSite(centreA, { name: 'Studio', kind: 'studio' });
      const commune = await t.app.services.centre.addPartnerCommune(centreA, { communeInsee: '59122' });
      const member = await createStaff(t.app, centreA, 'facilitator');
      const { id: tokenId, token } = await t.app.ctx.auth.createToken(centreA, 'admin', 'à garder');
      const other = await signIn(t.app, centreB, 'admin');
      const before = await snapshot(t);
      for (const url of [`/centre/lieux/${site.id}`, `/centre/communes/${commune.id}`, `/centre/equipe/${member.id}`, '/centre/lieux/pas-un-id']) {
        expect((await other.get(url)).statusCode, url).toBe(404);
      }
      for (const [url, form] of [
        [`/centre/lieux/${site.id}`, { name: 'x', kind: 'other' }],
        [`/centre/lieux/${site.id}/archiver`, {}],
        [`/centre/communes/${commune.id}/retirer`, {}],
        [`/centre/equipe/${member.id}/desactiver`, {}],
        [`/centre/equipe/${member.id}`, { displayName: 'x', role: 'volunteer' }],
        [`/centre/jetons/${tokenId}/revoquer`, {}],
      ] as [string, Record<string, string>][]) {
        expect((await other.post(url, form)).statusCode, url).toBe(404);
      }
      expect(await snapshot(t)).toBe(before);
      const lists = [await other.get('/centre/lieux'), await other.get('/centre/communes'), await other.get('/centre/equipe'), await other.get('/centre/jetons')];
      for (const list of lists) {
        expect(list.body).not.toContain(site.id);
        expect(list.body).not.toContain(member.email);
        expect(list.body).not.toContain('à garder');
      }
      expect(await t.app.ctx.auth.actorFromToken(token)).not.toBeNull();
    });
  });
});
