import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { seedDemoPathways } from '../../src/modules/pathways/demo.ts';
import { startE2E, TEST_PASSWORD, type E2EServer, type Journey } from '../support/e2e.ts';

/**
 * The pathways journey of the issue, with axe on every page:
 * a senior enrolled in "Premiers pas sur tablette" takes the positioning quiz alone on the
 * facilitator's tablet, handed over as a kiosk (nothing else opens; the facilitator's password
 * takes it back), and is placed in module 2; the facilitator records an
 * evaluation time; the senior opens their progress page from the link of the booklet on a
 * phone, self-assesses, downloads the booklet; completing the pathway yields the attestation
 * and the badge, whose public page shows only what the senior agreed to.
 */
describe('pathways: a senior on the "Premiers pas sur tablette" pathway', () => {
  let server: E2EServer;
  let ids: Awaited<ReturnType<typeof seedDemoPathways>>;

  beforeAll(async () => {
    server = await startE2E({ centreName: 'Centre social Les Tilleuls' });
    ids = await seedDemoPathways(server.app.ctx, server.app.services, server.centreId);
  });
  afterAll(() => server?.close());

  async function signIn(j: Journey, email: string) {
    await j.visit('/connexion');
    await j.fill('Adresse e-mail', email);
    await j.fill('Mot de passe', TEST_PASSWORD);
    await j.submit('Se connecter');
  }

  for (const javaScript of [true, false]) {
    it(`quiz, placement, evaluation, progress page, booklet, attestation and badge (staff JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const db = server.app.ctx.kysely;
      const people = server.app.services.people;
      const senior = await people.create(systemActor(server.centreId), { firstName: 'Germaine', lastName: javaScript ? 'Lefebvre' : 'Caron', birthYear: 1946, consents: { data_processing: true }, confirmNotDuplicate: true });
      const facilitator = await server.createStaff('facilitator', { email: `anim-${javaScript ? 'js' : 'nojs'}@exemple.fr` });
      const module1 = new Set(['@allumer1', '@allumer2', '@allumer3', '@tactile1', '@tactile2', '@tactile3']);

      // The facilitator enrols the senior and starts the quiz.
      const staff = await server.openJourney({ name: 'parcours-animateur', javaScript });
      const phone = await server.openJourney({ name: 'parcours-telephone', javaScript: false });
      try {
        await signIn(staff, facilitator.email);
        await staff.visit('/parcours');
        await staff.follow('Premiers pas sur tablette');
        await staff.follow('Inscrire une personne');
        await staff.fill('Nom, téléphone ou e-mail de la personne', 'Germaine');
        await staff.submit('Rechercher');
        await staff.submit(new RegExp(`Inscrire Germaine ${senior.lastName}`));
        expect(await staff.heading()).toContain('Germaine');
        await staff.submit('Lancer le questionnaire');
        expect(await staff.heading()).toBe('Questionnaire de positionnement');
        // The facilitator hands this very device over: it becomes a kiosk that opens only the quiz.
        await staff.submit('Commencer sur cet appareil');
        const tablet = staff;
        await tablet.page.setViewportSize({ width: 768, height: 1024 });
        expect(await tablet.page.locator('.main-nav').count()).toBe(0);
        for (let n = 1; n <= 20; n++) {
          const question = await tablet.page.locator('input[name="question"]').getAttribute('value').catch(() => null);
          if (!question) break;
          expect(await tablet.heading()).not.toBe('');
          const skill = await db.selectFrom('quizQuestions as q').innerJoin('frameworkSkills as k', 'k.id', 'q.skillId').select(['k.code']).where('q.id', '=', question).executeTakeFirstOrThrow();
          if (module1.has(skill.code)) {
            const right = await db.selectFrom('quizChoices').select('label').where('questionId', '=', question).where('correct', '=', true).executeTakeFirstOrThrow();
            await tablet.page.getByLabel(right.label, { exact: true }).check();
            await tablet.submit('Valider ma réponse');
          } else {
            await tablet.submit('Je ne sais pas');
          }
        }
        expect(await tablet.heading()).toBe('Merci, c’est terminé !');
        expect(await tablet.page.getByRole('main').innerText()).toContain('Vous commencez au module 2 : « Se connecter et naviguer ».');
        // Nothing else opens from the tablet, not even by typing an address.
        await tablet.visit('/personnes', { status: 403 });
        expect(await tablet.page.getByRole('main').innerText()).toContain('réservée au questionnaire');
        await tablet.follow('Revenir au questionnaire');

        // The facilitator takes it back with their password, onto the learner's enrolment.
        await tablet.fill('Votre mot de passe', TEST_PASSWORD);
        await tablet.submit('Rendre la tablette');
        expect(await staff.page.getByRole('status').innerText()).toContain('La tablette est rendue');
        const main = staff.page.getByRole('main');
        expect(await main.innerText()).toContain('Déjà su au départ');
        await staff.follow(/Évaluer ce module 2/);
        const tablette = await server.app.services.pathways.pathways.detail(server.centreId, ids.tablette);
        const skills2 = tablette.modules[1]!.skills;
        for (const s of skills2.slice(0, 3)) {
          await staff.page.getByRole('group', { name: s.statement }).getByLabel('Acquis', { exact: true }).check();
        }
        await staff.page.getByRole('group', { name: skills2[3]!.statement }).getByLabel('En cours', { exact: true }).check();
        await staff.submit('Enregistrer l’évaluation');
        expect(await staff.page.getByRole('status').innerText()).toContain('Le temps d’évaluation est enregistré.');
        await staff.submit('Créer un nouveau lien');
        const progressUrl = await staff.page.locator('.link-url a').getAttribute('href');
        expect(progressUrl).toMatch(/\/progression\//);

        // Every pathway's enrolments on one page, kept to hers by the filters (a GET form), back to her enrolment.
        await staff.visit('/parcours');
        await staff.follow('Toutes les inscriptions');
        expect(await staff.heading()).toBe('Inscriptions aux parcours');
        await staff.page.getByLabel('Parcours', { exact: true }).selectOption({ label: 'Premiers pas sur tablette' });
        await staff.page.getByLabel('État de l’inscription', { exact: true }).selectOption('active');
        await staff.fill(/^Nom de la personne/, `Germaine ${senior.lastName}`);
        await staff.submit('Afficher');
        const listed = await main.innerText();
        expect(listed).toContain('1 inscription');
        expect(listed).toContain(`Germaine ${senior.lastName}`);
        expect(listed).toContain('Module en cours : Se connecter et naviguer');
        await staff.follow(new RegExp(`^\\d+ savoir-faire acquis sur \\d+\\W+progression de Germaine ${senior.lastName}$`));
        expect(await staff.heading()).toContain('Germaine');

        // The senior opens the link of the QR code on a phone.
        await phone.page.setViewportSize({ width: 375, height: 812 });
        const path = new URL(progressUrl!).pathname;
        await phone.visit(path);
        expect(await phone.heading()).toBe('Bonjour Germaine');
        const text = await phone.page.getByRole('main').innerText();
        expect(text).toContain(skills2[0]!.statement);
        expect(text).toContain('Vos progrès par compétence');
        expect(text).not.toContain(facilitator.displayName);
        await phone.page.getByRole('group', { name: skills2[3]!.statement }).getByLabel('Je sais faire').check();
        await phone.submit('Envoyer mon avis');
        expect(await phone.page.getByRole('status').innerText()).toContain('Merci');
        const booklet = await phone.download(() => phone.page.getByRole('link', { name: /Imprimer mon livret/ }).click());
        expect(booklet.suggestedFilename()).toMatch(/\.pdf$/);

        // The pathway completed: attestation and badge; the public page shows what she chose.
        const enrolment = await db.selectFrom('enrolments').select('id').where('personId', '=', senior.id).executeTakeFirstOrThrow();
        for (const m of tablette.modules.slice(1)) {
          await server.app.services.pathways.enrolments.recordEvaluation(systemActor(server.centreId), enrolment.id, { kind: 'facilitator', moduleId: m.id, comment: null, results: m.skills.map((s) => ({ skillId: s.id, status: 'acquis', autonomy: 'autonome' })) });
        }
        await phone.visit(path);
        expect(await phone.page.getByRole('main').innerText()).toContain('Parcours terminé');
        const block = phone.page.locator('.panel').filter({ hasText: /^Premiers pas sur tablette/ });
        const attestation = await phone.download(() => block.getByRole('link', { name: 'Attestation (PDF)' }).click());
        expect(attestation.suggestedFilename()).toMatch(/\.pdf$/);
        await block.getByLabel('mon prénom et l’initiale de mon nom').check();
        await phone.submit(/Enregistrer mes choix – Premiers pas sur tablette$/);
        const badgeLink = await phone.page.locator('.panel').filter({ hasText: /^Premiers pas sur tablette/ }).getByRole('link', { name: 'Page de vérification' }).getAttribute('href');
        await phone.visit(badgeLink!);
        const badgeText = await phone.page.getByRole('main').innerText();
        expect(badgeText).toContain('Ce badge est authentique');
        expect(badgeText).toContain(`Germaine ${senior.lastName!.charAt(0)}.`);
        expect(badgeText).not.toContain(senior.lastName!);
      } finally {
        await phone.close();
        await staff.close();
      }
    });
  }

  it('a volunteer sees the training required before opening persons’ files, and the team view shows it', async () => {
    const admin = await server.createStaff('admin', { email: 'admin-parcours@exemple.fr' });
    const volunteer = await server.createStaff('volunteer', { email: 'benevole-parcours@exemple.fr' });
    const a = await server.openJourney({ name: 'parcours-equipe', javaScript: false });
    const v = await server.openJourney({ name: 'parcours-benevole', javaScript: false });
    try {
      await signIn(a, admin.email);
      await a.visit('/parcours/equipe');
      await a.page.getByLabel('Rôle', { exact: true }).selectOption('volunteer');
      await a.page.getByLabel('Parcours de formation', { exact: true }).selectOption({ label: 'Accueillir et accompagner' });
      await a.submit('Demander cette formation');
      expect(await a.page.getByRole('main').innerText()).toContain('bénévole : Accueillir et accompagner');

      await signIn(v, volunteer.email);
      await v.visit('/mes-formations');
      expect(await v.page.getByRole('main').innerText()).toContain('Votre rôle demande de terminer : « Accueillir et accompagner »');
      await v.submit(/M’inscrire/);
      expect(await v.heading()).toContain('Accueillir et accompagner');
      const actor = { centerId: server.centreId, userId: volunteer.id, role: 'volunteer' as const, label: volunteer.displayName, partnerCommuneInsee: null, via: 'session' as const };
      expect((await server.app.ctx.trainingGate.check(actor)).allowed).toBe(false);
      await v.visit('/personnes', { status: 403 });
      expect(await v.page.getByRole('main').innerText()).toContain('terminez la formation demandée pour votre rôle');

      // Once every module is acquired, the files open.
      const enrolment = await server.app.ctx.kysely.selectFrom('enrolments').select('id').where('userId', '=', volunteer.id).executeTakeFirstOrThrow();
      const accueil = await server.app.services.pathways.pathways.detail(server.centreId, ids.accueil);
      for (const m of accueil.modules) {
        await server.app.services.pathways.enrolments.recordEvaluation(systemActor(server.centreId), enrolment.id, { kind: 'facilitator', moduleId: m.id, comment: null, results: m.skills.map((s) => ({ skillId: s.id, status: 'acquis', autonomy: 'autonome' })) });
      }
      await v.visit('/personnes');
      await v.visit('/mes-formations');
      expect(await v.page.getByRole('main').innerText()).toContain('Parcours terminé le');

      await a.visit('/parcours/equipe');
      expect(await a.page.getByRole('main').innerText()).toContain(volunteer.displayName);
    } finally {
      await a.close();
      await v.close();
    }
  });
});
