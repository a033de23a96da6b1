import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { setupDesk } from '../../src/modules/helpdesk/helpdesk.fixtures.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The navette's visit reports, as the issue tells it: a facilitator opens the day's visit pages
 * at the centre, drives off, writes three reports with the network cut, and they are sent when
 * the network comes back — once each; one of them books a help-desk appointment for the person.
 * Without JavaScript the form posts as any other, and a double submit is stored once.
 */
describe('navette: visit reports written offline', () => {
  let server: E2EServer;
  let desk: Awaited<ReturnType<typeof setupDesk>>;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    desk = await setupDesk(server.app, server.centreId);
  });
  afterAll(() => server?.close());

  async function signIn(j: Journey, email: string) {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  }

  async function visitRequest(firstName: string, lastName: string, commune: string): Promise<string> {
    const system = systemActor(server.centreId);
    const person = await server.app.services.people.create(system, { firstName, lastName, phone: '0612345678', consents: { data_processing: true }, confirmNotDuplicate: true });
    const request = await server.app.services.shuttle.requests.create(system, {
      personId: person.id, commune, address: '2 rue de l’Église', location: null, problem: 'Ne reçoit plus ses courriels sur la tablette', theme: 'email',
      urgency: 'normale', availability: [{ weekday: 4, from: '09:00', to: '12:00' }], notes: 'Sonner deux fois', durationMinutes: 45,
    });
    return request.id;
  }

  const reportsOf = (requestIds: string[]) =>
    server.app.ctx.kysely.selectFrom('shuttleVisitReports').selectAll().where('centerId', '=', server.centreId).where('requestId', 'in', requestIds).execute();

  it('keeps the visit pages, queues three reports offline and sends each once when back online (JavaScript on)', async () => {
    const ids = [await visitRequest('Odette', 'Marchand', '59528'), await visitRequest('Marcel', 'Dufour', '59122'), await visitRequest('Lucienne', 'Petit', '59599')];
    const facilitator = await server.createStaff('facilitator', { email: 'anim-navette@exemple.fr' });
    const staff = await server.openJourney({ name: 'navette', javaScript: true });
    try {
      await signIn(staff, facilitator.email);
      for (const id of ids) await staff.visit(`/navette/demandes/${id}/visite`);
      // The service worker has kept the three pages.
      await staff.page.waitForFunction(
        async (urls) => {
          await navigator.serviceWorker.ready;
          const kept = await Promise.all(urls.map((u) => caches.match(u)));
          return kept.every(Boolean);
        },
        ids.map((id) => `/navette/demandes/${id}/visite`),
        { timeout: 15_000 },
      );

      await staff.context.setOffline(true);
      const status = staff.page.locator('[data-report-queue]');
      for (const [n, id] of ids.entries()) {
        await staff.visit(`/navette/demandes/${id}/visite`);
        expect(await staff.heading()).toMatch(/^Visite chez /);
        await staff.fill(/^Ce qui a été fait/, `Courriels rouverts, visite ${n + 1}`);
        await staff.page.getByLabel(n === 0 ? 'Non, il faut une suite' : 'Oui, c’est réglé', { exact: true }).check();
        await staff.page.getByLabel('Partiellement autonome', { exact: true }).check();
        if (n === 0) {
          await staff.page.getByLabel(/^Rendez-vous à la permanence/).selectOption({ label: (await staff.page.locator('#champ-appointment option').nth(1).innerText()).trim() });
          await staff.page.getByLabel('L’inscrire à un parcours', { exact: true }).check();
        }
        await staff.page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
        await expect.poll(() => status.innerText()).toContain('Compte rendu gardé sur cet appareil');
        expect(await status.innerText()).toContain(n === 0 ? '1 compte rendu attend d’être envoyé.' : `${n + 1} comptes rendus attendent d’être envoyés.`);
      }
      expect(await reportsOf(ids)).toHaveLength(0);

      // Back in network range: the queue empties, each report is stored once.
      await staff.context.setOffline(false);
      await expect.poll(() => status.innerText(), { timeout: 15_000 }).toBe('Aucun compte rendu en attente sur cet appareil.');
      await expect.poll(async () => (await reportsOf(ids)).length).toBe(3);
      // Another "online" (a flaky link) sends nothing more.
      await staff.page.evaluate(() => window.dispatchEvent(new Event('online')));
      await staff.page.waitForTimeout(500);
      const stored = await reportsOf(ids);
      expect(stored.map((r) => r.requestId).sort()).toEqual([...ids].sort());
      const withAppointment = stored.find((r) => r.requestId === ids[0])!;
      expect(withAppointment.appointmentStatus).toBe('booked');
      const appointment = await server.app.ctx.kysely.selectFrom('helpdeskAppointments').selectAll().where('id', '=', withAppointment.appointmentId!).executeTakeFirstOrThrow();
      expect(appointment.personId).toBe(withAppointment.personId);
      expect([desk.ants.id, desk.internal.id]).toContain(appointment.motifId);

      await staff.visit(`/navette/demandes/${ids[0]}/visite`);
      const main = await staff.page.getByRole('main').innerText();
      expect(main).toContain('Compte rendu enregistré');
      expect(main).toContain('Courriels rouverts, visite 1');
      expect(main).toMatch(/Rendez-vous pris : /);
      expect(main).toContain('À faire : l’inscrire à un parcours.');
    } finally {
      await staff.close();
    }
  });

  it('warns before signing out while a report waits, and signing out wipes the kept pages and the queue', async () => {
    const id = await visitRequest('Raymonde', 'Carpentier', '59528');
    const facilitator = await server.createStaff('facilitator', { email: 'anim-navette-sortie@exemple.fr' });
    const staff = await server.openJourney({ name: 'navette-sortie', javaScript: true });
    try {
      await signIn(staff, facilitator.email);
      const visit = `/navette/demandes/${id}/visite`;
      await staff.visit(visit);
      await staff.page.waitForFunction(async (url) => Boolean(await caches.match(url)), visit, { timeout: 15_000 });
      // The centre does not answer (a dead link in a valley): the report waits on the device.
      await staff.page.route('**/api/v1/shuttle/reports', (route) => route.abort());
      await staff.fill(/^Ce qui a été fait/, 'Imprimante reconnectée');
      await staff.page.getByLabel('Oui, c’est réglé', { exact: true }).check();
      await staff.page.getByLabel('Autonome', { exact: true }).check();
      await staff.page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
      const status = staff.page.locator('[data-report-queue]');
      await expect.poll(() => status.innerText()).toContain('1 compte rendu attend d’être envoyé.');

      // Signing out asks first; "Annuler" keeps the session and the report.
      const questions: string[] = [];
      staff.page.once('dialog', (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });
      await staff.page.getByRole('button', { name: 'Se déconnecter' }).click();
      await expect.poll(() => questions.length).toBe(1);
      expect(questions[0]).toBe('1 compte rendu n’est pas encore envoyé. Se déconnecter l’effacera de cet appareil. Se déconnecter quand même ?');
      expect(new URL(staff.page.url()).pathname).toBe(visit);

      // Confirmed: the session ends and nothing of it stays on the device.
      staff.page.once('dialog', (dialog) => void dialog.accept());
      await staff.submit('Se déconnecter');
      expect(new URL(staff.page.url()).pathname).toBe('/connexion');
      const left = await staff.page.evaluate(async () => {
        const kept = await caches.keys();
        const databases = await indexedDB.databases();
        return { kept, databases: databases.map((d) => d.name) };
      });
      expect(left).toEqual({ kept: [], databases: [] });
      expect(await reportsOf([id])).toHaveLength(0);
    } finally {
      await staff.close();
    }
  });

  it('posts the report as a plain form, errors first, a double submit stored once (JavaScript off)', async () => {
    const id = await visitRequest('Germaine', 'Lefebvre', '59122');
    const facilitator = await server.createStaff('facilitator', { email: 'anim-navette-nojs@exemple.fr' });
    const staff = await server.openJourney({ name: 'navette', javaScript: false });
    try {
      await signIn(staff, facilitator.email);
      await staff.visit(`/navette/demandes/${id}/visite`);
      expect(await staff.heading()).toBe('Visite chez Germaine Lefebvre');
      await staff.submit('Enregistrer le compte rendu', { status: 422 });
      expect(await staff.title()).toMatch(/^Erreur : /);
      expect(await staff.page.locator('.error-summary').innerText()).toContain('Dites ce qui a été fait.');
      await staff.fill(/^Ce qui a été fait/, 'Application de la banque installée');
      await staff.page.getByLabel('Oui, c’est réglé', { exact: true }).check();
      await staff.page.getByLabel('Autonome', { exact: true }).check();
      const form = await staff.page.locator('form[data-visit-report]').evaluate((f: HTMLFormElement) => new URLSearchParams(new FormData(f) as unknown as string).toString());
      await staff.submit('Enregistrer le compte rendu');
      expect(await staff.page.getByRole('main').innerText()).toContain('Application de la banque installée');
      // The same form sent again (a double tap on a slow link): still one report.
      const again = await staff.page.request.post(`/navette/demandes/${id}/visite`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: form, maxRedirects: 0 });
      expect(again.status()).toBe(303);
      expect(await reportsOf([id])).toHaveLength(1);
    } finally {
      await staff.close();
    }
  });
});
