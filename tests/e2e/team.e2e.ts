import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPathways } from '../../src/modules/pathways/demo.ts';
import { weekdayOf } from '../../src/modules/team/schedule.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { addDays, mondayOf, parisDate } from '../../src/platform/time.ts';
import { parseIcs } from '../support/ical.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The team journey of the issue, with axe on every page, with and without JavaScript: the
 * coordinator assigns a volunteer to Tuesday's help desk and is warned that they have not
 * followed the training the help desk requires, assigns anyway; the volunteer opens « Ma
 * semaine », sees the help desk and gets their calendar address, which serves a valid feed.
 */
describe('team: assigning a volunteer to the help desk, my week and my calendar', () => {
  let server: E2EServer;
  let openingId: string;
  let tuesday: string;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    const { app, centreId } = server;
    const system = systemActor(centreId);
    const site = await app.services.centre.createSite(centreId, { name: 'Salle des associations', kind: 'village_hall', address: null, communeInsee: '59122' });
    const motif = await app.services.helpdesk.settings.createMotif(system, {
      name: 'Démarches en ligne', description: null, procedureCategory: 'argent_impots', durationMinutes: 30, whatToBring: null, bookableBy: 'public', minDelayHours: 0, horizonDays: 60,
    });
    const today = parisDate(app.ctx.clock.now());
    tuesday = addDays(today, (9 - weekdayOf(today)) % 7 || 7);
    openingId = (await app.services.helpdesk.settings.createOpening(system, { siteId: site.id, weekday: 2, startTime: '14:00', endTime: '17:00', startsOn: today, everyWeeks: 1, motifIds: [motif.id] })).id;
    await seedDemoPathways(app.ctx, app.services, centreId);
    const training = (await app.services.team.profiles.training.pathways(centreId)).find((p) => p.title === 'Accueillir et accompagner')!;
    await app.services.team.profiles.addKindRequirement(system, { kind: 'helpdesk', pathwayId: training.id });
  });
  afterAll(() => server?.close());

  async function signIn(j: Journey, email: string) {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  }

  for (const javaScript of [true, false]) {
    it(`warns the coordinator of the missing training, and the volunteer gets their week and calendar (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const suffix = javaScript ? 'js' : 'nojs';
      const coordinator = await server.createStaff('coordinator', { email: `coordination-${suffix}@exemple.fr` });
      const volunteer = await server.createStaff('volunteer', { email: `${suffix}-benevole@exemple.fr` });
      const staff = await server.openJourney({ name: 'equipe', javaScript });
      try {
        await signIn(staff, coordinator.email);
        await staff.follow('Équipe');
        expect(await staff.heading()).toBe('L’équipe');
        await staff.follow(volunteer.displayName);
        await staff.follow('Affecter cette personne');
        expect(await staff.heading()).toBe('Affecter quelqu’un');
        await staff.page.getByLabel('À quoi ?').selectOption(`helpdesk:${openingId}:${tuesday}`);
        await staff.submit('Continuer');
        expect(await staff.heading()).toBe('Attention avant d’affecter');
        const warning = await staff.page.getByRole('main').innerText();
        expect(warning).toContain('N’a pas suivi la formation demandée : « Accueillir et accompagner »');
        await staff.submit('Affecter quand même');
        expect(await staff.heading()).toBe(volunteer.displayName);
        expect(await staff.page.getByRole('main').innerText()).toContain('Permanence (Salle des associations)');
      } finally {
        await staff.close();
      }

      const me = await server.openJourney({ name: 'ma-semaine', javaScript });
      try {
        await signIn(me, volunteer.email);
        await me.follow('Ma semaine');
        expect(await me.heading()).toBe('Ma semaine');
        if (mondayOf(tuesday) !== mondayOf(parisDate(server.app.ctx.clock.now()))) await me.follow('Semaine suivante');
        const main = () => me.page.getByRole('main').innerText();
        expect(await main()).toContain('14 h – 17 h : Permanence — Salle des associations');
        await me.submit('Créer mon adresse d’agenda');
        expect(await main()).toContain('elle ne sera plus jamais affichée');
        const url = await me.page.getByLabel('Adresse de mon agenda').inputValue();
        expect(url).toMatch(/\/calendrier\/[\w-]+\.ics$/);
        const feed = await me.page.request.get(new URL(url).pathname);
        expect(feed.status()).toBe(200);
        expect(feed.headers()['content-type']).toContain('text/calendar');
        const events = parseIcs(await feed.text());
        expect(events.map((e) => [e.summary, e.start, e.startZone])).toEqual([['Permanence', `${tuesday}T14:00:00`, 'Europe/Paris']]);
        // Shown once: the week page no longer shows it.
        await me.follow('Ma semaine');
        expect(await me.page.content()).not.toContain(new URL(url).pathname);
      } finally {
        await me.close();
      }
    }, 400_000);
  }
});
