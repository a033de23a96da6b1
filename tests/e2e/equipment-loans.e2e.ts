import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoEquipment } from '../../src/modules/equipment/demo.ts';
import { loanBody } from '../../src/modules/equipment/equipment.schemas.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { seedDemoPathways } from '../../src/modules/pathways/demo.ts';
import { addDays, parisDate } from '../../src/platform/time.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The equipment journey of the issue, with axe on every page, with and without JavaScript:
 * a facilitator lends tablet n°3 to a senior, prints the agreement, the reminder goes through
 * the outbox, the tablet comes back with a cracked-screen note; a teenager without the
 * 3D-printing training is refused the printer with the module to follow; a coordinator reserves
 * the robot kits for next month's stage.
 */
describe('equipment: lending a tablet, reserving the robot kits, the 3D printer behind its training', () => {
  let server: E2EServer;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    await server.app.services.centre.createSite(server.centreId, { name: 'Studio', kind: 'studio', address: null, communeInsee: '59122' });
    await seedDemoPathways(server.app.ctx, server.app.services, server.centreId);
    await seedDemoEquipment(server.app.ctx, server.app.services, server.centreId);
  });
  afterAll(() => server?.close());

  async function signIn(j: Journey, email: string) {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  }

  for (const javaScript of [true, false]) {
    it(`lends tablet n°3, checks it back in with a cracked screen, refuses the printer without the training (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const people = server.app.services.people;
      const lastName = javaScript ? 'Marchand' : 'Caron';
      const consents = [{ kind: 'data_processing' as const, granted: true }];
      await people.createFromPublicForm(server.centreId, { firstName: 'Odette', lastName, birthYear: 1945, email: `odette.${lastName.toLowerCase()}@exemple.fr`, consents });
      await people.createFromPublicForm(server.centreId, { firstName: 'Yanis', lastName, birthYear: 2011, consents: [...consents, { kind: 'parental_authorisation' as const, granted: true }] });
      const facilitator = await server.createStaff('facilitator', { email: `anim-materiel-${javaScript ? 'js' : 'nojs'}@exemple.fr` });
      const staff = await server.openJourney({ name: 'materiel', javaScript });
      try {
        await signIn(staff, facilitator.email);
        await staff.visit('/materiel/gestion');
        expect(await staff.heading()).toBe('Matériel');
        await staff.follow('Tablette Facilotab n°3');
        await staff.follow('Prêter');
        await staff.fill('Rechercher la personne (nom, téléphone ou e-mail)', `Odette ${lastName}`);
        await staff.submit('Rechercher');
        await staff.page.getByLabel(`Odette ${lastName}`, { exact: true }).check();
        await staff.fill(/^État au départ/, 'Bon état, avec chargeur, housse et stylet');
        // Due back in three days, so that the reminder is due at once.
        const dueOn = addDays(parisDate(server.app.ctx.clock.now()), 3);
        await staff.fill('Date de retour', dueOn);
        await staff.submit('Prêter le matériel');
        expect(await staff.heading()).toBe('Tablette Facilotab n°3');
        const main = () => staff.page.getByRole('main').innerText();
        expect(await main()).toContain(`Prêté à Odette ${lastName}`);

        // The hourly reminder job writes to Odette through the outbox, once.
        await server.app.services.equipment.loans.sendDueReminders();
        await server.app.services.equipment.loans.sendDueReminders();
        const reminders = await server.app.ctx.kysely
          .selectFrom('outbox')
          .select(['subject', 'body'])
          .where('recipient', '=', `odette.${lastName.toLowerCase()}@exemple.fr`)
          .where('subject', 'like', 'Rappel : Tablette Facilotab n°3%')
          .execute();
        expect(reminders).toHaveLength(1);
        expect(reminders[0]!.body).toContain(`Bonjour Odette`);

        // The agreement to print and sign.
        const href = await staff.page.getByRole('link', { name: 'Convention de prêt (PDF)' }).getAttribute('href');
        const pdf = await staff.page.request.get(href!);
        expect(pdf.headers()['content-type']).toBe('application/pdf');
        expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

        // Back at the centre, with a cracked screen and without its case.
        await staff.follow('Enregistrer le retour');
        await staff.fill(/^État au retour/, 'écran fissuré');
        await staff.page.getByLabel('Housse', { exact: true }).check();
        await staff.submit('Enregistrer le retour');
        expect(await main()).toContain('écran fissuré — Manquant au retour : Housse');
        expect(await main()).toContain('Disponible');

        // The teenager has not followed « Imprimer en 3D en sécurité »: the printer is refused, and why.
        await staff.visit('/materiel/gestion');
        await staff.follow('Imprimante 3D Prusa MK4');
        expect(await main()).toContain('Imprimer en 3D en sécurité');
        await staff.follow('Réserver');
        await staff.fill('Rechercher la personne (nom, téléphone ou e-mail)', `Yanis ${lastName}`);
        await staff.submit('Rechercher');
        const day = addDays(parisDate(server.app.ctx.clock.now()), javaScript ? 3 : 4);
        await staff.fill('Pour quoi ou pour qui ?', 'Porte-clés pour la fête du village');
        await staff.fill('Premier jour', day);
        await staff.fill('Dernier jour', day);
        await staff.page.getByLabel(`Yanis ${lastName}`, { exact: true }).check();
        await staff.submit('Réserver');
        expect(await staff.title()).toMatch(/^Erreur :/);
        expect(await main()).toContain('n’a pas terminé le module « Imprimer en 3D en sécurité »');
      } finally {
        await staff.close();
      }
    }, 400_000);
  }

  for (const javaScript of [true, false]) {
    it(`a coordinator reserves the robot kits for next month's stage and reads the loan reminders on « Messages » (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const coordinator = await server.createStaff('coordinator', { email: `coord-materiel-${javaScript ? 'js' : 'nojs'}@exemple.fr` });
      const staff = await server.openJourney({ name: 'materiel-coordination', javaScript });
      try {
        await signIn(staff, coordinator.email);
        await staff.visit('/materiel/gestion');
        await staff.follow('Kit robots Thymio');
        await staff.follow('Réserver');
        expect(await staff.heading()).toBe('Réserver : Kit robots Thymio');
        // The stage of next month: a week of the holidays, for the workshop, nobody in particular.
        const today = parisDate(server.app.ctx.clock.now());
        const firstDay = addDays(today, javaScript ? 35 : 45);
        const lastDay = addDays(firstDay, 4);
        await staff.fill('Pour quoi ou pour qui ?', 'Stage robotique des vacances');
        await staff.fill('Premier jour', firstDay);
        await staff.fill('Dernier jour', lastDay);
        await staff.page.getByLabel('Pas de personne précise (un atelier, un partenaire)', { exact: true }).check();
        await staff.submit('Réserver');
        expect(await staff.heading()).toBe('Kit robots Thymio');
        const main = () => staff.page.getByRole('main').innerText();
        expect(await main()).toContain('La réservation est enregistrée.');
        expect(await main()).toContain('Stage robotique des vacances');

        // Every item's reservations, on one page: the stage is among those to come.
        await staff.visit('/materiel/gestion');
        await staff.follow('Réservations');
        expect(await main()).toContain('Stage robotique des vacances');
        await staff.visit('/materiel/gestion');
        await staff.follow('Kit robots Thymio');

        // The same kit for an overlapping week is refused, and why.
        await staff.follow('Réserver');
        await staff.fill('Pour quoi ou pour qui ?', 'Atelier du mercredi');
        await staff.fill('Premier jour', addDays(firstDay, 2));
        await staff.fill('Dernier jour', addDays(firstDay, 2));
        await staff.page.getByLabel('Pas de personne précise (un atelier, un partenaire)', { exact: true }).check();
        await staff.submit('Réserver', { status: 409 });
        expect(await staff.title()).toMatch(/^Erreur :/);
        expect(await main()).toContain('Ce matériel est déjà réservé');

        // A tablet due back in three days: its reminder waits in the centre's outbox, where the
        // coordinator reads it (the facilitator cannot open « Messages »).
        const tablet = `Tablette Facilotab n°${javaScript ? 5 : 6}`;
        const actor = systemActor(server.centreId);
        const borrower = await server.app.services.people.createFromPublicForm(server.centreId, {
          firstName: 'Lucienne', lastName: javaScript ? 'Dervaux' : 'Lemaire', birthYear: 1941, email: `lucienne.${javaScript ? 'js' : 'nojs'}@exemple.fr`,
          consents: [{ kind: 'data_processing' as const, granted: true }],
        });
        const item = (await server.app.services.equipment.inventory.list(actor)).find((i) => i.name === tablet)!;
        await server.app.services.equipment.loans.lend(actor, loanBody.parse({ itemId: item.id, personId: borrower.id, dueOn: addDays(today, 3) }));
        await server.app.services.equipment.loans.sendDueReminders();
        await staff.visit('/messages');
        expect(await main()).toContain(`Rappel : ${tablet} à rapporter le`);
      } finally {
        await staff.close();
      }
    }, 400_000);
  }
});
