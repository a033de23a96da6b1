import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, TEST_PASSWORD, type E2EServer } from '../support/e2e.ts';

/**
 * A coordinator arrives on the public home page, signs in (after a wrong password),
 * switches the readable mode, reads the pages every French public service publishes,
 * and signs out — once with JavaScript and once without. axe runs on every page.
 */
describe('staff sign-in journey', () => {
  let server: E2EServer;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
  });
  afterAll(() => server?.close());

  for (const javaScript of [true, false]) {
    it(`signs in, reads the footer pages and signs out (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const coordinator = await server.createStaff('coordinator', { email: `coord-${javaScript ? 'js' : 'nojs'}@exemple.fr` });
      const j = await server.openJourney({ name: 'staff-login', javaScript });
      try {
        const page = j.page;

        await j.visit('/');
        expect(await j.heading()).toContain('Centre social Les Tilleuls');

        await j.follow('Se connecter', { within: page.getByRole('main') });
        expect(new URL(page.url()).pathname).toBe('/connexion');
        expect(await j.heading()).toBe('Se connecter');

        // A wrong password: the GOV.UK error pattern, e-mail kept, password emptied.
        await j.fill('Adresse e-mail', coordinator.email);
        await j.fill('Mot de passe', 'pas le bon mot de passe');
        await j.submit('Se connecter', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : Se connecter – /);
        const summary = page.getByRole('alert');
        await expect(summary.getByRole('heading')).toBeDefined();
        expect(await summary.innerText()).toContain('Adresse e-mail ou mot de passe incorrect');
        expect(await summary.getByRole('link').getAttribute('href')).toBe('#champ-email');
        expect(await page.getByLabel('Adresse e-mail', { exact: true }).inputValue()).toBe(coordinator.email);
        expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe('');

        await j.fill('Mot de passe', TEST_PASSWORD);
        await j.submit('Se connecter');
        expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
        expect(await j.heading()).toBe(`Bonjour ${coordinator.displayName}`);
        expect(await page.getByRole('navigation', { name: 'Navigation principale' }).innerText()).toContain('Accueil');

        // Readable mode: larger text, stays on the same page, remembered.
        expect(await page.locator('html').getAttribute('class')).not.toContain('lisible');
        await j.submit('Mode lisible : activer');
        expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
        expect(await page.locator('html').getAttribute('class')).toContain('lisible');
        const toggle = page.getByRole('button', { name: 'Mode lisible : désactiver' });
        expect(await toggle.getAttribute('aria-pressed')).toBe('true');
        const fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize).catch(() => null);
        if (javaScript) expect(fontSize).toBe('22px');

        // The pages every public-facing French service publishes, from the footer.
        const footer = page.getByRole('navigation', { name: 'Pied de page' });
        const footerPages: [string | RegExp, string, string][] = [
          [/^Accessibilité/, '/accessibilite', 'Déclaration d’accessibilité'],
          ['Mentions légales', '/mentions-legales', 'Mentions légales'],
          ['Données personnelles', '/donnees-personnelles', 'Données personnelles'],
          ['Contact', '/contact', 'Contact'],
        ];
        for (const [link, path] of footerPages) {
          await j.follow(link, { within: footer });
          expect(new URL(page.url()).pathname).toBe(path);
          expect(await page.locator('html').getAttribute('class')).toContain('lisible');
        }
        expect(await page.getByRole('main').innerText()).toContain('Centre social Les Tilleuls');

        // Back to normal size, then sign out.
        await j.submit('Mode lisible : désactiver');
        expect(await page.locator('html').getAttribute('class')).not.toContain('lisible');
        await j.submit('Se déconnecter');
        expect(new URL(page.url()).pathname).toBe('/connexion');
        expect(await page.getByRole('status').innerText()).toContain('Vous avez quitté votre compte.');

        // The dashboard is closed again.
        await j.visit('/tableau-de-bord');
        expect(new URL(page.url()).pathname).toBe('/connexion');
      } finally {
        await j.close();
      }
    });
  }
});
