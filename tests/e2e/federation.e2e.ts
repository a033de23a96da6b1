import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersons, setupProgramme } from '../../src/modules/activities/activities.fixtures.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { createCentre } from '../support/app.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * A federation's account reads its centres' figures (JavaScript off): signs in, follows
 * "Fédération", changes the period, downloads the workbook; axe runs on every page. The
 * persons' names never appear.
 */
/** The federation's account signs in through the sign-in page. */
async function signInAsFederation(j: Journey): Promise<void> {
  await j.visit('/connexion');
  await j.fill('Adresse e-mail', 'federation@cambresis.fr');
  await j.fill('Mot de passe', TEST_PASSWORD);
  await j.submit('Se connecter');
}

describe('federation journey', () => {
  let server: E2EServer;
  const names: string[] = [];
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls', now: '2026-12-05T09:00:00Z' });
    const other = await createCentre(server.app, 'peupliers', 'Centre social Les Peupliers');
    const federations = server.app.services.reports.federation;
    const federation = await federations.create({ slug: 'cambresis', name: 'Fédération des centres sociaux du Cambrésis' });
    for (const [i, centerId] of [server.centreId, other].entries()) {
      await federations.join(federation.id, centerId);
      const { studioId } = await setupProgramme(server.app, centerId);
      const persons = await createPersons(server.app, centerId, 6 + i * 3, { birthYear: 1950 - i * 30 });
      for (const [j, person] of persons.entries()) {
        names.push(person.lastName ?? '');
        await server.app.services.helpdesk.accompaniments.recordAccompaniment(systemActor(centerId), {
          personId: person.id, siteId: studioId, occurredAt: `2026-0${(j % 6) + 2}-10T09:00:00Z`, durationMinutes: 30, placeType: 'lieu_activite',
          equipment: ['tablette'], themes: ['email'], autonomy: 'partiellement_autonome', redirected: false, followUp: false,
        } as never);
      }
    }
    await server.app.ctx.auth.createUser({ centerId: server.centreId, email: 'federation@cambresis.fr', displayName: 'Fédération du Cambrésis', role: 'federation_admin', password: TEST_PASSWORD, federationId: federation.id });
  });
  afterAll(() => server?.close());

  it('shows the federation’s anonymous figures, by centre, month, age, gender and EPCI (JavaScript off)', async () => {
    const j = await server.openJourney({ name: 'federation', javaScript: false });
    try {
      const page = j.page;
      await signInAsFederation(j);
      await j.follow('Fédération', { within: page.getByRole('navigation', { name: 'Navigation principale' }) });
      expect(await j.heading()).toBe('Fédération des centres sociaux du Cambrésis : les chiffres des centres');
      const main = await page.getByRole('main').innerText();
      expect(main).toContain('2 centres dans la fédération.');
      expect(main).toContain('Centre social Les Peupliers');
      for (const name of names) expect(main).not.toContain(name);
      await j.screenshot('federation-annee');
      await j.fill('Du', '2026-02-01');
      await j.fill('Au', '2026-03-31');
      // A period never asked, with more centres to count than a wait allows (lowered here to
      // none): the page says how far the count is, and « Mettre à jour maintenant » shows the figures.
      const federations = server.app.services.reports.federation;
      const usual = federations.countWhileWaiting;
      federations.countWhileWaiting = 0;
      try {
        await j.submit('Afficher les chiffres');
        const counting = await page.getByRole('main').innerText();
        expect(counting).toContain('Calcul des chiffres en cours');
        expect(counting).toContain('Centres déjà comptés : 0 sur 2.');
        await j.screenshot('federation-calcul');
        // The person looks again when they choose: the figures are there.
        await j.follow('Mettre à jour maintenant');
      } finally {
        federations.countWhileWaiting = usual;
      }
      expect(await page.getByRole('main').innerText()).not.toContain('Calcul des chiffres en cours');
      expect(await page.getByRole('main').innerText()).toContain('du 1er février au 31 mars 2026');
      await j.screenshot('federation-periode');
      const download = await j.download(() => page.getByRole('link', { name: /tableur XLSX/ }).click());
      expect(download.suggestedFilename()).toBe('federation-2026-02-01-2026-03-31.xlsx');

      // A token for the federation's software: shown once, then revoked after a confirmation.
      await j.follow('Jetons d’accès à l’API de la fédération');
      await j.submit('Créer le jeton', { status: 422 });
      await j.fill('Nom du jeton', 'Tableau de bord régional');
      await j.submit('Créer le jeton');
      expect(await j.heading()).toBe('Jeton créé');
      const token = await page.getByLabel('Jeton « Tableau de bord régional »').inputValue();
      expect(token).toMatch(/^ldf_/);
      const call = () => fetch(`${server.baseUrl}/api/v1/federation/report?from=2026-01-01&to=2026-12-31`, { headers: { authorization: `Bearer ${token}` } });
      expect((await call()).status).toBe(200);
      await j.visit('/federation/jetons');
      expect(await page.getByRole('main').innerText()).not.toContain(token);
      await j.follow(/^Révoquer le jeton «/);
      await j.submit('Révoquer le jeton');
      expect(await page.getByRole('main').innerText()).toContain('Révoqué');
      expect((await call()).status).toBe(401);
    } finally {
      await j.close();
    }
  });
  it('follows a count in the background without reloading the page, then offers the figures (JavaScript on)', async () => {
    const j = await server.openJourney({ name: 'federation-calcul', javaScript: true });
    const federations = server.app.services.reports.federation;
    const usual = federations.countWhileWaiting;
    try {
      const page = j.page;
      await signInAsFederation(j);
      await j.visit('/federation');
      await j.fill('Du', '2026-04-01');
      await j.fill('Au', '2026-05-31');
      federations.countWhileWaiting = 0;
      await j.submit('Afficher les chiffres');
      expect(await page.getByRole('main').innerText()).toContain('Centres déjà comptés : 0 sur 2.');
      // The script asks for the page again: the count is done, the region says so in place.
      await page.getByRole('status').filter({ hasText: 'Les chiffres sont prêts.' }).waitFor({ timeout: 15_000 });
      expect(await page.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(2);
      await j.screenshot('federation-calcul-fini');
      await j.follow('Afficher les chiffres');
      expect(await page.getByRole('main').innerText()).toContain('du 1er avril au 31 mai 2026');
    } finally {
      federations.countWhileWaiting = usual;
      await j.close();
    }
  });
});
