import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tabletBody } from '../../src/modules/equipment/equipment.fixtures.ts';
import { createPersons, setupProgramme } from '../../src/modules/activities/activities.fixtures.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { startE2E, TEST_PASSWORD, type E2EServer } from '../support/e2e.ts';

/**
 * The director produces the Carsat report for 2026 (JavaScript off): from the centre's figures
 * to the funders' reports, a period typed as day, month and year (wrong first, then right), the
 * report's page, then its PDF and its XLSX; axe runs on every page.
 */
describe('funder reports journey', () => {
  let server: E2EServer;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls', now: '2026-12-05T09:00:00Z' });
    const centerId = server.centreId;
    const system = systemActor(centerId);
    const { studioId } = await setupProgramme(server.app, centerId);
    const seniors = await createPersons(server.app, centerId, 3, { birthYear: 1948 });
    for (const [i, person] of seniors.entries()) {
      await server.app.services.helpdesk.accompaniments.recordAccompaniment(system, {
        personId: person.id, siteId: studioId, occurredAt: `2026-0${i + 2}-10T09:00:00Z`, durationMinutes: 30, placeType: 'lieu_activite',
        equipment: ['tablette'], themes: ['email'], autonomy: 'partiellement_autonome', redirected: false, followUp: false,
      } as never);
    }
    const equipment = server.app.services.equipment;
    const tablet = await equipment.inventory.create(system, { ...tabletBody('TAB-1'), serialNumber: null, siteId: studioId, lendable: true, depositCents: null, requiredModuleId: null } as never);
    await equipment.loans.lend(system, { itemId: tablet.id, personId: seniors[0]!.id, reminders: false });
  });
  afterAll(() => server?.close());

  it('produces the Carsat report for 2026 as a page, a PDF and an XLSX (JavaScript off)', async () => {
    const director = await server.createStaff('coordinator', { email: 'directrice-financeurs@exemple.fr' });
    const j = await server.openJourney({ name: 'funder-reports', javaScript: false });
    try {
      const page = j.page;
      await j.visit('/connexion');
      await j.fill('Adresse e-mail', director.email);
      await j.fill('Mot de passe', TEST_PASSWORD);
      await j.submit('Se connecter');
      await j.follow('Rapports', { within: page.getByRole('navigation', { name: 'Navigation principale' }) });
      await j.follow('Rapports pour les financeurs (Carsat, CAF, communautés de communes, État)');
      expect(await j.heading()).toBe('Rapports pour les financeurs');
      // Last year by default.
      expect(await page.getByRole('main').innerText()).toContain('Les rapports, du 1er janvier au 31 décembre 2025');

      const from = page.getByRole('group', { name: 'Premier jour' });
      const to = page.getByRole('group', { name: 'Dernier jour' });
      await from.getByLabel('Jour').fill('1');
      await from.getByLabel('Mois').fill('1');
      await from.getByLabel('Année').fill('2026');
      await to.getByLabel('Jour').fill('31');
      await to.getByLabel('Mois').fill('13');
      await to.getByLabel('Année').fill('2026');
      await j.submit('Choisir cette période', { status: 422 });
      expect(await j.title()).toMatch(/^Erreur : /);
      expect(await page.getByRole('alert').innerText()).toContain('Indiquez le dernier jour avec le jour, le mois et l’année');
      await to.getByLabel('Mois').fill('12');
      await j.submit('Choisir cette période');
      expect(await page.getByRole('main').innerText()).toContain('Les rapports, du 1er janvier au 31 décembre 2026');

      await j.follow('Voir le rapport Carsat');
      expect(await j.heading()).toBe('Rapport Carsat : les seniors');
      const summary = await page.getByRole('table', { name: 'En résumé' }).innerText();
      expect(summary).toMatch(/Seniors touchés \(60 ans et plus\)\s+3/);
      expect(summary).toMatch(/Prêts de tablettes à des seniors\s+1/);

      const pdfHref = await page.getByRole('link', { name: 'Télécharger le rapport Carsat en PDF' }).getAttribute('href');
      expect(pdfHref).toBe('/rapports/financeurs/carsat.pdf?du=2026-01-01&au=2026-12-31');
      const pdf = await page.request.get(pdfHref!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      const xlsxHref = await page.getByRole('link', { name: 'Télécharger le rapport Carsat en XLSX (tableur)' }).getAttribute('href');
      const xlsx = await page.request.get(xlsxHref!);
      expect(xlsx.status()).toBe(200);
      expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

      await j.follow('Retour aux rapports pour les financeurs');
      expect(await page.getByRole('main').innerText()).toContain('Les rapports, du 1er janvier au 31 décembre 2026');
    } finally {
      await j.close();
    }
  });
});
