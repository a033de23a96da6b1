import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/platform/clock.ts';
import { codeAt } from '../../src/platform/auth/totp.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * An administrator of a centre that requires two-step sign-in signs in for the first time: the
 * setup page (QR code, key, first code), the recovery codes shown once, the account page, the
 * centre's two-step page; then signs out and in again with a wrong code, a right one, and
 * next time a recovery code. Once with JavaScript and once without; axe on every page.
 * The secret comes from the service, as the administrator's app would read it from the QR code.
 */
describe('two-step sign-in journey', () => {
  let server: E2EServer;
  let clock: ManualClock;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    clock = server.app.ctx.clock as ManualClock;
    await server.db.kysely.updateTable('centers').set({ twoStepRoles: 'admin' }).where('id', '=', server.centreId).execute();
  });
  afterAll(() => server?.close());

  /** The clock a few minutes later, so that a new code is never one already used. */
  const laterCode = (secret: string) => {
    clock.advance(5 * 60_000);
    return codeAt(secret, clock.now());
  };

  async function passwordStep(j: Journey, email: string) {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  }

  for (const javaScript of [true, false]) {
    it(`sets it up at the first sign-in, then signs in with a code or a recovery code (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const admin = await server.createStaff('admin', { email: `direction-${javaScript ? 'js' : 'nojs'}@exemple.fr` });
      const user = await server.app.ctx.auth.findUser(server.centreId, admin.id);
      const j = await server.openJourney({ name: 'two-step', javaScript });
      try {
        const page = j.page;
        await passwordStep(j, admin.email);
        expect(new URL(page.url()).pathname).toBe('/connexion/mise-en-place');
        expect(await j.heading()).toBe('Mettre en place la validation en deux étapes');
        expect(await page.getByRole('img', { name: /Code QR/ }).isVisible()).toBe(true);
        const { secret } = await server.app.ctx.twoStep.enrolment(user, 'Lieudit');
        expect((await page.locator('code.secret-key').innerText()).replace(/\s/g, '')).toBe(secret);

        await j.fill('Code à 6 chiffres', codeAt(secret, clock.now()));
        await j.submit('Activer la validation en deux étapes');
        expect(await j.heading()).toBe('Vos codes de secours');
        const codes = await page.locator('ol.recovery-codes code').allInnerTexts();
        expect(codes).toHaveLength(10);
        await j.follow('J’ai noté mes codes, continuer');
        expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');

        await j.follow('Mon compte');
        expect(await page.getByRole('main').innerText()).toContain('Il vous reste 10 codes de secours.');
        await j.visit('/centre/deux-etapes');
        expect(await page.getByRole('checkbox', { name: 'Administration', exact: true }).isChecked()).toBe(true);
        await j.submit('Se déconnecter');

        // Again: the password, then the code page — a wrong code first.
        await passwordStep(j, admin.email);
        expect(new URL(page.url()).pathname).toBe('/connexion/code');
        expect(await j.heading()).toBe('Code à 6 chiffres');
        const field = page.getByLabel('Code à 6 chiffres', { exact: true });
        expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
        expect(await field.getAttribute('inputmode')).toBe('numeric');
        await j.fill('Code à 6 chiffres', '000000');
        await j.submit('Valider', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : Code à 6 chiffres – /);
        expect(await page.getByRole('alert').innerText()).toContain('Ce code ne correspond pas');
        await j.fill('Code à 6 chiffres', laterCode(secret));
        await j.submit('Valider');
        expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
        await j.submit('Se déconnecter');

        // Without the phone: a recovery code.
        await passwordStep(j, admin.email);
        await j.follow('Je n’ai pas mon téléphone : utiliser un code de secours');
        expect(await j.heading()).toBe('Code de secours');
        await j.fill('Code de secours', codes[0]!);
        await j.submit('Valider');
        expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
      } finally {
        await j.close();
      }
    }, 360_000);
  }
});
