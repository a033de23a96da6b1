import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { currentYear } from '../../platform/clock.ts';
import { formatDate } from '../../ui/format.ts';
import { newId } from '../../platform/ids.ts';
import type { PeopleService } from './person.service.ts';


const valid = {
  firstName: 'Hélène',
  lastName: 'Dupont',
  phone: '06 12 34 56 78',
  email: 'helene@exemple.fr',
  birthYear: '1950',
  commune: 'Cambrai (59400)',
  socialStatus: 'retraite',
  gender: 'feminin',
  accessibilityNeeds: 'Malvoyante : agrandir les documents',
  household: 'Famille Dupont',
  member: '1',
  membershipAmount: '7,50',
  consents: ['data_processing', 'sms_reminders'],
};

function decode(html: string): string {
  return html.replace(/&#39;|&rsquo;/g, '’').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('people pages', () => {
  let t: TestApp;
  let people: PeopleService;
  let centreA: string;
  let centreB: string;
  let admin: Client & { userId: string };
  let coordinator: Client & { userId: string };
  let system: Actor;

  async function countPersons(): Promise<number> {
    return (await t.db.kysely.selectFrom('persons').select('id').execute()).length;
  }

  async function seed(firstName: string, lastName: string, extra: Record<string, unknown> = {}) {
    return people.create(system, { firstName, lastName, consents: { data_processing: true }, confirmNotDuplicate: true, ...extra });
  }

  /** This year in Paris, by the app's clock. */
  let YEAR: number;

  beforeAll(async () => {
    t = await createTestApp();
    YEAR = currentYear(t.clock.now());
    people = t.app.services.people;
    centreA = await createCentre(t.app, 'pages-a', 'Centre social Les Tilleuls');
    centreB = await createCentre(t.app, 'pages-b', 'Centre social du Val');
    admin = await signIn(t.app, centreA, 'admin');
    coordinator = await signIn(t.app, centreA, 'coordinator');
    system = systemActor(centreA);
  });
  afterAll(() => t.close());

  it('registers a person with the form and shows the file (POST → 303 → GET)', async () => {
    // Partner communes are offered besides those of the centre's intercommunality.
    await t.db.kysely.insertInto('partnerCommunes').values({ id: newId(), centerId: centreA, communeInsee: '59139', contactName: null, contactEmail: null, createdAt: t.clock.nowIso() }).execute();
    const form = await admin.get('/personnes/nouvelle');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<datalist id="communes-proches">');
    expect(form.body).toContain('value="Cambrai (59400)"');
    expect(form.body).toContain('value="Proville (59267)"');
    expect(form.body).toContain('value="Caudry (59540)"');
    const response = await admin.post('/personnes/nouvelle', valid);
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    expect(location).toMatch(/^\/personnes\/[0-9a-f-]{36}$/);
    const file = await admin.get(location);
    expect(file.statusCode).toBe(200);
    const html = decode(file.body);
    expect(titleOf(file.body)).toMatch(/^Hélène Dupont – /);
    expect(html).toContain('La fiche d’Hélène Dupont est créée.');
    expect(html).toContain('06 12 34 56 78');
    expect(html).toContain('1950 (70 ans et plus)');
    expect(html).toContain('Cambrai');
    expect(html).toContain('Famille Dupont');
    expect(html).toContain('7,50');
    expect(html).toContain('Malvoyante');
    expect(html).toMatch(/Recevoir des rappels par SMS<\/td><td[^>]*><span class="tag success">Accepté/);
    // Administrators see the file's audit log, with this very view in it.
    expect(html).toContain('Journal des accès à la fiche');
    expect(html).toContain('Consultation');
    const row = await t.db.kysely.selectFrom('persons').selectAll().where('id', '=', location.split('/')[2]!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone: '0612345678', communeInsee: '59122', ageBracket: 'soixante_dix_plus', gender: 'feminin', createdBy: admin.userId });
  });

  it('re-renders the form with the GOV.UK error pattern, keeps the values, and creates nothing', async () => {
    const before = await countPersons();
    const response = await admin.post('/personnes/nouvelle', { ...valid, firstName: ' ', phone: '06 12', email: 'pas-un-email', birthYear: '1850', consents: [] });
    expect(response.statusCode).toBe(422);
    expect(titleOf(response.body)).toMatch(/^Erreur : Inscrire une personne/);
    const html = decode(response.body);
    expect(html).toContain('class="error-summary"');
    for (const field of ['firstName', 'phone', 'email', 'birthYear']) expect(html).toContain(`href="#champ-${field}"`);
    expect(html).toContain('Indiquez un numéro de téléphone à 10 chiffres, par exemple 06 12 34 56 78');
    expect(html).toContain('id="champ-phone" name="phone" type="tel" value="06 12"');
    expect(html).toContain('value="pas-un-email"');
    // The rule errors come with the field errors, in the order of the form.
    expect(html).toContain('href="#champ-consents-data_processing"');
    const order = ['firstName', 'birthYear', 'phone', 'email', 'consents-data_processing'].map((f) => html.indexOf(`href="#champ-${f}"`));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(await countPersons()).toBe(before);

    const consent = await admin.post('/personnes/nouvelle', { ...valid, lastName: 'SansAccord', consents: ['sms_reminders'] });
    expect(consent.statusCode).toBe(422);
    expect(consent.body).toContain('href="#champ-consents-data_processing"');
    expect(consent.body).toContain('id="champ-consents-data_processing"');
    // The boxes ticked stay ticked.
    expect(consent.body).toMatch(/value="sms_reminders" checked/);

    const minor = await admin.post('/personnes/nouvelle', { ...valid, lastName: 'Mineur', birthYear: String(YEAR - 12), phone: '', email: '' });
    expect(minor.statusCode).toBe(422);
    expect(decode(minor.body)).toContain('Cochez l’autorisation parentale');

    const ambiguous = await admin.post('/personnes/nouvelle', { ...valid, lastName: 'Ailleurs', commune: 'Beaumont', phone: '', email: '' });
    expect(ambiguous.statusCode).toBe(422);
    expect(decode(ambiguous.body)).toMatch(/Plusieurs communes portent ce nom[^<]*Beaumont \(\d{5}\)/);

    const noLetter = await admin.post('/personnes/nouvelle', { ...valid, lastName: '!', phone: '', email: '' });
    expect(noLetter.statusCode).toBe(422);
    expect(noLetter.body).toContain('href="#champ-lastName"');
    expect(decode(noLetter.body)).toContain('Ce nom ne contient aucune lettre');
    expect(await countPersons()).toBe(before);
  });

  it('shows likely duplicates first, then creates on "continue" or goes back to the form', async () => {
    const existing = await seed('Marie-Thérèse', 'Lemaire', { birthYear: 1962, phone: '0700000002' });
    const before = await countPersons();
    const typed = { ...valid, firstName: 'Marie Therese', lastName: 'LEMAIRE', birthYear: '1962', phone: '', email: '', household: '', consents: ['data_processing'] };
    const check = await admin.post('/personnes/nouvelle', typed);
    expect(check.statusCode).toBe(200);
    const html = decode(check.body);
    expect(titleOf(check.body)).toMatch(/^Cette personne est peut-être déjà inscrite/);
    expect(html).toContain(`href="/personnes/${existing.id}"`);
    expect(html).toContain('Ressemblance : même nom');
    expect(html).toContain('Ce n’est pas la même personne, continuer');
    expect(html).toContain('type="hidden" name="lastName" value="LEMAIRE"');
    expect(await countPersons()).toBe(before);

    const back = await admin.post('/personnes/nouvelle', { ...typed, action: 'edit' });
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('value="Marie Therese"');
    expect(await countPersons()).toBe(before);

    const created = await admin.post('/personnes/nouvelle', { ...typed, confirmNotDuplicate: '1' });
    expect(created.statusCode).toBe(303);
    expect(await countPersons()).toBe(before + 1);
  });

  it('searches without accents, 25 per page, with a table that stacks into cards', async () => {
    for (let i = 0; i < 27; i++) await seed(`Personne${String(i).padStart(2, '0')}`, 'Zéphyrin');
    await seed('Hélène', 'Accentuée');
    const search = await admin.get('/personnes?q=zephyrin');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('27 personnes pour « zephyrin »');
    expect(search.body).toContain('class="responsive"');
    expect(search.body).toContain('data-label="Nom"');
    expect((search.body.match(/<tr>/g) ?? []).length).toBe(26); // header + 25 rows
    // « Page suivante » is a plain link (no JavaScript) carrying the search and a cursor.
    const next = /href="(\/personnes\?q=zephyrin&amp;page=[\w-]+)" rel="next">Page suivante</.exec(search.body)?.[1];
    expect(next).toBeDefined();
    expect(search.body).not.toContain('rel="prev"');
    const page2 = await admin.get(next!.replace(/&amp;/g, '&'));
    expect((page2.body.match(/<tr>/g) ?? []).length).toBe(3);
    expect(page2.body).not.toContain('rel="next"');
    const previous = /href="(\/personnes\?q=zephyrin&amp;page=[\w-]+)" rel="prev">Page précédente</.exec(page2.body)?.[1];
    const page1 = await admin.get(previous!.replace(/&amp;/g, '&'));
    expect((page1.body.match(/<tr>/g) ?? []).length).toBe(26);
    const helene = await admin.get('/personnes?q=Helene');
    expect(decode(helene.body)).toContain('Accentuée');
    const none = await admin.get('/personnes?q=introuvable');
    expect(decode(none.body)).toContain('Aucune personne ne correspond à « introuvable »');
    const odd = await admin.get('/personnes?page=abc&q=%25%25');
    expect(odd.statusCode).toBe(200);
  });

  it('edits a file with the same form, prefilled, and audits the changed fields', async () => {
    const person = await seed('Odette', 'Modif', { phone: '0611111111', commune: 'Caudry', membership: { amountCents: 500 } });
    const form = await admin.get(`/personnes/${person.id}/modifier`);
    expect(form.statusCode).toBe(200);
    expect(titleOf(form.body)).toMatch(/^Modifier la fiche d’Odette Modif/);
    expect(form.body).toContain('value="06 11 11 11 11"');
    expect(form.body).toContain('value="Proville (59267)"');
    expect(form.body).toContain('value="Caudry (59540)"');
    expect(form.body).toMatch(/name="member" value="1" checked/);
    expect(form.body).toContain('name="membershipAmount" type="text" value="5"');
    expect(form.body).toMatch(/value="data_processing" checked/);
    const saved = await admin.post(`/personnes/${person.id}/modifier`, {
      firstName: 'Odette',
      lastName: 'Modif',
      phone: '06 22 22 22 22',
      commune: 'Caudry (59540)',
      member: '1',
      membershipAmount: '5',
      consents: ['data_processing', 'photos'],
    });
    expect(saved.statusCode).toBe(303);
    const log = await t.db.kysely.selectFrom('auditLog').select('details').where('subjectId', '=', person.id).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect(JSON.parse(log.details!).fields.sort()).toEqual(['consents.photos', 'phone']);
    const bad = await admin.post(`/personnes/${person.id}/modifier`, { firstName: 'Odette', lastName: '', consents: ['data_processing'] });
    expect(bad.statusCode).toBe(422);
    expect(titleOf(bad.body)).toMatch(/^Erreur : Modifier la fiche/);
    const row = await t.db.kysely.selectFrom('persons').select(['phone', 'lastName']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: '0622222222', lastName: 'Modif' });
  });

  it('merges from a suggested duplicate through a check page, and the old link leads to the kept file', async () => {
    const keep = await seed('Gaston', 'Fusion', { phone: '0633330000', membership: { amountCents: 1000 } });
    const duplicate = await seed('Gaston', 'Fusion', { email: 'gaston@exemple.fr', birthYear: 1940 });
    const pick = await admin.get(`/personnes/${keep.id}/fusionner`);
    expect(pick.statusCode).toBe(200);
    expect(pick.body).toContain(`href="/personnes/${keep.id}/fusionner?avec=${duplicate.id}"`);
    const searched = await admin.get(`/personnes/${keep.id}/fusionner?q=gaston`);
    expect(searched.body).toContain(`?avec=${duplicate.id}`);
    const check = await admin.get(`/personnes/${keep.id}/fusionner?avec=${duplicate.id}`);
    expect(check.statusCode).toBe(200);
    const html = decode(check.body);
    expect(html).toContain('Fiche conservée');
    expect(html).toContain('<strong>gaston@exemple.fr</strong>');
    expect(html).toContain(`name="duplicateId" value="${duplicate.id}"`);
    const same = await admin.get(`/personnes/${keep.id}/fusionner?avec=${keep.id}`);
    expect(same.statusCode).toBe(422);
    expect(titleOf(same.body)).toMatch(/^Erreur : /);

    const merged = await admin.post(`/personnes/${keep.id}/fusionner`, { duplicateId: duplicate.id });
    expect(merged.statusCode).toBe(303);
    expect(merged.headers.location).toBe(`/personnes/${keep.id}`);
    const file = decode((await admin.get(`/personnes/${keep.id}`)).body);
    expect(file).toContain('Les deux fiches sont fusionnées.');
    expect(file).toContain('gaston@exemple.fr');
    const old = await admin.get(`/personnes/${duplicate.id}`);
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toBe(`/personnes/${keep.id}`);
    const list = await admin.get('/personnes?q=gaston');
    expect(list.body).toContain('1 personne pour « gaston »');
  });

  it('downloads the export as a JSON attachment and audits it', async () => {
    const person = await seed('Xavier', 'Export', { email: 'xavier@exemple.fr' });
    const response = await coordinator.get(`/personnes/${person.id}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="personne-${person.id}.json"`);
    const data = JSON.parse(response.body);
    expect(data.person).toMatchObject({ firstName: 'Xavier', email: 'xavier@exemple.fr' });
    const exports = await t.db.kysely.selectFrom('auditLog').select('actorId').where('subjectId', '=', person.id).where('action', '=', 'export').execute();
    expect(exports).toEqual([{ actorId: coordinator.userId }]);
  });

  it('erases after a confirmation page that says what is kept; the file then has no identity', async () => {
    const person = await seed('Yvonne', 'Effacement', { phone: '0644440000', commune: 'Cambrai', birthYear: YEAR - 30 });
    const confirm = await coordinator.get(`/personnes/${person.id}/effacer`);
    expect(confirm.statusCode).toBe(200);
    const html = decode(confirm.body);
    expect(html).toContain('Ce qui est supprimé');
    expect(html).toContain('Tranche d’âge');
    expect(html).toContain('Effacer définitivement');
    const before = t.clock.nowIso();
    const done = await coordinator.post(`/personnes/${person.id}/effacer`, {});
    expect(done.statusCode).toBe(303);
    const file = await coordinator.get(done.headers.location as string);
    expect(file.statusCode).toBe(200);
    // The erasure is dated by the app's clock, and the page says that day in French.
    const { erasedAt } = await t.db.kysely.selectFrom('persons').select('erasedAt').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(erasedAt! >= before && erasedAt! <= t.clock.nowIso()).toBe(true);
    const after = decode(file.body);
    expect(after).toContain(`Personne effacée le ${formatDate(erasedAt!, 'fr')}.`);
    expect(after).not.toContain('Yvonne');
    expect(after).not.toContain('06 44 44 00 00');
    expect(after).toContain('25 – 39 ans');
    expect(after).toContain('Cambrai');
    expect(after).not.toContain('/modifier');
    expect((await coordinator.get('/personnes?q=yvonne')).body).toContain('Aucune personne ne correspond');
    const again = await coordinator.get(`/personnes/${person.id}/effacer`);
    expect(again.statusCode).toBe(303);
  });

  it('shows the audit log to administrators only, and the actions each role may take', async () => {
    const person = await seed('Rôle', 'Actions');
    const facilitator = await signIn(t.app, centreA, 'facilitator');
    const asCoordinator = decode((await coordinator.get(`/personnes/${person.id}`)).body);
    expect(asCoordinator).not.toContain('Journal des accès');
    expect(asCoordinator).toContain('/fusionner');
    expect(asCoordinator).toContain('/effacer');
    const asFacilitator = decode((await facilitator.get(`/personnes/${person.id}`)).body);
    expect(asFacilitator).toContain('/modifier');
    expect(asFacilitator).not.toContain('/fusionner');
    expect(asFacilitator).not.toContain('/export');
    expect((await facilitator.get(`/personnes/${person.id}/fusionner`)).statusCode).toBe(403);
    expect((await facilitator.get(`/personnes/${person.id}/export`)).statusCode).toBe(403);
    expect((await facilitator.post(`/personnes/${person.id}/effacer`, {})).statusCode).toBe(403);
  });

  it('shows a volunteer only the persons they registered or accompany', async () => {
    const volunteer = await signIn(t.app, centreA, 'volunteer');
    const given = await seed('Accompagnée', 'ParModule');
    const hidden = await seed('Cachée', 'AuBénévole');
    t.app.ctx.personAccess.register(async (actor) => (actor.userId === volunteer.userId ? [given.id] : []));
    const created = await volunteer.post('/personnes/nouvelle', { firstName: 'Créée', lastName: 'ParLeBénévole', consents: ['data_processing'] });
    expect(created.statusCode).toBe(303);
    const list = decode((await volunteer.get('/personnes')).body);
    expect(list).toContain('Vous voyez les personnes que vous accompagnez');
    expect(list).toContain('ParModule');
    expect(list).toContain('ParLeBénévole');
    expect(list).not.toContain('AuBénévole');
    expect(list).not.toContain('Dupont');
    expect((await volunteer.get(`/personnes/${hidden.id}`)).statusCode).toBe(404);
    expect((await volunteer.get(`/personnes/${given.id}`)).statusCode).toBe(200);
    expect((await volunteer.post(`/personnes/${hidden.id}/modifier`, { firstName: 'X', lastName: 'Y', consents: ['data_processing'] })).statusCode).toBe(404);
    // The household list is not offered to volunteers.
    expect((await volunteer.get('/personnes/nouvelle')).body).not.toContain('<datalist id="foyers">');
  });

  it('keeps files closed to a role that has a training to complete first', async () => {
    const volunteer = await signIn(t.app, centreA, 'volunteer');
    t.app.ctx.trainingGate.register(async (actor) =>
      actor.userId === volunteer.userId ? { allowed: false, missing: [{ pathwayId: 'p1', title: 'Accueillir et accompagner' }] } : { allowed: true },
    );
    const list = await volunteer.get('/personnes');
    expect(list.statusCode).toBe(403);
    expect(decode(list.body)).toContain('terminez la formation demandée');
    expect((await volunteer.api('GET', '/api/v1/persons')).statusCode).toBe(403);
    const before = await countPersons();
    expect((await volunteer.post('/personnes/nouvelle', { firstName: 'A', lastName: 'B', consents: ['data_processing'] })).statusCode).toBe(403);
    expect(await countPersons()).toBe(before);
    // Others are not held back.
    expect((await coordinator.get('/personnes')).statusCode).toBe(200);
  });

  it('refuses partners on every page (403)', async () => {
    const partner = await signIn(t.app, centreA, 'partner');
    const person = await seed('Partenaire', 'Refus');
    for (const url of ['/personnes', '/personnes/nouvelle', `/personnes/${person.id}`, `/personnes/${person.id}/modifier`, `/personnes/${person.id}/fusionner`, `/personnes/${person.id}/export`, `/personnes/${person.id}/effacer`]) {
      expect((await partner.get(url)).statusCode, url).toBe(403);
    }
    for (const url of ['/personnes/nouvelle', `/personnes/${person.id}/modifier`, `/personnes/${person.id}/fusionner`, `/personnes/${person.id}/effacer`]) {
      expect((await partner.post(url, { firstName: 'A', lastName: 'B' })).statusCode, url).toBe(403);
    }
  });

  it('answers 404 to a user of another centre on every route, and changes nothing', async () => {
    const person = await seed('Tenant', 'CentreA', { phone: '0655550000' });
    const other = await seed('Autre', 'CentreA');
    const adminB = await signIn(t.app, centreB, 'admin');
    for (const url of [`/personnes/${person.id}`, `/personnes/${person.id}/modifier`, `/personnes/${person.id}/fusionner`, `/personnes/${person.id}/fusionner?avec=${other.id}`, `/personnes/${person.id}/export`, `/personnes/${person.id}/effacer`]) {
      const r = await adminB.get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body).not.toContain('CentreA');
    }
    for (const url of [`/personnes/${person.id}/modifier`, `/personnes/${person.id}/fusionner`, `/personnes/${person.id}/effacer`]) {
      expect((await adminB.post(url, { firstName: 'Pirate', lastName: 'B', duplicateId: other.id, consents: ['data_processing'] })).statusCode, url).toBe(404);
    }
    expect((await adminB.get('/personnes?q=tenant')).body).not.toContain('CentreA');
    const row = await t.db.kysely.selectFrom('persons').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ firstName: 'Tenant', erasedAt: null, mergedIntoId: null });
    for (const url of ['/personnes/pas-un-id', `/personnes/${newId()}`, '/personnes/%27%20or%201=1', `/personnes/${newId()}/effacer`]) {
      expect((await admin.get(url)).statusCode, url).toBe(404);
    }
  });

  it('rejects a form post without the CSRF token and creates nothing', async () => {
    const before = await countPersons();
    const response = await admin.post('/personnes/nouvelle', valid, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await countPersons()).toBe(before);
  });
});
