import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { createPersons, setupProgramme } from '../../src/modules/activities/activities.fixtures.ts';
import { startE2E, TEST_PASSWORD, type E2EServer } from '../support/e2e.ts';

/**
 * A coordinator reads the day on the home page, opens the centre's figures, gets a period
 * wrong and right, JavaScript off; axe runs on every page (charts included).
 */
describe('home page and report journey', () => {
  let server: E2EServer;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls', now: '2026-05-20T08:00:00Z' });
    const centerId = server.centreId;
    const { studioId } = await setupProgramme(server.app, centerId);
    const people = await createPersons(server.app, centerId, 3);
    for (const [i, person] of people.entries()) {
      await server.app.services.helpdesk.accompaniments.recordAccompaniment(systemActor(centerId), {
        personId: person.id, siteId: studioId, occurredAt: `2026-0${i + 2}-10T09:00:00Z`, durationMinutes: 30, placeType: 'lieu_activite',
        equipment: ['ordinateur'], themes: ['email'], autonomy: 'partiellement_autonome', redirected: false, followUp: false,
      } as never);
    }
  });
  afterAll(() => server?.close());

  it('shows the day, then the figures of the year with charts and tables (JavaScript off)', async () => {
    const coordinator = await server.createStaff('coordinator', { email: 'coord-rapports@exemple.fr' });
    const j = await server.openJourney({ name: 'reports', javaScript: false });
    try {
      const page = j.page;
      await j.visit('/connexion');
      await j.fill('Adresse e-mail', coordinator.email);
      await j.fill('Mot de passe', TEST_PASSWORD);
      await j.submit('Se connecter');
      expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
      expect(await page.getByRole('heading', { name: 'Séances' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Permanences' }).count()).toBe(1);

      await j.follow('Rapports', { within: page.getByRole('navigation', { name: 'Navigation principale' }) });
      expect(await j.heading()).toBe('Les chiffres du centre');
      expect(await page.getByRole('main').innerText()).toMatch(/3\s+personnes touchées/);
      expect(await page.getByRole('img', { name: /Graphique : personnes touchées, Par mois/ }).count()).toBe(1);

      await j.fill('Du', '2026-06-01');
      await j.fill('Au', '2026-01-01');
      await j.submit('Afficher les chiffres', { status: 422 });
      expect(await j.title()).toMatch(/^Erreur : /);
      expect(await page.getByRole('alert').innerText()).toContain('La date de fin doit être après la date de début');

      await j.fill('Du', '2026-02-01');
      await j.fill('Au', '2026-02-28');
      await j.submit('Afficher les chiffres');
      expect(await page.getByRole('table', { name: 'Par mois' }).innerText()).toContain('février 2026');
    } finally {
      await j.close();
    }
  });
});
