import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoResources } from '../../src/modules/resources/demo.ts';
import { startE2E, type E2EServer } from '../support/e2e.ts';

/**
 * A resident, on a phone-sized screen, searches the resource space for "arnaque sms", opens the
 * fiche and its large-print version to print it — with JavaScript and without. axe runs on
 * every page visited.
 */
describe('resident: find a practical guide and print it in large print', () => {
  let server: E2EServer;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    await seedDemoResources(server.app.ctx, server.app.services, server.centreId);
  });
  afterAll(() => server?.close());

  for (const javaScript of [true, false]) {
    it(`searches "arnaque sms", opens the fiche and its large-print version (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const j = await server.openJourney({ name: 'resources-resident', javaScript });
      try {
        const page = j.page;
        await page.setViewportSize({ width: 375, height: 800 });
        await j.visit('/');
        await j.follow('Fiches pratiques');
        expect(await j.heading()).toBe('Fiches pratiques');
        await j.fill('Que cherchez-vous ?', 'arnaque sms');
        await j.submit('Chercher');
        expect(page.url()).toContain('q=arnaque+sms');
        expect(await page.getByRole('main').innerText()).toContain('1 fiche trouvée pour « arnaque sms »');
        await j.follow('Reconnaître un SMS frauduleux');
        expect(await j.heading()).toBe('Reconnaître un SMS frauduleux');
        expect(await page.getByRole('main').innerText()).toContain('33700');
        await j.follow('Version gros caractères');
        expect(await j.heading()).toBe('Reconnaître un SMS frauduleux');
        const size = await page.locator('article.large-print').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
        expect(size).toBeGreaterThanOrEqual(24);
        // Printed: the header, the navigation and the buttons are left out.
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.site-header').isVisible()).toBe(false);
        expect(await page.locator('.fiche-actions').isVisible()).toBe(false);
        expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
        await page.emulateMedia({ media: 'screen' });
        await j.follow('Retour à la fiche');
        expect(page.url()).toMatch(/\/ressources\/reconnaitre-un-sms-frauduleux$/);
      } finally {
        await j.close();
      }
    });
  }
});
