import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupConsultation } from '../../src/modules/forums/forums.fixtures.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import type { ManualClock } from '../../src/platform/clock.ts';
import { addDays, parisDate } from '../../src/platform/time.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The consultation as residents and staff meet it: a resident votes for 3 themes on a phone,
 * without an account; a volunteer enters a paper tally of 27 votes collected at the market;
 * the results page shows both. Then a whole year's journey: a resident proposes a theme
 * anonymously on a phone, a coordinator accepts it, enters a paper proposal and merges a
 * duplicate, and once the votes are over programmes the winning theme as a forum, which a
 * resident finds in the catalogue and registers for. With JavaScript and without; axe on every
 * page. The server runs at a fixed instant; consultations take their dates from its clock,
 * which the journey moves forward (and back at the end).
 */
describe('forums journeys', () => {
  let server: E2EServer;
  let consultationId: string;
  let volunteer: { email: string };
  let coordinator: { email: string };
  let siteName: string;
  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls', now: '2027-03-10T10:00:00Z' });
    const { consultation } = await setupConsultation(server.app, server.centreId, { themes: 5, votesPerPerson: 3 });
    consultationId = consultation.id;
    volunteer = await server.createStaff('volunteer');
    coordinator = await server.createStaff('coordinator');
    siteName = 'Salle des fêtes de Masnières';
    await server.app.services.centre.createSite(server.centreId, { name: siteName, kind: 'village_hall', communeInsee: '59389', address: 'Place de la Mairie' });
  });

  async function signIn(j: Journey, email: string): Promise<void> {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  }
  afterAll(() => server?.close());

  for (const javaScript of [true, false]) {
    it(`a resident votes for 3 themes, staff enter a tally of 27, the results show both (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const resident: Journey = await server.openJourney({ name: 'forums-resident', javaScript });
      await resident.page.setViewportSize({ width: 375, height: 740 });
      try {
        await resident.visit('/forums');
        expect(await resident.heading()).toBe('Consultation 2027');
        await resident.follow('Voter pour des thèmes');
        expect(await resident.heading()).toBe('Quels thèmes voulez-vous soutenir ?');
        const box = await resident.page.getByRole('button', { name: 'Continuer' }).boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(44);
        for (const theme of ['Thème 1', 'Thème 2', 'Thème 3']) await resident.page.getByLabel(new RegExp(`^${theme}`)).check();
        await resident.submit('Continuer');
        expect(await resident.heading()).toBe('Qui vote ?');
        await resident.submit('Envoyer mon vote', { status: 422 });
        expect(await resident.title()).toMatch(/^Erreur : /);
        await resident.fill('Prénom', 'Jeanne');
        await resident.fill('Nom', javaScript ? 'Avec' : 'Sans');
        await resident.fill(/^Adresse e-mail/, `jeanne.${javaScript ? 'avec' : 'sans'}@exemple.fr`);
        await resident.page.getByLabel(/^J’accepte que le centre garde mon nom/).check();
        await resident.submit('Envoyer mon vote');
        expect(await resident.heading()).toBe('Votre vote est enregistré');
      } finally {
        await resident.close();
      }

      const staff = await server.openJourney({ name: 'forums-staff', javaScript });
      try {
        await staff.visit('/connexion');
        await staff.fill('Adresse e-mail', volunteer.email);
        await staff.fill('Mot de passe', TEST_PASSWORD);
        await staff.submit('Se connecter');
        await staff.visit(`/consultations/${consultationId}/decompte`);
        await staff.page.getByLabel('Thème', { exact: true }).selectOption({ label: 'Thème 4' });
        await staff.fill('Nombre de votes', '27');
        await staff.fill(/^Où les votes ont été recueillis/, 'collectés au marché');
        await staff.fill('Jour du recueil', '2027-03-09');
        await staff.submit('Enregistrer');
        expect(await staff.page.getByRole('main').innerText()).toContain('collectés au marché');
      } finally {
        await staff.close();
      }

      const reader = await server.openJourney({ name: 'forums-results', javaScript });
      try {
        await reader.visit(`/forums/${consultationId}/resultats`);
        const row = (name: string) => reader.page.getByRole('row', { name: new RegExp(name) }).innerText();
        expect(await row('Thème 1')).toMatch(/Thème 1\s+[12]\s+0\s+[12]/);
        expect(await row('Thème 4')).toMatch(/Thème 4\s+0\s+(27|54)\s+(27|54)/);
        expect(await reader.page.locator('svg[role="img"]').count()).toBe(1);
      } finally {
        await reader.close();
      }
      // Three journeys with axe on every page: minutes on a loaded machine.
    }, 300_000);
  }
  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'on' : 'off';
    // One theme per run, so that the two runs' forums are told apart in the catalogue.
    const theme = javaScript ? 'Reconnaître les arnaques par SMS' : 'Se protéger des faux messages';
    const anonymousEmail = `anonyme.${mode}@exemple.fr`;

    it(`a theme proposed anonymously on a phone becomes a forum residents register for (JavaScript ${mode})`, async () => {
      const clock = server.app.ctx.clock as ManualClock;
      const start = clock.nowIso();
      const { forums } = server.app.services.forums;
      const today = parisDate(clock.now());
      // Proposals open now; the run without JavaScript votes later, so its consultation is the one /forums shows.
      const consultation = await forums.create(systemActor(server.centreId), {
        title: `Forums de l’automne (JavaScript ${mode})`, description: 'Proposez les thèmes des forums de l’automne.', proposalsOpenOn: addDays(today, -3),
        votesOpenOn: addDays(today, javaScript ? 10 : 20), votesCloseOn: addDays(today, javaScript ? 24 : 34), votesPerPerson: 3, moderation: true, eligibleCommunes: [],
      });
      const article = (j: Journey, title: string) => j.page.locator('article').filter({ has: j.page.getByRole('heading', { name: title, exact: true }) });
      try {
        // — a resident proposes a theme on a phone, without giving a name —
        const resident = await server.openJourney({ name: 'forums-propose', javaScript });
        await resident.page.setViewportSize({ width: 375, height: 740 });
        try {
          await resident.visit('/forums');
          expect(await resident.heading()).toBe(consultation.title);
          await resident.follow('Proposer un thème');
          expect(await resident.heading()).toBe('Quel thème voulez-vous proposer ?');
          await resident.fill('Le thème', theme);
          await resident.submit('Continuer');
          expect(await resident.heading()).toBe('Pouvez-vous en dire un peu plus ?');
          await resident.fill(/^Quelques mots sur le thème/, 'Ma voisine a reçu un faux message de sa banque.');
          await resident.submit('Continuer');
          expect(await resident.heading()).toBe('Voulez-vous donner votre nom ?');
          expect(await resident.page.getByRole('main').innerText()).toContain('Votre nom n’est jamais publié');
          await resident.submit('Continuer', { status: 422 });
          expect(await resident.title()).toMatch(/^Erreur : /);
          const choice = await resident.page.locator('label[for="champ-giveName-1"]').boundingBox();
          expect(choice!.height).toBeGreaterThanOrEqual(44);
          await resident.page.getByLabel(/^Non, je reste anonyme/).check();
          await resident.submit('Continuer');
          expect(await resident.heading()).toBe('Votre adresse e-mail');
          expect(await resident.page.getByRole('main').innerText()).toContain('Votre adresse e-mail n’est jamais publiée');
          expect(await resident.page.getByLabel('Prénom').count()).toBe(0);
          await resident.fill(/^Adresse e-mail/, anonymousEmail);
          await resident.page.getByLabel(/^J’accepte que le centre garde mon adresse e-mail/).check();
          await resident.submit('Continuer');
          expect(await resident.heading()).toBe('Vérifiez votre proposition');
          expect(await resident.page.getByRole('main').innerText()).toContain('Vous restez anonyme');
          expect(await resident.page.getByRole('main').innerText()).toContain('Votre adresse e-mail n’est jamais publiée.');
          await resident.submit('Envoyer ma proposition');
          expect(await resident.heading()).toBe('Votre proposition est envoyée');
        } finally {
          await resident.close();
        }

        // — a coordinator accepts it, enters a paper proposal and merges a duplicate —
        const staff = await server.openJourney({ name: 'forums-moderate', javaScript });
        try {
          await signIn(staff, coordinator.email);
          await staff.visit(`/consultations/${consultation.id}`);
          const proposed = article(staff, theme);
          expect(await proposed.innerText()).toContain('Proposition anonyme');
          expect(await staff.page.getByRole('main').innerText()).not.toContain(anonymousEmail);
          await proposed.getByText(`Modérer « ${theme} »`).click();
          await proposed.getByLabel('Décision').selectOption({ label: 'Accepter' });
          await staff.submit('Enregistrer', { within: proposed });
          expect(await article(staff, theme).innerText()).toContain('Acceptée');

          for (const [title, body] of [['Les arnaques au téléphone', 'Recueilli au marché sur la fiche papier.'], ['La santé en ligne', 'Boîte à idées de l’accueil.']] as const) {
            await staff.follow('Saisir une proposition reçue sur papier ou par téléphone');
            await staff.page.getByLabel('Reçue').selectOption({ label: 'Papier' });
            await staff.fill('Le thème', title);
            await staff.fill(/^Quelques mots sur le thème/, body);
            await staff.submit('Enregistrer');
            expect(await article(staff, title).innerText()).toContain('Papier');
          }
          const duplicate = article(staff, 'Les arnaques au téléphone');
          await duplicate.getByText('Modérer « Les arnaques au téléphone »').click();
          await duplicate.getByLabel('Décision').selectOption({ label: 'Regrouper avec un autre thème' });
          await duplicate.getByLabel(/^Regrouper avec/).selectOption({ label: theme });
          await duplicate.getByLabel(/^Motif ou réponse du centre/).fill('Même sujet que les faux messages.');
          await staff.submit('Enregistrer', { within: duplicate });
          expect(await article(staff, 'Les arnaques au téléphone').innerText()).toContain(`regroupé avec « ${theme} »`);

          // The presentation residents read is changed with the same form, prefilled.
          await staff.follow('Modifier la consultation');
          expect(await staff.heading()).toBe('Modifier la consultation');
          await staff.fill(/^Présentation pour les habitants/, 'Choisissez les thèmes des forums de l’année, au centre ou en ligne.');
          await staff.submit('Enregistrer les modifications');
          expect(await staff.heading()).toBe(consultation.title);
          expect(await staff.page.getByRole('main').innerText()).toContain('La consultation est modifiée.');
        } finally {
          await staff.close();
        }
        const told = await server.db.kysely.selectFrom('outbox').select(['subject', 'body']).where('recipient', '=', anonymousEmail).execute();
        expect(told.map((m) => m.subject)).toEqual([`Votre proposition « ${theme} »`]);

        // — the votes: residents support the theme online —
        clock.set(`${addDays(consultation.votesOpenOn, 1)}T09:00:00Z`);
        const themes = await forums.publicProposals(server.centreId, consultation.id);
        const winner = themes.find((p) => p.title === theme)!;
        const other = themes.find((p) => p.title === 'La santé en ligne')!;
        for (let i = 0; i < 3; i++) {
          await forums.vote(server.centreId, consultation.id, { proposalIds: [winner.id], firstName: 'Votant', lastName: `${mode}${i}`, email: `votant.${mode}.${i}@exemple.fr`, communeInsee: null, consent: true });
        }
        await forums.vote(server.centreId, consultation.id, { proposalIds: [other.id], firstName: 'Votante', lastName: mode, email: `votante.${mode}@exemple.fr`, communeInsee: null, consent: true });

        // — the votes are over: the coordinator programmes the winning theme —
        clock.set(`${addDays(consultation.votesCloseOn, 1)}T09:00:00Z`);
        const forumDay = addDays(consultation.votesCloseOn, 15);
        const programmer = await server.openJourney({ name: 'forums-programme', javaScript });
        try {
          await signIn(programmer, coordinator.email);
          await programmer.visit(`/consultations/${consultation.id}`);
          expect(await programmer.page.getByRole('row', { name: new RegExp(theme) }).innerText()).toMatch(/^1\s/);
          await programmer.follow(`Programmer « ${theme} »`);
          expect(await programmer.heading()).toBe('Programmer ce thème');
          await programmer.page.getByLabel('Lieu').selectOption({ label: siteName });
          await programmer.page.getByLabel('Thème de médiation').selectOption('securite_numerique');
          await programmer.fill('Date', forumDay);
          await programmer.submit('Programmer');
          expect(programmer.page.url()).toMatch(/\/programme\/[\w-]+$/);
        } finally {
          await programmer.close();
        }
        const programmed = await server.db.kysely.selectFrom('forumProposals').select('activityId').where('id', '=', winner.id).executeTakeFirstOrThrow();
        expect(programmed.activityId).not.toBeNull();
        const news = await server.db.kysely.selectFrom('outbox').select('body').where('recipient', '=', anonymousEmail).execute();
        expect(news.some((m) => m.body.includes(`/activites/${programmed.activityId}`))).toBe(true);

        // — a resident finds the forum in the catalogue and registers —
        const visitor = await server.openJourney({ name: 'forums-register', javaScript });
        await visitor.page.setViewportSize({ width: 375, height: 740 });
        try {
          await visitor.visit(`/forums/${consultation.id}/resultats`);
          expect(await visitor.page.getByRole('main').innerText()).toContain(`Le forum « ${theme} » : date et inscription`);
          expect(await visitor.page.content()).not.toContain(anonymousEmail);
          await visitor.visit('/activites');
          await visitor.follow(theme);
          expect(await visitor.heading()).toBe(theme);
          await visitor.follow('S’inscrire');
          if ((await visitor.heading()) === 'À quelle séance voulez-vous venir ?') {
            await visitor.page.getByRole('radio').first().check();
            await visitor.submit('Continuer');
          }
          expect(await visitor.heading()).toBe('Qui participe ?');
          await visitor.fill('Prénom', 'Paulette');
          await visitor.fill('Nom de famille', javaScript ? 'Forumavec' : 'Forumsans');
          await visitor.fill('Année de naissance', '1951');
          await visitor.submit('Continuer');
          expect(await visitor.heading()).toBe('Comment vous joindre ?');
          await visitor.fill('Téléphone', javaScript ? '06 12 12 12 12' : '06 34 34 34 34');
          await visitor.fill('Commune où vous habitez', 'Masnières');
          await visitor.page.getByLabel('J’accepte que le centre garde ces informations pour gérer mon inscription').check();
          await visitor.submit('Continuer');
          expect(await visitor.heading()).toBe('Vérifiez votre inscription');
          await visitor.submit('Confirmer l’inscription');
          expect(await visitor.heading()).toBe('Inscription confirmée');
        } finally {
          await visitor.close();
        }
        const registrations = await server.db.kysely.selectFrom('activityRegistrations').select('status').where('activityId', '=', programmed.activityId!).execute();
        expect(registrations.map((r) => r.status)).toEqual(['confirmed']);
      } finally {
        clock.set(start);
      }
      // Four journeys with axe on every page: minutes on a loaded machine.
    }, 600_000);
  }
});
