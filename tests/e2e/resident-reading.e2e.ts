import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHelpdesk } from '../../src/modules/helpdesk/demo.ts';
import { startE2E, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * What a resident touches on a phone: every link, button and choice is at least 44 × 44 px,
 * the centre's phone is a tap away (tel:), each place has a map link, and a page sent back
 * with errors puts the focus on its error summary, whose links land on the inputs — with and
 * without JavaScript; axe on every page.
 */
describe('resident pages on a phone', () => {
  let server: E2EServer;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    await server.app.ctx.kysely
      .updateTable('centers')
      .set({ phone: '0327000000', address: '12 rue de l’Escaut, 59400 Cambrai', postalCode: '59400' })
      .where('id', '=', server.centreId)
      .execute();
    await seedDemoHelpdesk(server.app.ctx, server.app.services, server.centreId);
  });
  afterAll(() => server?.close());

  /** Interactive elements smaller than 44 × 44 px (for a radio or checkbox: its label). */
  async function smallTargets(j: Journey): Promise<string[]> {
    return j.page.evaluate(() => {
      const small: string[] = [];
      const targets = document.querySelectorAll<HTMLElement>('a[href], button, summary, select, input:not([type=hidden]), textarea');
      for (const element of Array.from(targets)) {
        const input = element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox') ? element : null;
        const target = input ? (input.labels?.[0] ?? input) : element;
        const box = target.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue; // not shown (skip link, closed details)
        if (target.closest('.visually-hidden, .skip-link')) continue;
        if (box.height < 44 || box.width < 44) small.push(`${target.tagName.toLowerCase()} « ${(target.textContent ?? '').trim().slice(0, 40)} » ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
      return small;
    });
  }

  for (const javaScript of [true, false]) {
    it(`offers large targets, a tel: link, map links and a focused error summary (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const j = await server.openJourney({ name: 'resident-reading', javaScript });
      await j.page.setViewportSize({ width: 375, height: 740 });
      try {
        await j.visit('/contact');
        expect(await j.page.locator('main a[href^="tel:"]').first().getAttribute('href')).toBe('tel:+33327000000');
        const map = j.page.locator('main a.map-link').first();
        expect(await map.getAttribute('href')).toBe(`https://www.openstreetmap.org/search?query=${encodeURIComponent('12 rue de l’Escaut, 59400 Cambrai')}`);
        expect(await smallTargets(j)).toEqual([]);

        await j.visit('/rendez-vous');
        expect(await smallTargets(j)).toEqual([]);
        // Nothing chosen: the page comes back with the summary focused, its link on the first radio.
        await j.submit('Continuer', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : /);
        expect(await j.page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
        const href = await j.page.locator('.error-summary a').first().getAttribute('href');
        expect(await j.page.evaluate((id) => document.getElementById(id)?.tagName, href!.slice(1))).toBe('INPUT');
        await j.page.locator('.error-summary a').first().click();
        await j.afterNavigation('lien du résumé des erreurs'); // the same page, at the field's anchor
        expect(await j.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');

        await j.page.getByLabel(/^Carte d’identité \/ passeport \(ANTS\)/).check();
        await j.submit('Continuer');
        expect(await j.heading()).toBe('Où voulez-vous avoir rendez-vous ?');
        expect(await j.page.locator('a.map-link').count()).toBeGreaterThan(1);
        expect(await smallTargets(j)).toEqual([]);
      } finally {
        await j.close();
      }
    });
  }
});
