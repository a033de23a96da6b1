import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * A coordinator's day with the persons' files: registers a resident (commune typed by its
 * name), finds her again by typing her name without accents, corrects her file, is warned
 * when registering her a second time, merges the two files, downloads her data and erases
 * her file — with JavaScript and without. axe runs on every page.
 */
describe('person journey', () => {
  let server: E2EServer;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
  });
  afterAll(() => server?.close());

  async function signIn(j: Journey, email: string) {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
    expect(new URL(j.page.url()).pathname).toBe('/tableau-de-bord');
  }

  async function fillIdentity(j: Journey, person: { first: string; last: string; year: string; commune: string }) {
    await j.fill('Prénom', person.first);
    await j.fill('Nom', person.last);
    await j.fill(/^Année de naissance/, person.year);
    await j.fill(/^Commune où elle habite/, person.commune);
  }

  for (const javaScript of [true, false]) {
    it(`registers, finds, edits, de-duplicates, exports and erases a person (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const suffix = javaScript ? 'Avec' : 'Sans';
      const person = { first: 'Hélène', last: `Dupré-${suffix}`, year: '1948', commune: 'Cambrai' };
      const fullName = `${person.first} ${person.last}`;
      const coordinator = await server.createStaff('coordinator', { email: `coord-personnes-${suffix.toLowerCase()}@exemple.fr` });
      const j = await server.openJourney({ name: 'person-journey', javaScript });
      const page = j.page;
      try {
        await signIn(j, coordinator.email);

        // Register: a forgotten consent comes back with the GOV.UK error pattern, values kept.
        await j.follow('Inscrire une personne');
        expect(await j.heading()).toBe('Inscrire une personne');
        await fillIdentity(j, person);
        await j.fill(/^Téléphone/, javaScript ? '06 12 34 56 78' : '07 98 76 54 32');
        await j.submit('Inscrire la personne', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : /);
        expect(await page.getByRole('alert').innerText()).toContain('Cochez l’accord pour l’enregistrement des données');
        expect(await page.getByLabel('Prénom', { exact: true }).inputValue()).toBe(person.first);
        await page.getByLabel('Le centre enregistre ces informations pour l’accompagner').check();
        await j.submit('Inscrire la personne');
        expect(await page.getByRole('status').innerText()).toContain(`La fiche d’${fullName} est créée.`);
        expect(await j.heading()).toContain(fullName);
        const main = page.getByRole('main');
        expect(await main.innerText()).toContain('Cambrai');
        const fileUrl = new URL(page.url()).pathname;

        // Find her again, typing without accents nor capitals.
        await j.follow('Personnes', { within: page.getByRole('navigation', { name: 'Navigation principale' }) });
        await j.fill('Rechercher une personne', `helene dupre-${suffix.toLowerCase()}`);
        await j.submit('Rechercher');
        // The list reads surname first.
        const results = page.getByRole('table');
        expect(await results.innerText()).toContain(`${person.last} ${person.first}`);
        await j.follow(`${person.last} ${person.first}`, { within: results });
        expect(new URL(page.url()).pathname).toBe(fileUrl);

        // Correct the file.
        await j.follow('Modifier la fiche');
        await j.fill(/^Adresse e-mail/, `helene.${suffix.toLowerCase()}@exemple.fr`);
        await j.submit('Enregistrer les modifications');
        expect(await page.getByRole('status').innerText()).toContain(`La fiche d’${fullName} est à jour.`);
        expect(await main.innerText()).toContain(`helene.${suffix.toLowerCase()}@exemple.fr`);

        // Registering her again: a warning names the existing file; continuing makes a second one.
        await j.visit('/personnes/nouvelle');
        await fillIdentity(j, person);
        await page.getByLabel('Le centre enregistre ces informations pour l’accompagner').check();
        await j.submit('Inscrire la personne');
        expect(await j.heading()).toBe('Cette personne est peut-être déjà inscrite');
        expect(await main.innerText()).toContain(fullName);
        await j.submit('Ce n’est pas la même personne, continuer');
        const duplicateUrl = new URL(page.url()).pathname;
        expect(duplicateUrl).toMatch(/^\/personnes\/[\w-]+$/);
        expect(duplicateUrl).not.toBe(fileUrl);

        // Merge the second file into the first.
        await j.visit(fileUrl);
        await j.follow('Fusionner avec une fiche en double');
        await j.follow(`Comparer avec ${fullName}`);
        expect(await j.heading()).toBe('Vérifier la fusion');
        await j.submit('Fusionner les deux fiches');
        expect(new URL(page.url()).pathname).toBe(fileUrl);
        expect(await page.getByRole('status').innerText()).toContain('Les deux fiches sont fusionnées.');
        // The merged file's old address leads to the kept one.
        await j.visit(duplicateUrl);
        expect(new URL(page.url()).pathname).toBe(fileUrl);

        // Her data, as a download.
        const download = await j.download(() => page.getByRole('link', { name: 'Télécharger ses données (JSON)' }).click());
        expect(download.suggestedFilename()).toMatch(/^personne-.*\.json$/);
        const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
        expect(data.person).toMatchObject({ firstName: person.first, lastName: person.last });
        expect(data.mergedRecords).toHaveLength(1);

        // Erase: the file keeps only what statistics need, and search no longer finds her.
        await j.follow('Effacer la fiche');
        await j.submit('Effacer définitivement');
        expect(new URL(page.url()).pathname).toBe(fileUrl);
        expect(await page.getByRole('status').innerText()).toContain('La fiche est effacée.');
        expect(await j.heading()).toBe('Personne effacée');
        expect(await main.innerText()).not.toContain(person.last);
        await j.visit(`/personnes?q=${encodeURIComponent(person.last)}`);
        expect(await main.innerText()).toContain('Aucune personne ne correspond');
      } finally {
        await j.close();
      }
    });
  }
});
