import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.ts';
import type { ManualClock } from '../../src/platform/clock.ts';
import { activityInput, createPersons } from '../../src/modules/activities/activities.fixtures.ts';
import { startE2E, TEST_PASSWORD, type E2EServer } from '../support/e2e.ts';

/**
 * A forum event (an information time with a speaker and a partner): after it, the persons
 * present get a personal link by e-mail; a resident opens it on a phone and gives their
 * opinion — with JavaScript and without — and a coordinator enters the paper answers, then
 * sees the aggregate (never who answered what). axe runs on every page.
 */
describe('forum event: a resident gives their opinion, staff see the aggregate', () => {
  let server: E2EServer;
  let sessionId: string;
  let activityId: string;
  let ended: Date;
  const links: string[] = [];

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    const { centre, activities } = server.app.services;
    const actor = systemActor(server.centreId);
    const hall = await centre.createSite(server.centreId, { name: 'Salle des fêtes d’Iwuy', kind: 'village_hall', communeInsee: '59322', address: 'Place de la Mairie' });
    const activity = await activities.programme.create(actor, activityInput(server.app.ctx.clock, hall.id, {
      title: 'Forum : les arnaques en ligne', kind: 'temps_info', audience: 'adultes', capacity: 40,
      speakers: [{ name: 'Claire Lefebvre', role: 'gendarmerie du Nord' }],
      partners: [{ name: 'Gendarmerie nationale', url: 'https://www.gendarmerie.interieur.gouv.fr' }],
    }));
    activityId = activity.id;
    const [session] = await activities.programme.sessions(actor, activity.id);
    sessionId = session!.id;
    const persons = await createPersons(server.app, server.centreId, 3, { reminders: true });
    for (const p of persons) await activities.registrations.register(actor, server.centreId, sessionId, { personId: p.id }, 'staff');
    await activities.attendance.record(actor, sessionId, persons.map((p) => ({ personId: p.id, status: 'present' as const })), new Date(session!.startsAt));
    ended = new Date(Date.parse(session!.endsAt) + 60_000);
    await activities.surveys.sendDueInvitations(ended);
    for (const p of persons) {
      const row = await server.db.kysely.selectFrom('outbox').selectAll().where('personId', '=', p.id).where('dedupeKey', 'like', 'survey:%').executeTakeFirstOrThrow();
      links.push(/\/avis\/[\w-]+/.exec(server.app.ctx.outbox.forRecipient(row)!.body)![0]);
    }
  });
  afterAll(() => server?.close());

  it('shows the speaker and the partner on the public page', async () => {
    const j = await server.openJourney({ name: 'forum-event-page', javaScript: false });
    try {
      await j.page.setViewportSize({ width: 375, height: 800 });
      await j.visit(`/activites/${activityId}`);
      const main = await j.page.getByRole('main').innerText();
      expect(main).toContain('Intervenants');
      expect(main).toContain('Claire Lefebvre, gendarmerie du Nord');
      expect(await j.page.getByRole('link', { name: 'Gendarmerie nationale' }).getAttribute('href')).toBe('https://www.gendarmerie.interieur.gouv.fr');
    } finally {
      await j.close();
    }
  });

  for (const [i, javaScript] of [true, false].entries()) {
    it(`answers by the personal link on a phone (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const j = await server.openJourney({ name: 'forum-event-survey', javaScript });
      try {
        const page = j.page;
        await page.setViewportSize({ width: 375, height: 800 });
        await j.visit(links[i]!);
        expect(await j.heading()).toBe('Êtes-vous content de ce moment ?');
        // The faces are big enough to press with a thumb.
        const box = await page.locator('.choice.face label').first().boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(44);

        await j.submit('Envoyer mon avis', { status: 422 });
        expect(await j.title()).toMatch(/^Erreur : /);
        expect(await page.getByRole('alert').innerText()).toContain('Choisissez le visage');

        // The emoji is decoration: the radio's name is its words.
        await page.getByRole('radio', { name: javaScript ? /^\W*Très content$/u : /^\W*Content$/u }).check();
        await j.fill('Qu’avez-vous retenu ? Que faudrait-il améliorer ? (facultatif)', javaScript ? 'Les faux SMS de livraison' : 'Plus de temps pour les questions');
        await j.submit('Envoyer mon avis');
        expect(await j.heading()).toBe('Merci pour votre avis');

        await j.visit(links[i]!);
        expect(await page.getByRole('main').innerText()).toContain('Vous avez déjà donné votre avis');
      } finally {
        await j.close();
      }
    });
  }

  it('lets a coordinator enter the paper answers and see the aggregate, without names', async () => {
    (server.app.ctx.clock as ManualClock).set(ended);
    const coordinator = await server.createStaff('coordinator');
    const j = await server.openJourney({ name: 'forum-event-results', javaScript: false });
    try {
      const page = j.page;
      await j.visit('/connexion');
      await j.fill('Adresse e-mail', coordinator.email);
      await j.fill('Mot de passe', TEST_PASSWORD);
      await j.submit('Se connecter');
      await j.visit(`/seances/${sessionId}`);
      expect(await page.locator('section[aria-labelledby="votre-avis"]').innerText()).toContain('Le détail s’affiche à partir de 3 réponses');
      await j.follow('Saisir les réponses sur papier');
      await j.fill('Content', '2');
      await j.fill('Ni content ni mécontent', '1');
      await j.fill('Commentaires écrits sur les questionnaires (facultatif)', 'Salle un peu froide');
      await j.submit('Enregistrer les réponses papier');
      const results = await page.locator('section[aria-labelledby="votre-avis"]').innerText();
      expect(results).toContain('Réponses : 5 (dont 3 sur papier) · Personnes présentes : 3');
      expect(results).toContain('Moyenne : 4 sur 5');
      expect(results).toContain('Les faux SMS de livraison');
      expect(results).toContain('Salle un peu froide');
      expect(results).not.toMatch(/Prénom|Nom\d/);
    } finally {
      await j.close();
    }
  });
});
