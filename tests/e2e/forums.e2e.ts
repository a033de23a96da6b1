import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupConsultation } from '../../src/modules/forums/forums.fixtures.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The consultation as residents and staff meet it: a resident votes for 3 themes on a phone,
 * without an account; a volunteer enters a paper tally of 27 votes collected at the market;
 * the results page shows both. With JavaScript and without; axe on every page.
 */
describe('forums journeys', () => {
  let server: E2EServer;
  let consultationId: string;
  let volunteer: { email: string };
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls', now: '2027-03-10T10:00:00Z' });
    const { consultation } = await setupConsultation(server.app, server.centreId, { themes: 5, votesPerPerson: 3 });
    consultationId = consultation.id;
    volunteer = await server.createStaff('volunteer');
  });
  afterAll(() => server?.close());

  for (const javaScript of [true, false]) {
    it(`a resident votes for 3 themes, staff enter a tally of 27, the results show both (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const resident: Journey = await server.openJourney({ name: 'forums-resident', javaScript });
      await resident.page.setViewportSize({ width: 375, height: 740 });
      try {
        await resident.visit('/forums');
        expect(await resident.heading()).toBe('Consultation 2027');
        await resident.follow('Voter pour des thèmes');
        expect(await resident.heading()).toBe('Quels thèmes voulez-vous soutenir ?');
        const box = await resident.page.getByRole('button', { name: 'Continuer' }).boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(44);
        for (const theme of ['Thème 1', 'Thème 2', 'Thème 3']) await resident.page.getByLabel(new RegExp(`^${theme}`)).check();
        await resident.submit('Continuer');
        expect(await resident.heading()).toBe('Qui vote ?');
        await resident.submit('Envoyer mon vote', { status: 422 });
        expect(await resident.title()).toMatch(/^Erreur : /);
        await resident.fill('Prénom', 'Jeanne');
        await resident.fill('Nom', javaScript ? 'Avec' : 'Sans');
        await resident.fill(/^Adresse e-mail/, `jeanne.${javaScript ? 'avec' : 'sans'}@exemple.fr`);
        await resident.page.getByLabel(/^J’accepte que le centre garde mon nom/).check();
        await resident.submit('Envoyer mon vote');
        expect(await resident.heading()).toBe('Votre vote est enregistré');
      } finally {
        await resident.close();
      }

      const staff = await server.openJourney({ name: 'forums-staff', javaScript });
      try {
        await staff.visit('/connexion');
        await staff.fill('Adresse e-mail', volunteer.email);
        await staff.fill('Mot de passe', TEST_PASSWORD);
        await staff.submit('Se connecter');
        await staff.visit(`/consultations/${consultationId}/decompte`);
        await staff.page.getByLabel('Thème', { exact: true }).selectOption({ label: 'Thème 4' });
        await staff.fill('Nombre de votes', '27');
        await staff.fill(/^Où les votes ont été recueillis/, 'collectés au marché');
        await staff.fill('Jour du recueil', '2027-03-09');
        await staff.submit('Enregistrer');
        expect(await staff.page.getByRole('main').innerText()).toContain('collectés au marché');
      } finally {
        await staff.close();
      }

      const reader = await server.openJourney({ name: 'forums-results', javaScript });
      try {
        await reader.visit(`/forums/${consultationId}/resultats`);
        const row = (name: string) => reader.page.getByRole('row', { name: new RegExp(name) }).innerText();
        expect(await row('Thème 1')).toMatch(/Thème 1\s+[12]\s+0\s+[12]/);
        expect(await row('Thème 4')).toMatch(/Thème 4\s+0\s+(27|54)\s+(27|54)/);
        expect(await reader.page.locator('svg[role="img"]').count()).toBe(1);
      } finally {
        await reader.close();
      }
      // Three journeys with axe on every page: minutes on a loaded machine.
    }, 300_000);
  }
});
