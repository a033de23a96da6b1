import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { activityInput, dayFromNow } from '../../src/modules/activities/activities.fixtures.ts';
import { startE2E, type E2EServer } from '../support/e2e.ts';

/**
 * A resident, on a phone-sized screen, looks for a tablet workshop in their village, registers
 * without an account (one question per page, check your answers, confirmation), finds the
 * message in the outbox and cancels by its signed link — with JavaScript and without. axe runs
 * on every page.
 */
describe('resident: find a workshop in the village, register, cancel', () => {
  let server: E2EServer;
  let activityTitle: string;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    const { centre, activities } = server.app.services;
    const actor = systemActor(server.centreId);
    await centre.createSite(server.centreId, { name: 'Le studio', kind: 'studio', communeInsee: '59122', address: '1 rue de la Gare' });
    const village = await centre.createSite(server.centreId, { name: 'Salle des fêtes d’Iwuy', kind: 'village_hall', communeInsee: '59322', address: 'Place de la Mairie', accessibility: 'Plain-pied, rampe côté parking.' });
    activityTitle = 'Atelier tablette à Iwuy';
    await activities.programme.create(actor, activityInput(server.app.ctx.clock, village.id, {
      title: activityTitle, capacity: 6,
      schedule: { kind: 'rrule', dates: [], rrule: 'FREQ=WEEKLY;BYDAY=TU', startDate: dayFromNow(server.app.ctx.clock, 1), endDate: dayFromNow(server.app.ctx.clock, 70), startTime: '14:00', endTime: '16:00', exceptions: [] },
    }));
  });
  afterAll(() => server?.close());

  for (const javaScript of [true, false]) {
    it(`registers and cancels by the link (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const j = await server.openJourney({ name: 'activities-resident', javaScript });
      const phone = javaScript ? '06 11 22 33 44' : '06 55 66 77 88';
      try {
        const page = j.page;
        await page.setViewportSize({ width: 375, height: 800 });

        await j.visit('/activites');
        expect(await j.heading()).toBe('Ateliers et activités');
        await page.getByLabel('Où ?').selectOption({ label: 'Iwuy' });
        await page.getByLabel('Pour qui ?').selectOption({ label: 'Seniors' });
        await j.submit('Afficher les activités');
        expect(page.url()).toContain('lieu=59322');
        await j.follow(activityTitle);
        expect(await page.getByRole('main').innerText()).toContain('Plain-pied, rampe côté parking.');
        expect(await page.getByRole('main').innerText()).toContain('6 places restantes');

        await j.follow('S’inscrire');
        expect(await j.heading()).toBe('À quelle séance voulez-vous venir ?');
        await j.submit('Continuer', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : /);
        await page.getByRole('radio').first().check();
        await j.submit('Continuer');

        expect(await j.heading()).toBe('Qui participe ?');
        await j.fill('Prénom', 'Jeanne');
        await j.fill('Nom de famille', javaScript ? 'Wattiez' : 'Lemaire');
        await j.fill('Année de naissance', '1948');
        await j.submit('Continuer');

        expect(await j.heading()).toBe('Comment vous joindre ?');
        await j.fill('Téléphone', phone);
        await j.fill('Commune où vous habitez', 'Iwuy');
        await j.submit('Continuer', { status: 422 });
        expect(await page.getByRole('alert').innerText()).toContain('Cochez la case');
        await page.getByLabel('J’accepte que le centre garde ces informations pour gérer mon inscription').check();
        await page.getByLabel(/Je veux recevoir un rappel/).check();
        await j.submit('Continuer');

        expect(await j.heading()).toBe('Vérifiez votre inscription');
        expect(await page.getByRole('main').innerText()).toContain(phone);
        await j.submit('Confirmer l’inscription');
        expect(await j.heading()).toBe('Inscription confirmée');

        const sms = await server.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', phone.replace(/\s/g, '')).executeTakeFirstOrThrow();
        expect(sms.body).toContain(activityTitle);
        const link = /\/inscription\/[\w.-]+/.exec(sms.body)![0];
        await j.visit(link);
        expect(await j.heading()).toBe('Votre inscription');
        await j.follow('Annuler mon inscription');
        expect(await j.heading()).toBe('Voulez-vous annuler votre inscription ?');
        await j.submit('Annuler mon inscription');
        expect(await j.heading()).toBe('Inscription annulée');
      } finally {
        await j.close();
      }
    });
  }
});
