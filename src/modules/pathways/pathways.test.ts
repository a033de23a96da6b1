import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, createCentre, createTestApp, signIn, TEST_PASSWORD, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { codeAt } from '../../platform/auth/totp.ts';
import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';
import { publicKeyFromMultibase, verifyDocumentRdfc } from './data-integrity.ts';
import { localDocumentLoader } from './jsonld-contexts.ts';
import { activityInput, setupProgramme } from '../activities/activities.fixtures.ts';
import { seedDemoPathways } from './demo.ts';
import { readPdf } from '../../../tests/support/pdf.ts';
import { missingRequiredFields } from './open-badges.ts';

type Api = Awaited<ReturnType<typeof apiToken>>;

describe('pathways', () => {
  let t: TestApp;
  let centreA: string;
  let centreB: string;
  let admin: Api;
  let adminB: Api;
  let volunteerApi: Api;
  let ids: Awaited<ReturnType<typeof seedDemoPathways>>;
  let system: Actor;
  let adminC: Client & { userId: string };
  let coordinatorC: Client & { userId: string };
  let facilitatorC: Client & { userId: string };
  let volunteerC: Client & { userId: string };
  let partnerC: Client & { userId: string };
  let otherAdminC: Client & { userId: string };

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.app, 'parcours-a', 'Centre social Les Tilleuls');
    centreB = await createCentre(t.app, 'parcours-b', 'Centre social du Val');
    admin = await apiToken(t.app, centreA, 'admin');
    adminB = await apiToken(t.app, centreB, 'admin');
    volunteerApi = await apiToken(t.app, centreA, 'volunteer');
    system = systemActor(centreA);
    ids = await seedDemoPathways(t.app.ctx, t.app.services, centreA);
    // Sign-in is rate-limited per address: one client per role for the whole file.
    adminC = await signIn(t.app, centreA, 'admin');
    coordinatorC = await signIn(t.app, centreA, 'coordinator');
    facilitatorC = await signIn(t.app, centreA, 'facilitator');
    volunteerC = await signIn(t.app, centreA, 'volunteer');
    partnerC = await signIn(t.app, centreA, 'partner');
    otherAdminC = await signIn(t.app, centreB, 'admin');
  });
  afterAll(() => t.close());

  async function person(firstName: string, lastName: string, centerId = centreA): Promise<string> {
    const file = await t.app.services.people.create(systemActor(centerId), { firstName, lastName, consents: { data_processing: true }, confirmNotDuplicate: true });
    return file.id;
  }
  async function count(table: 'evaluations' | 'evaluationResults' | 'pathways' | 'frameworkSkills' | 'enrolments' | 'quizAnswers' | 'badges'): Promise<number> {
    return (await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n * 1;
  }
  // The 1EdTech OB 3.0 AchievementCredential schema (tests/fixtures/open-badges/README.md).
  const obSchema = JSON.parse(readFileSync(new URL('../../../tests/fixtures/open-badges/ob_v3p0_achievementcredential_schema.json', import.meta.url), 'utf8')) as { $id: string };
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(obSchema);
  function schemaErrors(definition: string, value: unknown): string[] {
    const validate = ajv.getSchema(`${obSchema.$id}#/$defs/${definition}`)!;
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  }
  async function pathway(id: string) {
    const r = await admin('GET', `/api/v1/pathways/${id}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { id: string; modules: { id: string; title: string; skills: { id: string; code: string }[] }[] };
  }

  // ------------------------------------------------------------ framework

  describe('competence framework', () => {
    it('is seeded on first use with the CRCN and the "Premiers pas" layer, and exports as JSON', async () => {
      const r = await admin('GET', '/api/v1/framework');
      expect(r.statusCode).toBe(200);
      const doc = r.json();
      expect(doc.format).toBe('lieudit-referentiel');
      expect(doc.competences.filter((c: { code: string }) => /^\d\.\d$/.test(c.code))).toHaveLength(16);
      expect(doc.domains.map((d: { code: string }) => d.code)).toContain('PP');
      expect(doc.skills.length).toBeGreaterThan(100);
    });

    it('re-imports its own export without creating anything', async () => {
      const exported = (await admin('GET', '/api/v1/framework')).json();
      const before = await count('frameworkSkills');
      const r = await admin('POST', '/api/v1/framework', exported);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ created: 0, retired: 0 });
      expect(await count('frameworkSkills')).toBe(before);
    });

    it('refuses duplicate codes and a broken hierarchy with French messages, and changes nothing', async () => {
      const doc = (await admin('GET', '/api/v1/framework')).json();
      const before = await count('frameworkSkills');
      const statement = doc.skills[0].statement;
      const duplicate = { ...doc, skills: [...doc.skills, { ...doc.skills[0], statement: 'Autre' }], competences: [...doc.competences, { code: '9.9', domain: 'X', title: 'Orpheline' }] };
      duplicate.skills[1] = { ...duplicate.skills[1], statement: 'Modifié par un import refusé' };
      const r = await admin('POST', '/api/v1/framework', duplicate);
      expect(r.statusCode).toBe(422);
      const body = r.json();
      expect(body.message).toMatch(/rien n’a changé/);
      expect(Object.values(body.fields).join(' ')).toMatch(/utilisé deux fois/);
      expect(Object.values(body.fields).join(' ')).toMatch(/« X », qui n’existe pas/);
      expect(await count('frameworkSkills')).toBe(before);
      const after = (await admin('GET', '/api/v1/framework')).json();
      expect(after.skills[0].statement).toBe(statement);
      expect(after.skills[1].statement).not.toBe('Modifié par un import refusé');
      const garbage = await admin('POST', '/api/v1/framework', { format: 'autre chose' });
      expect(garbage.statusCode).toBe(422);
    });

    it('lets an admin add, reword, retire and reorder skills; only admins', async () => {
      const client = adminC;
      const subject = await t.db.kysely.selectFrom('frameworkSubjects').select(['id']).where('centerId', '=', centreA).where('code', '=', 'email').executeTakeFirstOrThrow();
      const bad = await client.post('/referentiel/savoir-faire/nouveau', { subjectId: subject.id, statement: '', difficulty: '9' });
      expect(bad.statusCode).toBe(422);
      expect(titleOf(bad.body)).toMatch(/^Erreur : /);
      expect(bad.body).toContain('href="#champ-statement"');
      const ok = await client.post('/referentiel/savoir-faire/nouveau', { subjectId: subject.id, statement: 'Je sais transférer un e-mail', difficulty: '3' });
      expect(ok.statusCode).toBe(303);
      const skill = await t.db.kysely.selectFrom('frameworkSkills').selectAll().where('statement', '=', 'Je sais transférer un e-mail').executeTakeFirstOrThrow();
      expect(skill.code).toBe('@email3-2');
      expect((await client.post(`/referentiel/savoir-faire/${skill.id}/modifier`, { statement: 'Je sais transférer un e-mail reçu', difficulty: '3' })).statusCode).toBe(303);
      expect((await client.post(`/referentiel/savoir-faire/${skill.id}/monter`, {})).statusCode).toBe(303);
      expect((await client.post(`/referentiel/savoir-faire/${skill.id}/retirer`, {})).statusCode).toBe(303);
      const after = await t.db.kysely.selectFrom('frameworkSkills').selectAll().where('id', '=', skill.id).executeTakeFirstOrThrow();
      expect(after.statement).toBe('Je sais transférer un e-mail reçu');
      expect(after.retiredAt).not.toBeNull();
      const page = await client.get('/referentiel');
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Je sais transférer un e-mail reçu');
      const facilitator = facilitatorC;
      expect((await facilitator.post(`/referentiel/savoir-faire/${skill.id}/retablir`, {})).statusCode).toBe(403);
      expect((await volunteerApi('POST', '/api/v1/framework', {})).statusCode).toBe(403);
    });
  });

  // ------------------------------------------------------------ pathways

  describe('building pathways', () => {
    it('has the four demo pathways, each with modules and target skills', async () => {
      const r = await admin('GET', '/api/v1/pathways');
      const titles = r.json().items.map((p: { title: string }) => p.title);
      expect(titles).toEqual(expect.arrayContaining(['Premiers pas sur tablette', 'Mes démarches en ligne', 'Code et robotique', 'Accueillir et accompagner']));
      const tablette = await pathway(ids.tablette);
      expect(tablette.modules.map((m) => m.title)[1]).toBe('Se connecter et naviguer');
      expect(tablette.modules.every((m) => m.skills.length > 0)).toBe(true);
    });

    it('refuses a pathway with no module, or with an unknown skill, in French, and creates nothing', async () => {
      const before = await count('pathways');
      const empty = await admin('POST', '/api/v1/pathways', { title: 'Vide', audience: 'adultes', modules: [] });
      expect(empty.statusCode).toBe(422);
      expect(empty.json().fields.modules).toMatch(/au moins un module/);
      const unknown = await admin('POST', '/api/v1/pathways', { title: 'X', audience: 'adultes', modules: [{ title: 'M', level: 'debutant', suggestedSessions: 2, skillIds: ['01900000-0000-7000-8000-000000000000'] }] });
      expect(unknown.statusCode).toBe(422);
      expect(Object.values(unknown.json().fields).join()).toMatch(/n’existe pas/);
      expect(await count('pathways')).toBe(before);
    });

    it('builds a pathway with the pages: first module, another one, reorder, refuse removing the last', async () => {
      const client = coordinatorC;
      const form = await client.get('/parcours/nouveau');
      expect(form.statusCode).toBe(200);
      const skill = (await pathway(ids.demarches)).modules[0]!.skills[0]!.id;
      const missing = await client.post('/parcours/nouveau', { title: 'Atelier e-mail', audience: 'adultes', moduleTitle: '', moduleLevel: 'debutant', moduleSessions: '2' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('href="#champ-skillIds"');
      expect(missing.body).toContain('href="#champ-moduleTitle"');
      expect(missing.body).toContain('value="Atelier e-mail"');
      const created = await client.post('/parcours/nouveau', { title: 'Atelier e-mail', audience: 'adultes', moduleTitle: 'Lire ses e-mails', moduleLevel: 'debutant', moduleSessions: '2', skillIds: skill });
      expect(created.statusCode).toBe(303);
      const id = created.headers.location!.split('/').at(-1)!;
      const added = await client.post(`/parcours/${id}/modules/nouveau`, { title: 'Écrire un e-mail', level: 'intermediaire', suggestedSessions: '3', skillIds: [skill] });
      expect(added.statusCode).toBe(303);
      let p = await pathway(id);
      expect(p.modules.map((m) => m.title)).toEqual(['Lire ses e-mails', 'Écrire un e-mail']);
      expect((await client.post(`/parcours/modules/${p.modules[1]!.id}/monter`, {})).statusCode).toBe(303);
      p = await pathway(id);
      expect(p.modules.map((m) => m.title)).toEqual(['Écrire un e-mail', 'Lire ses e-mails']);
      expect((await client.post(`/parcours/modules/${p.modules[0]!.id}/supprimer`, {})).statusCode).toBe(303);
      p = await pathway(id);
      const last = await client.post(`/parcours/modules/${p.modules[0]!.id}/supprimer`, {});
      expect(last.statusCode).toBe(409);
      expect(last.body).toContain('seul module');
      expect((await pathway(id)).modules).toHaveLength(1);
      const page = await client.get(`/parcours/${id}`);
      expect(page.body).toContain('Lire ses e-mails');
    });

    it('links a module to the activities where it is taught, shown by title', async () => {
      const { studioId, actor } = await setupProgramme(t.app, centreA);
      const activity = await t.app.services.activities.programme.create(actor, activityInput(t.clock, studioId, { title: 'Atelier tablette du mardi' }));
      const p = await pathway(ids.tablette);
      const m = p.modules[0]!;
      const form = await coordinatorC.get(`/parcours/modules/${m.id}/modifier`);
      expect(form.body).toContain('Atelier tablette du mardi');
      const saved = await coordinatorC.post(`/parcours/modules/${m.id}/modifier`, { title: m.title, level: 'decouverte', suggestedSessions: '2', skillIds: m.skills.map((s) => s.id), activityIds: activity.id });
      expect(saved.statusCode).toBe(303);
      expect((await coordinatorC.get(`/parcours/${ids.tablette}`)).body).toContain('Enseigné dans : Atelier tablette du mardi');
      const unknown = await coordinatorC.post(`/parcours/modules/${m.id}/modifier`, { title: m.title, level: 'decouverte', suggestedSessions: '2', skillIds: m.skills.map((s) => s.id), activityIds: '01900000-0000-7000-8000-000000000000' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.body).toContain('href="#champ-activityIds"');
    });

    it('hides a centre’s pathways from another centre', async () => {
      expect((await adminB('GET', `/api/v1/pathways/${ids.tablette}`)).statusCode).toBe(404);
      expect((await adminB('GET', '/api/v1/pathways')).json().items).toHaveLength(0);
    });
  });

  // ------------------------------------------------------------ evaluations and badges

  describe('enrolment, evaluation times, attestations and badges', () => {
    it('records append-only evaluations, derives the state, issues signed Open Badges 3.0 at completion', async () => {
      const learner = await person('Jeanne', 'Delattre');
      const enrolled = await admin('POST', `/api/v1/pathways/${ids.accueil}/enrolments`, { personId: learner });
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      const enrolmentId = enrolled.json().id;
      expect((await admin('POST', `/api/v1/pathways/${ids.accueil}/enrolments`, { personId: learner })).statusCode).toBe(409);

      const p = await pathway(ids.accueil);
      const [m1, m2] = p.modules;
      // A skill of another module: refused, nothing written.
      const beforeEval = await count('evaluations');
      const outside = await admin('POST', `/api/v1/enrolments/${enrolmentId}/evaluations`, { moduleId: m1!.id, results: [{ skillId: m2!.skills[0]!.id, status: 'acquis' }] });
      expect(outside.statusCode).toBe(422);
      expect(Object.values(outside.json().fields).join()).toMatch(/ne fait pas partie du module/);
      expect(await count('evaluations')).toBe(beforeEval);

      // First time: en cours; a correction is a new evaluation, the history stays.
      const first = await admin('POST', `/api/v1/enrolments/${enrolmentId}/evaluations`, { moduleId: m1!.id, results: m1!.skills.map((s) => ({ skillId: s.id, status: 'en_cours', autonomy: 'avec_guidage' })) });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json().badgesIssued).toEqual([]);
      const second = await admin('POST', `/api/v1/enrolments/${enrolmentId}/evaluations`, { moduleId: m1!.id, comment: 'Très à l’aise', results: m1!.skills.map((s) => ({ skillId: s.id, status: 'acquis', autonomy: 'autonome' })) });
      expect(second.json().badgesIssued).toHaveLength(1);
      let progress = (await admin('GET', `/api/v1/enrolments/${enrolmentId}/progress`)).json();
      expect(progress.modules[0]).toMatchObject({ state: 'termine', acquired: m1!.skills.length });
      expect(progress.currentModuleId).toBe(m2!.id);
      expect(await t.db.kysely.selectFrom('evaluations').select('id').where('enrolmentId', '=', enrolmentId).execute()).toHaveLength(2);

      // Complete every module: the pathway's badge, and the enrolment completed.
      for (const m of p.modules.slice(1)) {
        const r = await admin('POST', `/api/v1/enrolments/${enrolmentId}/evaluations`, { moduleId: m.id, results: m.skills.map((s) => ({ skillId: s.id, status: 'acquis' })) });
        expect(r.statusCode).toBe(201);
      }
      progress = (await admin('GET', `/api/v1/enrolments/${enrolmentId}/progress`)).json();
      expect(progress.complete).toBe(true);
      expect(progress.badges.map((b: { scope: string }) => b.scope)).toContain('pathway');
      const pathwayBadge = progress.badges.find((b: { scope: string }) => b.scope === 'pathway');

      const credential = (await admin('GET', `/api/v1/badges/${pathwayBadge.id}`)).json();
      expect(missingRequiredFields(credential)).toEqual([]);
      expect(credential['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
      expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect(credential.issuer).toMatchObject({ type: ['Profile'], name: 'Centre social Les Tilleuls' });
      expect(credential.credentialSubject.type).toEqual(['AchievementSubject']);
      expect(credential.credentialSubject.achievement.criteria.narrative).toMatch(/accueillir une personne/);
      expect(credential.credentialSubject.achievement.alignment.map((a: { targetCode: string }) => a.targetCode)).toContain('ACC.2');
      expect(credential.credentialSubject.result[0].achievedLevel).toMatch(/niveau-debutant$/);
      expect(JSON.stringify(credential)).not.toContain('Delattre');
      // Signed with eddsa-rdfc-2022, the cryptosuite 1EdTech's conformance accepts, and the
      // proof, issuer and subject validate against the official OB 3.0 JSON schema.
      expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
      expect(credential.proof.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);
      expect(schemaErrors('Proof', credential.proof)).toEqual([]);
      expect(schemaErrors('Profile', credential.issuer)).toEqual([]);
      expect(schemaErrors('AchievementSubject', credential.credentialSubject)).toEqual([]);
      // The proof holds with the key the issuer profile publishes; a tampered copy fails.
      const profile = (await t.app.inject({ url: `/badges/emetteurs/${centreA}` })).json();
      const method = profile.verificationMethod.find((v: { id: string }) => v.id === credential.proof.verificationMethod);
      expect(method).toBeDefined();
      const loader = localDocumentLoader();
      expect(await verifyDocumentRdfc(credential, publicKeyFromMultibase(method.publicKeyMultibase), loader)).toBe(true);
      expect(await verifyDocumentRdfc({ ...credential, name: 'Autre' }, publicKeyFromMultibase(method.publicKeyMultibase), loader)).toBe(false);
      // The issuer profile's context defines its keys: a JSON-LD verifier reads the assertion
      // method (CID v1), instead of dropping terms no context defines.
      expect(profile['@context']).toContain('https://www.w3.org/ns/cid/v1');
      const [expanded] = (await jsonld.expand(profile, { documentLoader: loader, safe: true } as unknown as jsonld.Options.Expand)) as Record<string, { '@id'?: string }[]>[];
      expect(expanded!['https://w3id.org/security#assertionMethod']?.map((m) => m['@id'])).toContain(credential.proof.verificationMethod);
      expect(expanded!['https://w3id.org/security#verificationMethod']).toHaveLength(profile.verificationMethod.length);

      // The public page shows only what the learner agreed to.
      let page = await t.app.inject({ url: `/badges/${pathwayBadge.id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('authentique');
      expect(page.body).not.toContain('Jeanne');
      expect(page.body).toContain('Non affiché');
      const link = await t.app.services.pathways.enrolments.createLink(system, enrolmentId);
      const token = link.url.split('/progression/')[1]!;
      const learnerClient = new Client(t.app);
      await learnerClient.get(`/progression/${token}`);
      const saved = await learnerClient.post(`/progression/${token}/badges/${pathwayBadge.id}/visibilite`, { showName: 'oui' });
      expect(saved.statusCode).toBe(303);
      page = await t.app.inject({ url: `/badges/${pathwayBadge.id}` });
      expect(page.body).toContain('Jeanne D.');
      expect(page.body).not.toContain('Delattre');

      // Attestation PDF, for staff and through the learner's link.
      const client = facilitatorC;
      const pdf = await client.get(`/parcours/inscriptions/${enrolmentId}/attestations/${pathwayBadge.id}.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const own = await learnerClient.get(`/progression/${token}/attestations/${pathwayBadge.id}.pdf`);
      expect(own.statusCode).toBe(200);
      // Another centre sees nothing of it.
      expect((await adminB('GET', `/api/v1/badges/${pathwayBadge.id}`)).statusCode).toBe(404);
      expect((await adminB('GET', `/api/v1/enrolments/${enrolmentId}/progress`)).statusCode).toBe(404);
    });

    it('fuzzed evaluation bodies get a 4xx and change nothing', async () => {
      const learner = await person('Paul', 'Fuzz');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.robotique}/enrolments`, { personId: learner })).json().id;
      const p = await pathway(ids.robotique);
      const before = [await count('evaluations'), await count('evaluationResults')];
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            moduleId: fc.oneof(fc.constant(p.modules[1]!.id), fc.uuid(), fc.string(), fc.constant(null)),
            kind: fc.oneof(fc.constant('facilitator'), fc.string()),
            results: fc.oneof(
              fc.array(fc.record({ skillId: fc.oneof(fc.uuid(), fc.constant(p.modules[0]!.skills[0]!.id)), status: fc.oneof(fc.constant('acquis'), fc.string()) }), { maxLength: 3 }),
              fc.constant([]),
              fc.string(),
            ),
          }),
          async (body) => {
            const r = await admin('POST', `/api/v1/enrolments/${enrolmentId}/evaluations`, body);
            expect(r.statusCode).toBeGreaterThanOrEqual(400);
            expect(r.statusCode).toBeLessThan(500);
            expect(typeof r.json().message).toBe('string');
          },
        ),
        { numRuns: 60 },
      );
      expect([await count('evaluations'), await count('evaluationResults')]).toEqual(before);
    });
  });

  // ------------------------------------------------------------ the quiz

  describe('positioning quiz', () => {
    async function runQuiz(enrolmentId: string, seed: string, knows: (code: string) => boolean) {
      const codes = new Map((await t.db.kysely.selectFrom('frameworkSkills').select(['id', 'code']).where('centerId', '=', centreA).execute()).map((r) => [r.id, r.code]));
      const started = await admin('POST', '/api/v1/quiz-sessions', { enrolmentId, seed });
      expect(started.statusCode, started.body).toBe(201);
      let state = started.json();
      const asked: string[] = [];
      while (!state.done) {
        const q = await t.db.kysely.selectFrom('quizQuestions').select(['skillId']).where('id', '=', state.question.id).executeTakeFirstOrThrow();
        const code = codes.get(q.skillId)!;
        asked.push(code);
        let choiceId: string | null = null;
        if (knows(code)) {
          // Find the right choice by trying: the API never says which one it is.
          const right = await t.db.kysely.selectFrom('quizChoices').select(['label']).where('questionId', '=', state.question.id).where('correct', '=', true).executeTakeFirstOrThrow();
          choiceId = state.question.choices.find((c: { label: string }) => c.label === right.label).id;
        }
        const r = await admin('POST', `/api/v1/quiz-sessions/${state.sessionId}/answers`, { questionId: state.question.id, choiceId });
        expect(r.statusCode, r.body).toBe(200);
        state = r.json();
      }
      return { state, asked };
    }

    it('places a senior who knows the tablet basics in module 2, never asks a skill twice, and is reproducible', async () => {
      const module1 = ['@allumer1', '@allumer2', '@tactile1', '@tactile2'];
      const knows = (code: string) => module1.includes(code) || code === '@allumer3' || code === '@tactile3';
      const a = await person('Marcel', 'Quiz');
      const b = await person('Odette', 'Quiz');
      const ea = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: a })).json().id;
      const eb = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: b })).json().id;
      const runA = await runQuiz(ea, 'graine', knows);
      const runB = await runQuiz(eb, 'graine', knows);
      expect(new Set(runA.asked).size).toBe(runA.asked.length);
      expect(runA.asked.length).toBeLessThanOrEqual(20);
      expect(runA.state.result.placementModuleNumber).toBe(2);
      expect(runB.asked).toEqual(runA.asked);
      expect(runB.state.result.placementModuleId).toBe(runA.state.result.placementModuleId);
      const progress = (await admin('GET', `/api/v1/enrolments/${ea}/progress`)).json();
      expect(progress.enrolment.startModuleId).toBe(runA.state.result.placementModuleId);
      expect(progress.modules[0].state).toBe('valide_au_depart');
      // A finished quiz takes no more answers.
      const session = await t.db.kysely.selectFrom('quizSessions').selectAll().where('enrolmentId', '=', ea).executeTakeFirstOrThrow();
      const before = await count('quizAnswers');
      const late = await admin('POST', `/api/v1/quiz-sessions/${session.id}/answers`, { questionId: session.currentQuestionId ?? '01900000-0000-7000-8000-000000000000', choiceId: null });
      expect(late.statusCode).toBe(409);
      expect(late.json().message).toMatch(/terminé/);
      expect(await count('quizAnswers')).toBe(before);
    });

    it('shows the learner, on their progress page, the skills the quiz just validated', async () => {
      const learner = await person('Paulette', 'Positionnee');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: learner })).json().id;
      await runQuiz(enrolmentId, 'deux-savoir-faire', (code) => code === '@allumer1' || code === '@allumer2');
      const validated = await t.db.kysely
        .selectFrom('evaluationResults')
        .innerJoin('evaluations', 'evaluations.id', 'evaluationResults.evaluationId')
        .innerJoin('frameworkSkills', 'frameworkSkills.id', 'evaluationResults.skillId')
        .select(['frameworkSkills.statement'])
        .where('evaluations.enrolmentId', '=', enrolmentId)
        .where('evaluations.kind', '=', 'positioning_quiz')
        .where('evaluationResults.status', '=', 'acquis')
        .execute();
      expect(validated.length).toBeGreaterThanOrEqual(2);
      await facilitatorC.post(`/parcours/inscriptions/${enrolmentId}/liens`, {});
      const staffPage = await facilitatorC.get(`/parcours/inscriptions/${enrolmentId}`);
      const url = /href="http:\/\/lieudit\.test(\/progression\/[^"]+)"/.exec(staffPage.body)![1]!;
      const own = await new Client(t.app).get(url);
      expect(own.statusCode).toBe(200);
      expect(own.body).not.toContain('Rien encore');
      expect(own.body).toContain('Ce que vous saviez déjà faire');
      for (const { statement } of validated) expect(own.body).toContain(statement);
    });

    it('hands the tablet over in a kiosk that opens only the quiz, and gives it back for the facilitator’s password', async () => {
      const learner = await person('Renée', 'Kiosque');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: learner })).json().id;
      const staff = await signIn(t.app, centreA, 'facilitator');
      const staffSid = staff.cookies.get('lieudit_sid')!;
      expect((await staff.get('/personnes')).statusCode).toBe(200);
      const start = await staff.post(`/parcours/inscriptions/${enrolmentId}/questionnaire`, {});
      const staffPage = await staff.get(start.headers.location!);
      const action = /<form method="post" action="(\/parcours\/questionnaires\/[^"]+\/tablette)"/.exec(staffPage.body)![1]!;
      const handOver = await staff.post(action, {});
      expect(handOver.statusCode).toBe(303);
      expect(handOver.headers.location).toBe('/kiosque/questionnaire');
      const tablet = staff;
      expect(tablet.cookies.has('lieudit_sid')).toBe(false);

      // The quiz page has no staff menu, no login link, no file one tap away.
      let page = await tablet.get('/kiosque/questionnaire');
      expect(page.statusCode).toBe(200);
      expect(titleOf(page.body)).toMatch(/^Question 1/);
      for (const link of ['/personnes', '/parcours"', '/tableau-de-bord', '/connexion', '/deconnexion']) expect(page.body).not.toContain(link);
      // Every other route refuses the kiosk, pages and API alike.
      for (const url of ['/personnes', '/parcours', `/parcours/inscriptions/${enrolmentId}`, '/tableau-de-bord', '/connexion', `/questionnaire/x`]) {
        const refused = await tablet.get(url);
        expect(refused.statusCode, url).toBe(403);
        expect(refused.body).toContain('réservée au questionnaire');
        expect(refused.body).toContain('href="/kiosque/questionnaire"');
      }
      expect((await tablet.api('GET', '/api/v1/pathways')).statusCode).toBe(403);
      // The staff session is over, even replayed by hand.
      const replay = await t.app.inject({ url: '/personnes', headers: { cookie: `lieudit_sid=${staffSid}` } });
      expect(replay.statusCode).toBe(303);
      expect(replay.headers.location).toMatch(/^\/connexion/);
      const replayWithKiosk = await t.app.inject({ url: '/personnes', headers: { cookie: `lieudit_sid=${staffSid}; lieudit_kiosk=${tablet.cookies.get('lieudit_kiosk')}` } });
      expect(replayWithKiosk.statusCode).toBe(403);

      for (;;) {
        const qid = /name="question" value="([^"]+)"/.exec(page.body)?.[1];
        if (!qid) break;
        expect((await tablet.post('/kiosque/questionnaire', { question: qid, jeNeSaisPas: '1' })).statusCode).toBe(303);
        page = await tablet.get('/kiosque/questionnaire');
      }
      // The end screen: the learner's result, and the facilitator's password to leave.
      expect(page.body).toContain('Merci, c’est terminé');
      expect(page.body).toContain('module 1');
      expect(page.body).toContain('Rendre la tablette');
      expect(page.body).toMatch(/<input id="champ-motDePasse" name="motDePasse" type="password"/);
      const wrong = await tablet.post('/kiosque/rendre', { motDePasse: 'pas-le-bon-mot-de-passe' });
      expect(wrong.statusCode).toBe(422);
      expect(titleOf(wrong.body)).toMatch(/^Erreur : /);
      expect(wrong.body).toContain('href="#champ-motDePasse"');
      expect(wrong.body).toContain('Mot de passe incorrect');
      expect((await tablet.get('/personnes')).statusCode).toBe(403);
      expect((await tablet.post('/kiosque/rendre', { motDePasse: '' })).statusCode).toBe(422);

      const back = await tablet.post('/kiosque/rendre', { motDePasse: TEST_PASSWORD });
      expect(back.statusCode).toBe(303);
      expect(back.headers.location).toBe(`/parcours/inscriptions/${enrolmentId}`);
      expect(tablet.cookies.has('lieudit_kiosk')).toBe(false);
      expect((await tablet.get('/personnes')).statusCode).toBe(200);
      expect((await tablet.get('/kiosque/questionnaire')).statusCode).toBe(403);
    });

    it('locks the hand-back for the facilitator’s account after 5 wrong passwords, from any address, until the window passes', async () => {
      const learner = await person('Armelle', 'Verrou');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: learner })).json().id;
      const staff = await signIn(t.app, centreA, 'facilitator');
      const start = await staff.post(`/parcours/inscriptions/${enrolmentId}/questionnaire`, {});
      const staffPage = await staff.get(start.headers.location!);
      const action = /<form method="post" action="(\/parcours\/questionnaires\/[^"]+\/tablette)"/.exec(staffPage.body)![1]!;
      expect((await staff.post(action, {})).headers.location).toBe('/kiosque/questionnaire');
      await staff.get('/kiosque/questionnaire');
      /** The same tablet seen from another address (a forged X-Forwarded-For is not trusted either). */
      const fromAddress = (n: number): Client => {
        const c = new Client(t.app, { remoteAddress: `198.51.100.${n}` });
        c.cookies = new Map(staff.cookies);
        c.csrf = staff.csrf;
        return c;
      };
      for (let attempt = 1; attempt <= 5; attempt++) {
        const wrong = await fromAddress(attempt).post('/kiosque/rendre', { motDePasse: `devinette ${attempt}` }, { headers: { 'x-forwarded-for': `203.0.113.${attempt}` } });
        expect(wrong.statusCode, `attempt ${attempt}`).toBe(422);
      }
      const owner = fromAddress(50);
      const blocked = await owner.post('/kiosque/rendre', { motDePasse: TEST_PASSWORD });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.body).toContain('Patientez une minute');
      expect(owner.cookies.has('lieudit_sid')).toBe(false);
      expect((await owner.get('/personnes')).statusCode).toBe(403);
      // Still refused a minute before the 15-minute window ends, accepted after it.
      t.clock.advance(14 * 60_000);
      expect((await fromAddress(51).post('/kiosque/rendre', { motDePasse: TEST_PASSWORD })).statusCode).toBe(429);
      t.clock.advance(2 * 60_000);
      const back = await fromAddress(52).post('/kiosque/rendre', { motDePasse: TEST_PASSWORD });
      expect(back.statusCode).toBe(303);
      expect(back.headers.location).toMatch(/^\/parcours\//);
    });

    it('asks a facilitator with two-step sign-in for their code before giving the session back', async () => {
      const learner = await person('Hugo', 'Deuxétapes');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: learner })).json().id;
      const staff = await signIn(t.app, centreA, 'facilitator');
      const user = await t.app.ctx.auth.findUser(centreA, staff.userId);
      const { secret } = await t.app.ctx.twoStep.enrolment(user, 'Lieudit');
      await t.app.ctx.twoStep.confirmEnrolment(user, codeAt(secret, t.clock.now()));
      const start = await staff.post(`/parcours/inscriptions/${enrolmentId}/questionnaire`, {});
      const staffPage = await staff.get(start.headers.location!);
      const action = /<form method="post" action="(\/parcours\/questionnaires\/[^"]+\/tablette)"/.exec(staffPage.body)![1]!;
      expect((await staff.post(action, {})).headers.location).toBe('/kiosque/questionnaire');
      await staff.get('/kiosque/questionnaire');

      const back = await staff.post('/kiosque/rendre', { motDePasse: TEST_PASSWORD });
      expect(back.statusCode).toBe(303);
      expect(back.headers.location).toMatch(/^\/connexion\/code\?retour=%2Fparcours%2F/);
      expect(staff.cookies.has('lieudit_kiosk')).toBe(false);
      expect(staff.cookies.has('lieudit_sid')).toBe(false);
      t.clock.advance(2 * 60_000);
      const signedIn = await staff.post(back.headers.location!, { code: codeAt(secret, t.clock.now()) });
      expect(signedIn.statusCode).toBe(303);
      expect(signedIn.headers.location).toMatch(/^\/parcours\//);
      expect((await staff.get('/personnes')).statusCode).toBe(200);
    });

    it('lets someone else end a finished kiosk only towards the login page', async () => {
      const learner = await person('Gaston', 'Kiosque');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: learner })).json().id;
      const staff = await signIn(t.app, centreA, 'coordinator');
      const start = await staff.post(`/parcours/inscriptions/${enrolmentId}/questionnaire`, {});
      await staff.post(`${start.headers.location!}/tablette`, {});
      const quit = await staff.post('/kiosque/quitter', {});
      expect(quit.statusCode).toBe(303);
      expect(quit.headers.location).toBe('/connexion');
      const login = await staff.get('/connexion');
      expect(login.statusCode).toBe(200);
      expect(login.body).toContain('name="password"');
      expect((await staff.get('/personnes')).statusCode).toBe(303);
    });

    it('works without JavaScript on a tablet: one question per page, "je ne sais pas", no answer in the source', async () => {
      const learner = await person('Simone', 'Tablette');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: learner })).json().id;
      const staff = facilitatorC;
      const start = await staff.post(`/parcours/inscriptions/${enrolmentId}/questionnaire`, {});
      expect(start.statusCode).toBe(303);
      const staffPage = await staff.get(start.headers.location!);
      // The QR code's address: the learner's own phone, no kiosk.
      const path = /class="link-url">http:\/\/lieudit\.test(\/questionnaire\/[^<]+)</.exec(staffPage.body)![1]!;
      const tablet = new Client(t.app);
      let page = await tablet.get(path);
      expect(page.statusCode).toBe(200);
      expect(titleOf(page.body)).toMatch(/^Question 1/);
      expect(page.body).toContain('Je ne sais pas');
      expect(page.body).not.toMatch(/<script/);
      // Nothing in the page tells the right answer apart: no real choice id, no "correct".
      const session = await t.db.kysely.selectFrom('quizSessions').selectAll().where('enrolmentId', '=', enrolmentId).executeTakeFirstOrThrow();
      const choices = await t.db.kysely.selectFrom('quizChoices').selectAll().where('questionId', '=', session.currentQuestionId!).execute();
      for (const c of choices) expect(page.body).not.toContain(c.id);
      expect(page.body.toLowerCase()).not.toMatch(/correct/);
      // Choice inputs carry nothing but their opaque value.
      for (const input of page.body.match(/<input[^>]*name="choix"[^>]*>/g) ?? []) expect(input).toMatch(/^<input id="champ-choix-\d" type="radio" name="choix" value="[\w-]{22}"\/?>$/);
      // No answer chosen: the GOV.UK error pattern.
      const empty = await tablet.post(path, { question: session.currentQuestionId! });
      expect(empty.statusCode).toBe(422);
      expect(titleOf(empty.body)).toMatch(/^Erreur : /);
      expect(empty.body).toContain('href="#champ-choix"');
      let answered = 0;
      for (;;) {
        const qid = /name="question" value="([^"]+)"/.exec(page.body)?.[1];
        if (!qid) break;
        const r = await tablet.post(path, { question: qid, jeNeSaisPas: '1' });
        expect(r.statusCode).toBe(303);
        // A double tap on the same question changes nothing and shows where the quiz is.
        const again = await tablet.post(path, { question: qid, jeNeSaisPas: '1' });
        expect(again.statusCode).toBe(303);
        answered++;
        page = await tablet.get(path);
      }
      expect(page.body).toContain('Merci, c’est terminé');
      expect(page.body).toContain('module 1');
      expect(await t.db.kysely.selectFrom('quizAnswers').select('id').where('sessionId', '=', session.id).execute()).toHaveLength(answered);
    });
  });

  describe('bad input and concurrency', () => {
    it('fuzzed pathways, framework imports and quiz answers get a 4xx and change nothing', async () => {
      const learner = await person('Rose', 'Fuzz');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: learner })).json().id;
      const session = (await admin('POST', '/api/v1/quiz-sessions', { enrolmentId })).json();
      const before = [await count('pathways'), await count('frameworkSkills'), await count('quizAnswers'), await count('enrolments')];
      const anything = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
      await fc.assert(
        fc.asyncProperty(
          fc.record({ title: anything, audience: anything, modules: fc.oneof(anything, fc.array(fc.record({ title: anything, level: anything, suggestedSessions: anything, skillIds: anything }), { maxLength: 2 })) }, { requiredKeys: [] }),
          fc.record({ format: fc.oneof(fc.constant('lieudit-referentiel'), fc.string()), version: fc.oneof(fc.constant(1), fc.integer()), domains: anything, competences: anything, subjects: anything, skills: anything }, { requiredKeys: [] }),
          fc.record({ questionId: fc.oneof(fc.constant(session.question.id), fc.uuid(), fc.string()), choiceId: fc.oneof(fc.string({ minLength: 1 }), fc.integer()) }, { requiredKeys: [] }),
          async (pathwayBody, frameworkBody, answerBody) => {
            for (const [url, body] of [
              ['/api/v1/pathways', pathwayBody],
              ['/api/v1/framework', frameworkBody],
              [`/api/v1/quiz-sessions/${session.sessionId}/answers`, answerBody],
              [`/api/v1/pathways/${ids.tablette}/enrolments`, { personId: pathwayBody.title }],
            ] as const) {
              const r = await admin('POST', url, body);
              expect(r.statusCode, `${url} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
              expect(r.statusCode).toBeLessThan(500);
              expect(typeof r.json().message).toBe('string');
            }
          },
        ),
        { numRuns: 40 },
      );
      expect([await count('pathways'), await count('frameworkSkills'), await count('quizAnswers'), await count('enrolments')]).toEqual(before);
    });

    it('fuzzed page forms re-render with errors or refuse, never a 500, and change nothing', async () => {
      const learner = await person('Formulaire', 'Fuzz');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.robotique}/enrolments`, { personId: learner })).json().id;
      const p = await pathway(ids.robotique);
      const before = [await count('pathways'), await count('evaluations'), await count('frameworkSkills'), await count('enrolments')];
      const text = fc.oneof(fc.string(), fc.constant(''), fc.string({ minLength: 301, maxLength: 400 }));
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom('title', 'audience', 'moduleTitle', 'moduleLevel', 'moduleSessions', 'skillIds', 'statement', 'difficulty', 'subjectId', 'prompt', 'choice1', 'correct', 'fichier', 'personId', `status_${p.modules[0]!.skills[0]!.id}`), text, { maxKeys: 6 }), async (form) => {
          for (const [client, url] of [
            [coordinatorC, '/parcours/nouveau'],
            [coordinatorC, `/parcours/${ids.robotique}/modifier`],
            [coordinatorC, `/parcours/${ids.robotique}/modules/nouveau`],
            [adminC, '/referentiel/savoir-faire/nouveau'],
            [adminC, '/referentiel/import'],
            [facilitatorC, '/parcours/questions/nouvelle'],
            [facilitatorC, `/parcours/${ids.robotique}/inscrire`],
            [facilitatorC, `/parcours/inscriptions/${enrolmentId}/evaluation?module=${p.modules[1]!.id}`],
          ] as const) {
            const r = await client.post(url, form);
            expect(r.statusCode, `${url} ${JSON.stringify(form)}`).not.toBe(500);
            if (r.statusCode === 422) expect(titleOf(r.body)).toMatch(/^Erreur : /);
            else expect([303, 400, 404, 409]).toContain(r.statusCode);
          }
        }),
        { numRuns: 25 },
      );
      // A valid-looking title with everything else missing never creates a pathway.
      expect([await count('pathways'), await count('evaluations'), await count('frameworkSkills'), await count('enrolments')]).toEqual(before);
    });

    it('records one answer when the same question is answered several times at once', async () => {
      const learner = await person('Double', 'Tap');
      const enrolmentId = (await admin('POST', `/api/v1/pathways/${ids.tablette}/enrolments`, { personId: learner })).json().id;
      const session = (await admin('POST', '/api/v1/quiz-sessions', { enrolmentId })).json();
      const replies = await Promise.all(Array.from({ length: 6 }, () => admin('POST', `/api/v1/quiz-sessions/${session.sessionId}/answers`, { questionId: session.question.id, choiceId: null })));
      expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(replies.filter((r) => r.statusCode === 409)).toHaveLength(5);
      expect(await t.db.kysely.selectFrom('quizAnswers').select('id').where('sessionId', '=', session.sessionId).execute()).toHaveLength(1);
    });
  });

  // ------------------------------------------------------------ progress the learner sees

  describe('progress page, booklet and link', () => {
    it('shows the learner their progress and nothing about anyone else; a revoked or forged link opens nothing', async () => {
      const a = await person('Lucienne', 'Progres');
      const b = await person('Gérard', 'Voisin');
      const ea = (await admin('POST', `/api/v1/pathways/${ids.demarches}/enrolments`, { personId: a })).json().id;
      await admin('POST', `/api/v1/pathways/${ids.demarches}/enrolments`, { personId: b });
      const p = await pathway(ids.demarches);
      await admin('POST', `/api/v1/enrolments/${ea}/evaluations`, { moduleId: p.modules[0]!.id, comment: 'Note interne', results: [{ skillId: p.modules[0]!.skills[0]!.id, status: 'acquis' }] });
      const staff = facilitatorC;
      const enrolmentPage = await staff.get(`/parcours/inscriptions/${ea}`);
      expect(enrolmentPage.statusCode).toBe(200);
      await staff.post(`/parcours/inscriptions/${ea}/liens`, {});
      const page = await staff.get(`/parcours/inscriptions/${ea}`);
      const url = /href="http:\/\/lieudit\.test(\/progression\/[^"]+)"/.exec(page.body)![1]!;
      expect(page.body).toContain('data:image/png;base64');

      const learner = new Client(t.app);
      const own = await learner.get(url);
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('Bonjour Lucienne');
      expect(own.body).toContain('Je sais lire un e-mail reçu');
      expect(own.body).toContain('<svg');
      expect(own.body).toMatch(/<figcaption>.*acquis sur/s);
      expect(own.body).not.toContain('Gérard');
      expect(own.body).not.toContain('Note interne');
      expect(own.body).not.toMatch(/facilitator [a-z]/);
      // Self-assessment from the link.
      const skill = p.modules[0]!.skills[1]!.id;
      const self = await learner.post(`${url}/auto-evaluation`, { [`auto_${skill}`]: 'sait_faire' });
      expect(self.statusCode).toBe(303);
      const after = (await admin('GET', `/api/v1/enrolments/${ea}/progress`)).json();
      const state = after.modules[0].skills.find((s: { id: string }) => s.id === skill);
      expect(state).toMatchObject({ self: 'sait_faire', status: 'non_evalue' });
      // Booklet.
      const pdf = await learner.get(`${url}/livret.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      // Its words come from the catalogue: labels of the vocabulary, a plural chosen by number.
      const booklet = (await readPdf(pdf.rawPayload)).text.join(' ').replace(/\s+/g, ' ');
      expect(booklet).toContain('Livret de progression');
      expect(booklet).toMatch(/Module 1 : .+ (Découverte|Débutant|Intermédiaire|Avancé) · (En cours|À venir|Terminé|Déjà su au départ) · \d+ sur \d+/);
      expect(booklet).toMatch(/Module en cours : .+ \((1 séance conseillée|\d+ séances conseillées)\)\./);
      expect(booklet).not.toMatch(/pathways\.|\(s\)/);
      // Forged and revoked links.
      expect((await learner.get(`${url.slice(0, -3)}abc`)).statusCode).toBe(404);
      const linkId = (await t.db.kysely.selectFrom('progressLinks').select('id').where('enrolmentId', '=', ea).executeTakeFirstOrThrow()).id;
      expect((await staff.post(`/parcours/inscriptions/${ea}/liens/${linkId}/desactiver`, {})).statusCode).toBe(303);
      const revoked = await learner.get(url);
      expect(revoked.statusCode).toBe(404);
      expect(revoked.body).toContain('n’est plus valable');
    });
  });

  // ------------------------------------------------------------ required training

  describe('training required for a role', () => {
    it('keeps a volunteer out of persons’ files until the required training is complete', async () => {
      const volunteer = volunteerC;
      const user = await t.app.ctx.auth.findUser(centreA, volunteer.userId);
      const actor: Actor = { centerId: centreA, userId: user.id, role: 'volunteer', label: user.displayName, partnerCommuneInsee: null, via: 'session' };
      expect((await t.app.ctx.trainingGate.check(actor)).allowed).toBe(true);

      const adminClient = adminC;
      const required = await adminClient.post('/parcours/equipe/exigences', { role: 'volunteer', pathwayId: ids.accueil });
      expect(required.statusCode).toBe(303);
      const twice = await adminClient.post('/parcours/equipe/exigences', { role: 'volunteer', pathwayId: ids.accueil });
      expect(twice.statusCode).toBe(422);
      const gate = await t.app.ctx.trainingGate.check(actor);
      expect(gate).toEqual({ allowed: false, missing: [{ pathwayId: ids.accueil, title: 'Accueillir et accompagner' }] });
      await expect(t.app.ctx.trainingGate.assertAllowed(actor)).rejects.toMatchObject({ status: 403, code: 'training_required' });
      // Lifted, the requirement lets the volunteer in at once (the gate keeps no stale answer); set again, keeps them out.
      const [requirement] = await t.app.services.pathways.training.listRequirements(system);
      await t.app.services.pathways.training.unrequire(system, requirement!.id);
      expect(await t.app.ctx.trainingGate.check(actor)).toEqual({ allowed: true });
      expect((await adminClient.post('/parcours/equipe/exigences', { role: 'volunteer', pathwayId: ids.accueil })).statusCode).toBe(303);
      expect((await t.app.ctx.trainingGate.check(actor)).allowed).toBe(false);

      const mine = await volunteer.get('/mes-formations');
      expect(mine.body).toContain('Accueillir et accompagner');
      const enrolled = await volunteer.post(`/mes-formations/${ids.accueil}`, {});
      expect(enrolled.statusCode).toBe(303);
      const enrolmentId = enrolled.headers.location!.split('/').at(-1)!;
      expect((await volunteer.get(`/parcours/inscriptions/${enrolmentId}`)).statusCode).toBe(200);

      const p = await pathway(ids.accueil);
      for (const m of p.modules) await admin('POST', `/api/v1/enrolments/${enrolmentId}/evaluations`, { moduleId: m.id, results: m.skills.map((s) => ({ skillId: s.id, status: 'acquis' })) });
      expect(await t.app.ctx.trainingGate.check(actor)).toEqual({ allowed: true });
      const team = await adminClient.get('/parcours/equipe');
      expect(team.statusCode).toBe(200);
      expect(team.body).toContain(user.displayName);
      expect(team.body).toContain('Terminée');
      // Tokens are not people in training.
      expect((await t.app.ctx.trainingGate.check({ ...actor, via: 'token', userId: null })).allowed).toBe(true);
    });
  });

  // ------------------------------------------------------------ a person's data

  describe('person data', () => {
    it('exports, merges and erases a person’s pathway data', async () => {
      const keep = await person('Yvette', 'Fusion');
      const dup = await person('Yvette', 'Fusion-Doublon');
      const ek = (await admin('POST', `/api/v1/pathways/${ids.demarches}/enrolments`, { personId: keep })).json().id;
      const ed = (await admin('POST', `/api/v1/pathways/${ids.demarches}/enrolments`, { personId: dup })).json().id;
      const er = (await admin('POST', `/api/v1/pathways/${ids.robotique}/enrolments`, { personId: dup })).json().id;
      const p = await pathway(ids.demarches);
      await admin('POST', `/api/v1/enrolments/${ed}/evaluations`, { moduleId: p.modules[0]!.id, comment: 'Yvette habite rue des Lilas', results: [{ skillId: p.modules[0]!.skills[0]!.id, status: 'acquis' }] });

      await t.app.services.people.merge(system, keep, dup);
      const rows = await t.db.kysely.selectFrom('enrolments').select(['id', 'personId']).where('id', 'in', [ek, ed, er]).execute();
      expect(rows.map((r) => r.id).sort()).toEqual([ek, er].sort());
      expect(rows.every((r) => r.personId === keep)).toBe(true);
      expect(await t.db.kysely.selectFrom('evaluations').select('id').where('enrolmentId', '=', ek).execute()).toHaveLength(1);

      const exported = await t.app.services.people.exportData(system, keep);
      const mine = exported.modules.pathways as { pathway: string; evaluations: { comment: string | null }[] }[];
      expect(mine.map((e) => e.pathway).sort()).toEqual(['Code et robotique', 'Mes démarches en ligne']);
      expect(mine.flatMap((e) => e.evaluations.map((v) => v.comment))).toContain('Yvette habite rue des Lilas');

      const link = await t.app.services.pathways.enrolments.createLink(system, ek);
      await t.app.services.people.erase(system, keep);
      const comments = await t.db.kysely.selectFrom('evaluations').select('comment').where('enrolmentId', '=', ek).execute();
      expect(comments.every((c) => c.comment === null)).toBe(true);
      expect((await t.app.inject({ url: new URL(link.url).pathname })).statusCode).toBe(404);
      // Statistics stay.
      expect(await t.db.kysely.selectFrom('evaluationResults').innerJoin('evaluations', 'evaluations.id', 'evaluationResults.evaluationId').select('evaluationResults.id').where('evaluations.enrolmentId', '=', ek).execute()).toHaveLength(1);
    });
  });

  describe('pages and roles', () => {
    it('serves every staff page to the roles that may see it, and refuses the others', async () => {
      const coordinator = coordinatorC;
      for (const url of ['/parcours', `/parcours/${ids.tablette}`, '/referentiel', '/parcours/questions', '/parcours/equipe', '/mes-formations', `/parcours/${ids.tablette}/inscrire?q=Quiz`, '/parcours/questions/nouvelle']) {
        const r = await coordinator.get(url);
        expect(r.statusCode, url).toBe(200);
      }
      const volunteer = volunteerC;
      expect((await volunteer.get('/parcours')).statusCode).toBe(200);
      expect((await volunteer.get('/parcours/questions')).statusCode).toBe(403);
      expect((await volunteer.get(`/parcours/${ids.tablette}/inscrire`)).statusCode).toBe(403);
      const partner = partnerC;
      expect((await partner.get('/parcours')).statusCode).toBe(403);
      const other = otherAdminC;
      expect((await other.get(`/parcours/${ids.tablette}`)).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/api/openapi.json' })).json().paths).toHaveProperty(['/api/v1/quiz-sessions/{id}/answers']);
      const framework = await t.app.inject({ url: `/badges/referentiel/${centreA}` });
      expect(framework.statusCode).toBe(200);
      expect(framework.body).toContain('id="competence-3.4"');
      const issuer = (await t.app.inject({ url: `/badges/emetteurs/${centreA}` })).json();
      expect(issuer).toMatchObject({ type: ['Profile'], name: 'Centre social Les Tilleuls' });
      expect((await t.app.inject({ url: '/badges/emetteurs/pas-un-id' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/badges/01900000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    });
  });
});
