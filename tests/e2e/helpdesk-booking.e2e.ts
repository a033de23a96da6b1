import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHelpdesk } from '../../src/modules/helpdesk/demo.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The help desk as a new user meets it, in the demo set-up: a resident books a "Carte
 * d’identité / passeport (ANTS)" appointment in a partner village on a phone-sized screen
 * without an account, gets the confirmation and the 48-hour reminder in the outbox, and
 * cancels by the link; a facilitator books another one by phone, records the outcome and a
 * complete accompaniment record — the notes refusing "mdp: Soleil2024". With JavaScript and
 * without; axe on every page.
 */
describe('help desk journeys', () => {
  let server: E2EServer;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    await server.app.ctx.kysely.updateTable('centers').set({ phone: '0327000000' }).where('id', '=', server.centreId).execute();
    await server.createStaff('facilitator');
    await server.createStaff('facilitator');
    await server.createStaff('volunteer');
    await seedDemoHelpdesk(server.app.ctx, server.app.services, server.centreId);
  });
  afterAll(() => server?.close());

  const outbox = (recipient: string) =>
    server.app.ctx.kysely.selectFrom('outbox').selectAll().where('recipient', '=', recipient).orderBy('createdAt').execute();

  /** Presses the first slot button at least `hours` after the app clock's now. */
  async function chooseSlot(j: Journey, hours: number): Promise<string> {
    const values = await j.page.locator('button.slot').evaluateAll((buttons) => buttons.map((b) => (b as HTMLButtonElement).value));
    const after = server.app.ctx.clock.now().getTime() + hours * 3_600_000;
    const index = values.findIndex((v) => Date.parse(v) > after);
    expect(index).toBeGreaterThanOrEqual(0);
    await j.navigateBy(() => j.page.locator('button.slot').nth(index).click(), 'créneau');
    return values[index]!;
  }

  for (const javaScript of [true, false]) {
    it(`a resident books in a partner village on a phone, is reminded, and cancels by the link (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const phone = javaScript ? '06 11 22 33 44' : '07 11 22 33 44';
      const j = await server.openJourney({ name: 'helpdesk-resident', javaScript });
      const page = j.page;
      await page.setViewportSize({ width: 375, height: 740 });
      try {
        await j.visit('/rendez-vous');
        expect(await j.heading()).toBe('Pour quoi avez-vous besoin d’aide ?');
        await page.getByLabel(/^Carte d’identité \/ passeport \(ANTS\)/).check();
        await j.submit('Continuer');
        expect(await j.heading()).toBe('Où voulez-vous avoir rendez-vous ?');
        await page.getByLabel(/^Salle des fêtes de Marcoing/).check();
        await j.submit('Continuer');
        expect(await j.heading()).toBe('Quand voulez-vous venir ?');
        // Large buttons, grouped under the day written in full.
        expect(await page.locator('.slot-day h2').first().innerText()).toMatch(/^(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) \d+ \S+/);
        const box = await page.locator('button.slot').first().boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(44);
        const startAt = await chooseSlot(j, 72);

        // Details: nothing typed → every error at once, GOV.UK style.
        expect(await j.heading()).toBe('Vos coordonnées');
        await j.submit('Continuer', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : /);
        const summary = await page.getByRole('alert').innerText();
        expect(summary).toContain('Indiquez votre prénom');
        expect(summary).toContain('Indiquez un numéro de téléphone ou une adresse e-mail');
        await j.fill('Prénom', 'Jeanne');
        await j.fill('Nom', javaScript ? 'Avec' : 'Sans');
        await j.fill(/^Numéro de téléphone/, phone);
        await page.getByLabel('Oui, par SMS').check();
        await page.getByLabel(/^J’accepte que le centre garde ces informations/).check();
        await j.submit('Continuer');
        expect(await j.heading()).toBe('Vérifiez votre rendez-vous');
        expect(await page.getByRole('main').innerText()).toContain(phone);
        await j.submit('Confirmer le rendez-vous');
        expect(await j.heading()).toBe('Votre rendez-vous est confirmé');
        const main = await page.getByRole('main').innerText();
        expect(main).toContain('Salle des fêtes de Marcoing');
        expect(main).toContain('Une photo d’identité de moins de 6 mois');

        // The confirmation went out by SMS; the reminder goes out 48 hours before, once.
        const digits = phone.replace(/ /g, '');
        const [confirmation] = await outbox(digits);
        expect(confirmation!.body).toContain('RDV confirmé : Carte d’identité / passeport (ANTS)');
        await server.app.services.helpdesk.notifications.sendReminders(new Date(Date.parse(startAt) - 47 * 3_600_000));
        await server.app.services.helpdesk.notifications.sendReminders(new Date(Date.parse(startAt) - 46 * 3_600_000));
        const messages = await outbox(digits);
        expect(messages.filter((m) => m.dedupeKey?.startsWith('reminder48:'))).toHaveLength(1);

        // Cancel by the link: a question first, then the slot is free again.
        await j.follow('Annuler ou changer ce rendez-vous');
        await j.follow('Annuler le rendez-vous');
        expect(await j.heading()).toBe('Voulez-vous vraiment annuler ce rendez-vous ?');
        await j.submit('Oui, annuler le rendez-vous');
        expect(await page.getByRole('main').innerText()).toContain('Ce rendez-vous est annulé');
        const row = await server.app.ctx.kysely.selectFrom('helpdeskAppointments').select('status').where('startAt', '=', startAt).where('channel', '=', 'online').executeTakeFirstOrThrow();
        expect(row.status).toBe('cancelled');
      } finally {
        await j.close();
      }
    });

    it(`a facilitator books by phone, records the outcome and a complete record, which refuses a password (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const suffix = javaScript ? 'avec' : 'sans';
      const staff = await server.createStaff('facilitator', { email: `permanence-${suffix}@exemple.fr` });
      const j = await server.openJourney({ name: 'helpdesk-staff', javaScript });
      const page = j.page;
      try {
        await j.visit('/connexion');
        await j.fill('Adresse e-mail', staff.email);
        await j.fill('Mot de passe', TEST_PASSWORD);
        await j.submit('Se connecter');
        await j.visit('/permanences');
        await j.follow('Prendre un rendez-vous', { within: page.getByRole('navigation', { name: 'Permanences' }) });
        await j.follow('Nouvelle personne');
        await page.getByLabel('Motif').selectOption({ label: 'CAF : dossier, déclaration trimestrielle, attestation' });
        await page.getByLabel('Lieu').selectOption({ label: 'Centre social' });
        await j.submit('Voir les créneaux');
        await j.fill('Prénom', 'Marcel');
        await j.fill('Nom', `Téléphone-${suffix}`);
        await j.fill(/^Numéro de téléphone/, javaScript ? '06 55 44 33 22' : '07 55 44 33 22');
        await page.getByLabel('La personne est d’accord pour que le centre garde ces informations.').check();
        await page.getByLabel('Non, pas de rappel').check();
        await chooseSlot(j, 1);
        expect(await page.getByRole('status').innerText()).toContain('Le rendez-vous est pris');
        expect(await page.getByRole('main').innerText()).toContain(`Marcel Téléphone-${suffix}`);
        const id = new URL(page.url()).pathname.split('/').pop()!;

        // Time passes: the appointment is over and must be closed.
        const start = new Date(server.app.ctx.clock.now().getTime() - 2 * 3_600_000);
        await server.app.ctx.kysely
          .updateTable('helpdeskAppointments')
          .set({ startAt: start.toISOString(), endAt: new Date(start.getTime() + 30 * 60_000).toISOString() })
          .where('id', '=', id)
          .execute();
        await j.visit(`/permanences/rendez-vous/${id}`);
        await page.getByLabel('Présence', { exact: true }).check();
        await j.submit('Enregistrer');
        expect(await j.heading()).toBe('Noter un accompagnement');
        await page.getByLabel('Téléphone', { exact: true }).check();
        await page.getByLabel('E-mail', { exact: true }).check();
        await page.getByLabel('Partiellement autonome').check();
        await j.fill(/^Compte rendu/, 'Déclaration trimestrielle faite. mdp: Soleil2024');
        await page.getByRole('group', { name: 'La personne a-t-elle été orientée vers une autre structure ?' }).getByLabel('Oui').check();
        await page.getByLabel(/^Vers quel type de structure/).selectOption({ label: 'Opérateur ou organisme en charge' });
        await page.getByRole('group', { name: 'Faut-il un autre rendez-vous ?' }).getByLabel('Oui').check();
        await j.submit('Enregistrer le compte rendu', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : /);
        expect(await page.getByRole('alert').innerText()).toContain('Ce texte semble contenir un mot de passe');
        expect(await page.getByRole('main').innerText()).toContain('Aidants Connect');
        await j.fill(/^Compte rendu/, 'Déclaration trimestrielle faite avec lui ; il sait se reconnecter seul.');
        await j.submit('Enregistrer le compte rendu');
        expect(await page.getByRole('status').innerText()).toContain('Compte rendu enregistré');
        const record = await server.app.ctx.kysely.selectFrom('helpdeskAccompaniments').selectAll().where('appointmentId', '=', id).executeTakeFirstOrThrow();
        expect(record).toMatchObject({
          placeType: 'lieu_activite',
          autonomy: 'partiellement_autonome',
          redirectStructure: 'operateur_ou_organisme_en_charge',
          procedureCategory: 'social_sante',
          details: 'Déclaration trimestrielle faite avec lui ; il sait se reconnecter seul.',
        });
        expect(record.equipment).toBe('ordinateur|telephone');
        expect(record.themes).toBe('email|aide_aux_demarches_administratives');
        await j.follow('Prendre le prochain rendez-vous');
        expect(await page.getByRole('main').innerText()).toContain(`Marcel Téléphone-${suffix}`);
      } finally {
        await j.close();
      }
    });
  }
  it('a motif with no free slot gets a plain page with the phone; a fourth booking of the day gets the phone too (JavaScript off)', async () => {
    const { helpdesk } = server.app.services;
    const actor = { centerId: server.centreId, userId: null, role: 'admin' as const, label: 'test', partnerCommuneInsee: null, via: 'system' as const };
    const motif = await helpdesk.settings.createMotif(actor, {
      name: 'Dossier retraite', description: null, procedureCategory: 'social_sante', durationMinutes: 30, whatToBring: null,
      bookableBy: 'public', minDelayHours: 0, horizonDays: 14,
    });
    // Its desk opens in 40 days: nothing to book within its 14-day window.
    const [site] = await server.app.services.centre.listSites(server.centreId);
    const startsOn = new Date(server.app.ctx.clock.now().getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    await helpdesk.settings.createOpening(actor, { siteId: site!.id, weekday: 2, startTime: '14:00', endTime: '16:00', startsOn, everyWeeks: 1, motifIds: [motif.id] });
    const j = await server.openJourney({ name: 'helpdesk-limits', javaScript: false });
    const page = j.page;
    await page.setViewportSize({ width: 375, height: 740 });
    try {
      await j.visit('/rendez-vous');
      await page.getByLabel(/^Dossier retraite/).check();
      await j.submit('Continuer');
      expect(await j.heading()).toBe('Pas de rendez-vous libre pour le moment');
      expect(await page.getByRole('link', { name: '03 27 00 00 00' }).getAttribute('href')).toBe('tel:+33327000000');
      expect(await page.getByRole('main').innerText()).toMatch(/Prochaine permanence avec de la place : mardi \d+ \S+( \d{4})? à 14 h/);

      // Three bookings today with this e-mail address already: the fourth is for the phone.
      const [ants] = (await helpdesk.settings.listPublicMotifs(server.centreId)).filter((m) => m.name.startsWith('Carte'));
      const { slots } = await helpdesk.availability.slots(server.centreId, { motifId: ants!.id }, 'public');
      for (const slot of slots.slice(-3)) {
        await helpdesk.booking.book(null, server.centreId, { motifId: ants!.id, siteId: slot.siteId, startAt: slot.startAt, firstName: 'Lou', lastName: 'Roy', email: 'lou@exemple.fr', consent: true });
      }
      await j.visit('/rendez-vous');
      await page.getByLabel(/^Carte d’identité \/ passeport \(ANTS\)/).check();
      await j.submit('Continuer');
      await page.getByRole('radio').first().check();
      await j.submit('Continuer');
      await j.navigateBy(() => page.locator('button.slot').first().click(), 'créneau');
      await j.fill('Prénom', 'Lou');
      await j.fill('Nom', 'Roy');
      await j.fill(/^Adresse e-mail/, 'lou@exemple.fr');
      await page.getByLabel('Non, pas de rappel').check();
      await page.getByLabel(/^J’accepte que le centre garde ces informations/).check();
      await j.submit('Continuer');
      await j.submit('Confirmer le rendez-vous', { status: 429 });
      expect(await j.heading()).toBe('Appelez-nous pour ce rendez-vous');
      expect(await page.getByRole('main').innerText()).toContain('Vous avez déjà pris 3 rendez-vous en ligne dans la journée');
    } finally {
      await j.close();
    }
  });
});
