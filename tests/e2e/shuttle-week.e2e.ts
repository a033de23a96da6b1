import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { addDays, mondayOf, parisDate } from '../../src/platform/time.ts';
import { startE2E, TEST_PASSWORD, type E2EServer } from '../support/e2e.ts';

/**
 * The coordinator plans the navette's week, then moves a visit by hand on a day's proposal and
 * sees the warning before confirming; axe on every page, with and without JavaScript.
 */
describe('navette: planning a week, the order of a day chosen by hand', () => {
  let server: E2EServer;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social La Passerelle' });
  });
  afterAll(() => server?.close());

  for (const javaScript of [false, true]) {
    it(`proposes the week, confirms it, then reorders a day (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const suffix = javaScript ? 'Lefebvre' : 'Dubois';
      const people = server.app.services.people;
      const system = systemActor(server.centreId);
      const consents = [{ kind: 'data_processing' as const, granted: true }];
      // Each run its own week, so that each plans its own requests.
      const monday = mondayOf(addDays(parisDate(server.app.ctx.clock.now()), javaScript ? 14 : 7));
      const requests: [string, number, string, string, [number, number]][] = [
        ['Albert', 1, '09:00', '11:00', [3.224, 50.128]],
        ['Berthe', 2, '14:00', '17:00', [3.237, 50.095]],
        ['Colette', 4, '09:00', '16:00', [3.18, 50.12]],
        ['Denise', 6, '09:00', '12:00', [3.2, 50.11]],
      ];
      for (const [name, weekday, from, to, location] of requests) {
        const person = await people.createFromPublicForm(server.centreId, { firstName: name, lastName: suffix, birthYear: 1940, phone: '0611223344', consents });
        await server.app.services.shuttle.requests.create(system, {
          personId: person.id, commune: '59520', address: '1 rue Haute', location, problem: 'Aide pour la tablette', theme: 'prendre_en_main_du_materiel',
          urgency: name === 'Albert' ? 'urgente' : 'normale', availability: [{ weekday, from, to }], notes: null, durationMinutes: 45,
        });
      }
      const coordinator = await server.createStaff('coordinator', { email: `coord-semaine-${javaScript ? 'js' : 'nojs'}@exemple.fr` });
      const staff = await server.openJourney({ name: 'navette-semaine', javaScript });
      const main = () => staff.page.getByRole('main').innerText();
      try {
        await staff.visit('/connexion');
        await staff.fill('Adresse e-mail', coordinator.email);
        await staff.fill('Mot de passe', TEST_PASSWORD);
        await staff.submit('Se connecter');
        await staff.visit('/navette');
        await staff.follow('Planifier une semaine');
        await staff.fill('Semaine du', monday);
        await staff.submit('Proposer la semaine');
        const week = await main();
        for (const name of ['Albert', 'Berthe', 'Colette']) expect(week).toContain(`${name} ${suffix}`);
        expect(week).toContain('Pas placées cette semaine');
        expect(week).toContain('Pas chez elle les jours choisis');
        // Colette left out of the week, then taken back: boxes and « Planifier à nouveau ».
        await staff.page.getByLabel(`Laisser de côté la visite chez Colette ${suffix}`).check();
        await staff.submit('Planifier à nouveau');
        const leftOut = staff.page.getByRole('listitem').filter({ hasText: `Colette ${suffix}` });
        expect(await leftOut.getByRole('checkbox').isChecked()).toBe(true);
        expect(await main()).toContain('Laissées de côté');
        await leftOut.getByRole('checkbox').uncheck();
        await staff.submit('Planifier à nouveau');
        expect(await main()).not.toContain('Laissées de côté');
        expect(await main()).toContain(`Colette ${suffix}`);
        await staff.submit('Confirmer les tournées de la semaine');
        expect(await main()).toContain('3 tournées confirmées.');

        // A day of the week after, with two visits: the later one moved up, a warning shown.
        for (const [name, location] of [['Émile', [3.19, 50.13]], ['Fernande', [3.25, 50.1]]] as const) {
          const person = await people.createFromPublicForm(server.centreId, { firstName: name, lastName: suffix, birthYear: 1938, phone: '0611223344', consents });
          await server.app.services.shuttle.requests.create(system, {
            personId: person.id, commune: '59520', address: '2 rue Basse', location: [...location], problem: 'Aide pour le téléphone', theme: 'email', urgency: 'normale',
            availability: [{ weekday: 3, from: '08:30', to: name === 'Émile' ? '10:00' : '17:00' }], notes: null, durationMinutes: 45,
          });
        }
        const wednesday = addDays(monday, 9);
        await staff.visit('/navette/planifier');
        await staff.fill('Jour de la tournée', wednesday);
        await staff.submit('Proposer la tournée');
        expect(await main()).toContain('2 visites');
        await staff.submit(`Descendre la visite chez Émile ${suffix}`);
        const moved = await main();
        expect(moved).toContain('Ordre choisi à la main');
        expect(moved).toContain('À vérifier avant de partir');
        expect(moved).toContain(`La visite chez Émile ${suffix}`);
        await staff.submit('Confirmer cette tournée');
        expect(await staff.heading()).toMatch(/^Feuille de route du mercredi/);
        expect(await main()).toContain('sort de ses heures de présence');
        await staff.submit(`Monter la visite chez Émile ${suffix}`);
        const sheet = await main();
        expect(sheet).toContain('Ordre des visites changé, heures recalculées.');
        expect(sheet).not.toContain('sort de ses heures de présence');
      } finally {
        await staff.close();
      }
    }, 400_000);
  }
});
