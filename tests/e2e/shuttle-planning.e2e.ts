import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { addDays, parisDate } from '../../src/platform/time.ts';
import { nextThursday } from '../../src/modules/shuttle/shuttle.fixtures.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The navette's planning journey of the issue, with axe on every page, with and without
 * JavaScript: staff take visit requests by phone, the coordinator plans Thursday's tour,
 * leaves a visit out and takes it back, confirms, and opens the road sheet, its PDF and the
 * call list of the day before. Map tiles are configured but no tile server answers: with
 * JavaScript the pages carry a Leaflet map (numbered visits on a blank background, a click on
 * the request form's map fills the pin) and still pass axe; without it, the drawn plan.
 */
describe('navette: taking requests, planning Thursday, the road sheet', () => {
  let server: E2EServer;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social La Passerelle', env: { MAP_TILES_URL: 'http://127.0.0.1:9/tuiles/{z}/{x}/{y}.png' } });
  });
  afterAll(() => server?.close());

  async function signIn(j: Journey, email: string) {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  }

  for (const javaScript of [true, false]) {
    it(`takes two requests, plans Thursday and prints the road sheet (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const suffix = javaScript ? 'Marchand' : 'Caron';
      const consents = [{ kind: 'data_processing' as const, granted: true }];
      const people = server.app.services.people;
      for (const first of ['Odette', 'Marcel', 'Lucienne', 'Gérard']) {
        await people.createFromPublicForm(server.centreId, { firstName: first, lastName: suffix, birthYear: 1942, phone: '0611223344', consents });
      }
      // Two requests already taken earlier in the week.
      const system = systemActor(server.centreId);
      const found = async (name: string) => (await people.search(system, { q: `${name} ${suffix}`, pageSize: 5 })).items[0]!.id;
      for (const [name, commune, location] of [['Lucienne', '59520', [3.224, 50.128]], ['Gérard', '59517', [3.237, 50.095]]] as const) {
        await server.app.services.shuttle.requests.create(system, {
          personId: await found(name), commune, address: '1 rue Haute', location: [...location], problem: 'Aide pour la tablette', theme: 'prendre_en_main_du_materiel',
          urgency: 'normale', availability: [{ weekday: 4, from: '09:00', to: '17:00' }], notes: null, durationMinutes: 45,
        });
      }
      const coordinator = await server.createStaff('coordinator', { email: `coord-navette-${javaScript ? 'js' : 'nojs'}@exemple.fr` });
      const staff = await server.openJourney({ name: 'navette', javaScript });
      const main = () => staff.page.getByRole('main').innerText();
      try {
        await signIn(staff, coordinator.email);
        for (const [name, commune, problem, pin] of [['Odette', 'Marcoing', 'Ne reçoit plus ses mails', null], ['Marcel', 'Masnières', 'Veut appeler en vidéo', ['50,1170', '3,2110']]] as const) {
          await staff.visit('/navette');
          await staff.follow('Nouvelle demande');
          await staff.fill('Nom, téléphone ou e-mail de la personne', `${name} ${suffix}`);
          await staff.submit('Rechercher');
          // The phone under the name tells homonyms apart: the label starts with the name.
          await staff.page.getByLabel(new RegExp(`^${name} ${suffix}`)).check();
          await staff.fill('Commune du domicile', commune);
          await staff.fill(/^Adresse/, '4 rue du Calvaire');
          if (pin && javaScript) {
            // A click on the map fills the two fields (then the typed pin is kept).
            await staff.page.locator('.map-area.pin').click();
            expect(await staff.page.getByLabel(/^Latitude/).inputValue()).toMatch(/^50,\d{5}$/);
            expect(await staff.page.getByLabel(/^Longitude/).inputValue()).toMatch(/^3,\d{5}$/);
          }
          if (pin) {
            await staff.fill(/^Latitude/, pin[0]);
            await staff.fill(/^Longitude/, pin[1]);
          }
          await staff.fill('Le problème, avec les mots de la personne', problem);
          await staff.page.getByLabel('Thématique', { exact: true }).selectOption('email');
          await staff.page.getByLabel('Urgente', { exact: true }).check();
          await staff.page.getByLabel('Jour 1', { exact: true }).selectOption('4');
          await staff.fill('De (ligne 1)', '09:00');
          await staff.fill('À (ligne 1)', '12:00');
          await staff.fill(/^Mobilité, santé, accès/, 'Sonner fort');
          await staff.submit('Enregistrer la demande');
          expect(await staff.heading()).toBe(`Demande de visite : ${name} ${suffix}`);
        }

        // Thursday (a different one for each run, so that each plans its own requests).
        const thursday = addDays(nextThursday(parisDate(server.app.ctx.clock.now())), javaScript ? 0 : 7);
        await staff.visit('/navette');
        await staff.follow('Planifier une journée');
        await staff.fill('Jour de la tournée', thursday);
        await staff.submit('Proposer la tournée');
        expect(await main()).toContain('4 visites');
        await staff.page.getByLabel(`Laisser de côté la visite chez Gérard ${suffix}`).check();
        await staff.submit('Planifier à nouveau');
        expect(await main()).toContain('3 visites');
        expect(await main()).toContain('Laissées de côté');
        await staff.page.getByLabel(new RegExp(`Gérard ${suffix}`)).uncheck();
        await staff.submit('Planifier à nouveau');
        expect(await main()).toContain('4 visites');
        await staff.submit('Confirmer cette tournée');
        expect(await staff.heading()).toMatch(/^Feuille de route du jeudi/);
        const sheet = await main();
        for (const name of ['Odette', 'Marcel', 'Lucienne', 'Gérard']) expect(sheet).toContain(`${name} ${suffix}`);
        expect(sheet).toContain('position approximative');
        expect(await staff.page.locator('svg[role="img"] circle').count()).toBe(4);
        // With JavaScript, the tiled map: the centre and the four visits, numbered in order.
        expect(await staff.page.locator('.map-area .map-marker').allInnerTexts()).toEqual(javaScript ? ['C', '1', '2', '3', '4'] : []);

        const href = await staff.page.getByRole('link', { name: 'Imprimer la feuille de route (PDF)' }).getAttribute('href');
        const pdf = await staff.page.request.get(href!);
        expect(pdf.headers()['content-type']).toBe('application/pdf');
        expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
        await staff.follow('Liste d’appels de la veille');
        expect(await main()).toContain(`Odette ${suffix}`);
      } finally {
        await staff.close();
      }
    }, 400_000);
  }
});
