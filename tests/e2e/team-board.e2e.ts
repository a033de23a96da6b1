import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTeamBoard } from '../../src/modules/team/notice-board.demo.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The team's notice board and volunteer hours, with axe on every page, with and without
 * JavaScript: the coordinator finds the facilitator's post unread, opens it and sees who has
 * read it, writes a post (a mistake first); the volunteer reads it; the coordinator records the
 * volunteer's afternoon at the help desk and sees it valued at the SMIC.
 */
describe('team board: notices with read receipts, volunteer hours', () => {
  let server: E2EServer;
  let coordinator: { email: string };
  let volunteer: { email: string; displayName: string };

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    coordinator = await server.createStaff('coordinator', { email: 'karim@exemple.fr' });
    await server.createStaff('facilitator', { email: 'sophie@exemple.fr' });
    volunteer = await server.createStaff('volunteer', { email: 'monique@exemple.fr' });
    await seedDemoTeamBoard(server.app.ctx, server.app.services, server.centreId);
  });
  afterAll(() => server?.close());

  async function signIn(j: Journey, email: string) {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  }

  for (const javaScript of [true, false]) {
    it(`posts and reads notices, records volunteer hours (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const title = `Fermeture exceptionnelle ${javaScript ? 'lundi' : 'mardi'}`;
      const staff = await server.openJourney({ name: 'annonces', javaScript });
      const main = () => staff.page.getByRole('main').innerText();
      try {
        await signIn(staff, coordinator.email);
        await staff.follow('Annonces');
        expect(await staff.heading()).toBe('Annonces de l’équipe');
        await staff.follow('Tablettes à recharger');
        expect(await main()).toContain('Qui l’a lue');
        await staff.follow(/Retour/);

        await staff.follow('Écrire une annonce');
        await staff.fill('Titre', title);
        await staff.submit('Publier l’annonce', { status: 422 });
        expect(await staff.title()).toMatch(/^Erreur :/);
        expect(await main()).toContain('Écrivez le message.');
        await staff.fill('Message', 'Le centre est **fermé** pour travaux.');
        await staff.submit('Publier l’annonce');
        expect(await staff.heading()).toBe(title);
        expect(await main()).toContain('Pas encore lue par');

        await staff.visit('/equipe/benevolat');
        await staff.follow('Enregistrer des heures');
        await staff.page.getByLabel('Bénévole', { exact: true }).selectOption({ label: volunteer.displayName });
        await staff.page.getByLabel('Type d’aide').selectOption({ label: 'Permanence d’aide' });
        await staff.fill('Heures', '30');
        await staff.submit('Enregistrer', { status: 422 });
        expect(await main()).toContain('ne peut pas dépasser 24 heures');
        await staff.fill('Heures', '3');
        await staff.fill('Minutes', '0');
        await staff.submit('Enregistrer');
        expect(await staff.heading()).toBe('Heures de bénévolat');
        expect(await main()).toContain('Les heures sont enregistrées.');
        expect(await main()).toContain(volunteer.displayName);
      } finally {
        await staff.close();
      }

      const reader = await server.openJourney({ name: 'annonces-benevole', javaScript });
      try {
        await signIn(reader, volunteer.email);
        await reader.visit('/equipe/annonces');
        await reader.follow(title);
        expect(await reader.page.getByRole('main').innerText()).toContain('fermé');
        expect(await reader.page.getByRole('main').innerText()).not.toContain('Qui l’a lue');
      } finally {
        await reader.close();
      }
      // Two journeys and a dozen audited pages: minutes on a loaded machine.
    }, 400_000);
  }
});
