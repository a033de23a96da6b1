import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, TEST_PASSWORD, type E2EServer } from '../support/e2e.ts';
import { testPng } from '../support/png.ts';

/**
 * A facilitator writes a fiche in Markdown, previews it, is told what is missing, saves it as a
 * draft and publishes it, then adds an image to it (a multipart form, JavaScript off) and shows
 * it in the fiche and its large-print version. axe runs on every page visited.
 */
describe('team: write, preview and publish a fiche', () => {
  let server: E2EServer;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
  });
  afterAll(() => server?.close());

  it('a facilitator writes « Se connecter au Wi-Fi » and publishes it (JavaScript off)', async () => {
    const facilitator = await server.createStaff('facilitator');
    const j = await server.openJourney({ name: 'resources-staff', javaScript: false });
    try {
      const page = j.page;
      await j.visit('/connexion');
      await j.fill('Adresse e-mail', facilitator.email);
      await j.fill('Mot de passe', TEST_PASSWORD);
      await j.submit('Se connecter');
      await j.follow('Fiches pratiques');
      await j.follow('Écrire une fiche');
      await j.fill('Titre', 'Se connecter au Wi-Fi');
      await j.fill('Résumé', 'Se connecter à internet sans utiliser son forfait.');
      await j.fill('Contenu', '## Les étapes\n\n1. Ouvrez les **Paramètres**.\n2. Touchez **Wi-Fi**.');
      await j.submit('Prévisualiser');
      expect(await page.locator('.fiche-preview').innerText()).toContain('Les étapes');
      await j.submit('Enregistrer', { status: 422 });
      expect(await j.title()).toMatch(/^Erreur : /);
      expect(await page.getByRole('alert').innerText()).toContain('Choisissez au moins un thème');
      await page.getByLabel('Prendre en main du matériel').check();
      await j.submit('Enregistrer');
      expect(await page.getByRole('main').innerText()).toContain('Brouillon');
      await j.submit('Publier');
      expect(await page.getByRole('main').innerText()).toContain('La fiche est publiée');
      const editUrl = new URL(page.url()).pathname;
      await j.follow('Voir la page publique');
      expect(await j.heading()).toBe('Se connecter au Wi-Fi');
      expect(await page.locator('.fiche-body strong').first().innerText()).toBe('Paramètres');

      // An image: chosen, described, added; then shown in the text.
      await j.visit(editUrl);
      await page.getByLabel('Image', { exact: true }).setInputFiles({ name: 'reglages.png', mimeType: 'image/png', buffer: testPng(320, 160) });
      await j.submit('Ajouter l’image', { status: 422 });
      expect(await page.getByRole('alert').innerText()).toContain('Décrivez ce que montre l’image');
      await page.getByLabel('Image', { exact: true }).setInputFiles({ name: 'reglages.png', mimeType: 'image/png', buffer: testPng(320, 160) });
      await j.fill('Ce que montre l’image', 'Le bouton Wi-Fi dans les réglages');
      await j.submit('Ajouter l’image');
      expect(await page.getByRole('main').innerText()).toContain('L’image est ajoutée');
      const markdown = await page.locator('.fiche-image-list code').first().innerText();
      expect(markdown).toMatch(/^!\[Le bouton Wi-Fi dans les réglages\]\(\/ressources\/images\/[0-9a-f-]{36}\)$/);
      const body = await page.getByLabel('Contenu', { exact: true }).inputValue();
      await j.fill('Contenu', `${body}\n\n${markdown}`);
      await j.submit('Enregistrer');
      await j.screenshot('fiche-editor-with-image');
      await j.follow('Voir la page publique');
      const image = page.locator('.fiche-body img');
      expect(await image.getAttribute('alt')).toBe('Le bouton Wi-Fi dans les réglages');
      const served = await page.request.get(String(await image.getAttribute('src')));
      expect(served.status()).toBe(200);
      expect(served.headers()['content-type']).toBe('image/png');
      await j.screenshot('fiche-with-image');
      await j.follow('Version gros caractères');
      expect(await page.locator('.fiche-body img').getAttribute('alt')).toBe('Le bouton Wi-Fi dans les réglages');
    } finally {
      await j.close();
    }
    // About fifteen pages, each checked by axe (the editor's form is long): minutes on a loaded machine.
  }, 480_000);
});
