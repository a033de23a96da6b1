import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { activityInput, addSessionToday, createPersons, dayFromNow, insertConfirmed } from '../../src/modules/activities/activities.fixtures.ts';
import { startE2E, TEST_PASSWORD, type E2EServer } from '../support/e2e.ts';

/**
 * A facilitator opens today's session, prints the sign-in sheet and marks attendance on a
 * phone; a coordinator creates an activity through the form and subscribes to the calendar
 * feed — with JavaScript and without. axe runs on every page.
 */
describe('staff: sign-in sheet, attendance, programme, calendar feed', () => {
  let server: E2EServer;
  let sessionId: string;
  let siteId: string;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    const { centre, activities } = server.app.services;
    const actor = systemActor(server.centreId);
    const site = await centre.createSite(server.centreId, { name: 'Le studio', kind: 'studio', communeInsee: '59122', address: '1 rue de la Gare' });
    siteId = site.id;
    const activity = await activities.programme.create(actor, activityInput(server.app.ctx.clock, site.id, { title: 'Premiers pas sur tablette' }));
    sessionId = await addSessionToday(server.app, server.centreId, activity.id);
    for (const p of await createPersons(server.app, server.centreId, 3)) await insertConfirmed(server.app, server.centreId, activity.id, sessionId, p.id);
  });
  afterAll(() => server?.close());

  const signIn = async (j: Awaited<ReturnType<E2EServer['openJourney']>>, email: string) => {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  };

  for (const javaScript of [true, false]) {
    it(`a facilitator prints the sheet and marks attendance (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const facilitator = await server.createStaff('facilitator');
      const j = await server.openJourney({ name: 'activities-facilitator', javaScript });
      try {
        const page = j.page;
        await page.setViewportSize({ width: 375, height: 800 });
        await signIn(j, facilitator.email);
        await j.visit('/programme');
        await j.follow(/aujourd|\d+ h/i, { within: page.locator('table') });
        expect(await j.heading()).toContain('Premiers pas sur tablette');

        const sheet = await page.request.get(`/seances/${sessionId}/emargement.pdf`);
        expect(sheet.status()).toBe(200);
        expect(sheet.headers()['content-type']).toBe('application/pdf');
        expect((await sheet.body()).subarray(0, 5).toString()).toBe('%PDF-');

        await j.follow('Noter les présences');
        const groups = page.getByRole('group');
        expect(await groups.count()).toBeGreaterThanOrEqual(3);
        await groups.nth(1).getByLabel('Absence', { exact: true }).check();
        await j.submit('Enregistrer la présence');
        expect(await page.getByRole('status').innerText()).toContain('Les présences sont enregistrées.');
        await j.submit('Tout le monde est là : marquer la présence de tout le monde');
        const rows = await server.db.kysely.selectFrom('activityAttendance').select('status').where('sessionId', '=', sessionId).execute();
        expect(rows).toHaveLength(3);
      } finally {
        await j.close();
      }
    });

    it(`a coordinator creates an activity and subscribes to the calendar feed (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const coordinator = await server.createStaff('coordinator');
      const j = await server.openJourney({ name: 'activities-coordinator', javaScript });
      try {
        const page = j.page;
        await signIn(j, coordinator.email);
        await j.visit('/programme/nouvelle');
        const title = `Club code ${javaScript ? 'A' : 'B'}`;
        await j.fill('Titre', title);
        await page.getByLabel('Public', { exact: true }).selectOption('ados_12_17');
        // The theme is chosen explicitly: the form preselects nothing.
        await page.getByLabel('Thème (vocabulaire national)', { exact: true }).selectOption('creer_avec_le_numerique');
        await page.getByLabel('Lieu', { exact: true }).selectOption(siteId);
        await j.fill('Nombre de places', '0');
        // One weekly slot at a time: Wednesday 14:00–16:00, then a second slot added and filled.
        const slot1 = page.getByRole('group', { name: 'Créneau 1' });
        await slot1.getByLabel('Jour', { exact: true }).selectOption('WE');
        await j.submit('Ajouter un autre créneau');
        expect(await page.getByRole('alert').count()).toBe(0);
        expect(await page.getByLabel('Titre', { exact: true }).inputValue()).toBe(title);
        const slot2 = page.getByRole('group', { name: 'Créneau 2' });
        await slot2.getByLabel('Jour', { exact: true }).selectOption('FR');
        await slot2.getByLabel('Début', { exact: true }).fill('10:00');
        await slot2.getByLabel('Fin', { exact: true }).fill('11:30');
        await j.screenshot('deux creneaux');
        const inTwoDays = dayFromNow(server.app.ctx.clock, 2);
        const inTwoMonths = dayFromNow(server.app.ctx.clock, 60);
        await j.fill('Première séance possible', inTwoDays);
        await j.fill(/^Dernière séance possible/, inTwoMonths);
        await j.submit('Créer l’activité', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : /);
        expect(await page.getByRole('alert').innerText()).toContain('nombre de places');
        await j.fill('Nombre de places', '12');
        await j.submit('Créer l’activité');
        expect(await j.heading()).toBe(title);
        expect(await page.getByRole('status').innerText()).toMatch(/créée avec \d+ séance/);

        await j.visit('/agenda');
        await j.submit('Créer mon adresse d’abonnement');
        const url = await page.getByLabel('Adresse d’abonnement (gardez-la pour vous)').inputValue();
        const feed = await page.request.get(new URL(url).pathname);
        expect(feed.status()).toBe(200);
        const ics = await feed.text();
        expect(ics).toContain(title);
        expect(ics).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T140000/);
        expect(ics).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T100000/);
      } finally {
        await j.close();
      }
    });
  }
});
