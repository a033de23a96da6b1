import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, TEST_PASSWORD, type E2EServer } from '../support/e2e.ts';

/**
 * Someone asks for the admin's new-password link with the public form; a coordinator opens
 * the outbox and reads the e-mail: the link is masked. axe runs on every page, JavaScript off.
 */
describe('outbox: personal links are masked for staff', () => {
  let server: E2EServer;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
  });
  afterAll(() => server?.close());

  it('shows the reset e-mail to the coordinator with « lien personnel masqué » in place of the link', async () => {
    const admin = await server.createStaff('admin', { email: 'direction@tilleuls.fr' });
    const coordinator = await server.createStaff('coordinator', { email: 'coord@tilleuls.fr' });
    const j = await server.openJourney({ name: 'outbox-secrets', javaScript: false });
    try {
      const page = j.page;
      await j.visit('/mot-de-passe/oublie');
      await j.fill('Adresse e-mail', admin.email);
      await j.submit('Recevoir le lien');
      await server.app.ctx.auth.whenIdle();

      await j.visit('/connexion');
      await j.fill('Adresse e-mail', coordinator.email);
      await j.fill('Mot de passe', TEST_PASSWORD);
      await j.submit('Se connecter');
      await j.visit('/messages');
      await page.locator('summary', { hasText: 'Choisir un nouveau mot de passe' }).click();
      await j.afterNavigation('message-ouvert');
      const text = await page.locator('pre.message').first().innerText();
      expect(text).toContain('[lien personnel masqué]');
      expect(text).not.toContain('jeton=');
    } finally {
      await j.close();
    }
  });
});
