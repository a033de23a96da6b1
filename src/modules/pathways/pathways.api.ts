import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { EnrolmentView } from './enrolment.service.ts';
import type { PathwayDetail } from './pathway.service.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { enrolmentBody, enrolmentsQuery, evaluationBody, frameworkImportBody, idParams, pathwayBody, questionBody, quizAnswerBody, quizStartBody } from './pathways.schemas.ts';
import { ENROLMENT_STATES } from './pathways.vocab.ts';
import type { QuizState } from './quiz.service.ts';
import { actorOf } from '../../platform/http/access.ts';

const tags = ['Parcours'];

const skillJson = z.object({ id: z.string(), code: z.string(), statement: z.string(), difficulty: z.number(), competenceCode: z.string(), competenceTitle: z.string() });
const moduleJson = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  level: z.string(),
  suggestedSessions: z.number(),
  description: z.string().nullable(),
  skills: z.array(skillJson),
  activities: z.array(z.object({ id: z.string(), title: z.string() })),
});
const pathwayJson = z.object({
  id: z.string(),
  title: z.string(),
  audience: z.string(),
  description: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  modules: z.array(moduleJson),
});
const pathwaySummaryJson = z.object({ id: z.string(), title: z.string(), audience: z.string(), archivedAt: z.string().nullable(), moduleCount: z.number(), activeEnrolments: z.number() });
const enrolmentJson = z.object({
  id: z.string(),
  pathwayId: z.string(),
  personId: z.string().nullable(),
  userId: z.string().nullable(),
  startModuleId: z.string().nullable(),
  status: z.string(),
  source: z.string(),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
});
const enrolmentListItemJson = z.object({
  id: z.string(),
  pathwayId: z.string(),
  pathwayTitle: z.string(),
  learner: z.object({ kind: z.enum(['person', 'user']), id: z.string(), name: z.string().describe('Vide pour une personne effacée'), erased: z.boolean() }),
  state: z.enum(ENROLMENT_STATES),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
  currentModuleTitle: z.string().nullable(),
  skillsAcquired: z.number(),
  skillsTotal: z.number(),
  lastEvaluatedAt: z.string().nullable().describe('Dernier temps d’évaluation, de quelque sorte qu’il soit (UTC ISO-8601)'),
});
const skillStateJson = skillJson.extend({
  status: z.string(),
  autonomy: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  acquiredAt: z.string().nullable(),
  atStart: z.boolean(),
  self: z.string().nullable(),
});
const progressJson = z.object({
  enrolment: enrolmentJson,
  pathway: z.object({ id: z.string(), title: z.string() }),
  learner: z.object({ kind: z.enum(['person', 'user']), id: z.string(), name: z.string() }),
  startedAt: z.string(),
  complete: z.boolean(),
  completedAt: z.string().nullable(),
  currentModuleId: z.string().nullable(),
  modules: z.array(z.object({ id: z.string(), title: z.string(), level: z.string(), state: z.string(), acquired: z.number(), total: z.number(), completedAt: z.string().nullable(), skills: z.array(skillStateJson) })),
  competences: z.array(z.object({ code: z.string(), title: z.string(), total: z.number(), acquiredNow: z.number(), acquiredAtStart: z.number(), points: z.array(z.object({ at: z.string(), acquired: z.number() })) })),
  badges: z.array(z.object({ id: z.string(), title: z.string(), scope: z.string(), issuedAt: z.string(), url: z.string() })),
});
const quizStateJson = z.object({
  sessionId: z.string(),
  done: z.boolean(),
  question: z
    .object({ id: z.string(), number: z.number(), maxLength: z.number(), prompt: z.string(), picture: z.string().nullable(), pictureAlt: z.string().nullable(), choices: z.array(z.object({ id: z.string(), label: z.string() })) })
    .nullable(),
  result: z.object({ answered: z.number(), placementModuleId: z.string().nullable(), placementModuleNumber: z.number().nullable(), known: z.array(z.string()) }).nullable(),
});
const typeList = (first: string) => z.array(z.string()).describe(`Types JSON-LD, dont ${first}`);
// The signed OpenBadgeCredential (Open Badges 3.0 over the W3C Verifiable Credentials data
// model 2.0): the fields a verifier relies on are typed; JSON-LD allows more, so objects stay open.
const credentialJson = z
  .looseObject({
    '@context': z.array(z.string()).describe('Contextes VC 2.0 et Open Badges 3.0'),
    id: z.string().describe('URL du badge'),
    type: typeList('VerifiableCredential et OpenBadgeCredential'),
    name: z.string(),
    issuer: z.looseObject({ id: z.string(), type: typeList('Profile'), name: z.string(), url: z.string(), email: z.string().optional(), description: z.string().optional() }),
    validFrom: z.string().describe('Date de délivrance, UTC ISO-8601'),
    credentialSubject: z.looseObject({
      type: typeList('AchievementSubject'),
      identifier: z.array(z.looseObject({ type: z.string(), identityHash: z.string().describe('Nom de la personne haché (sha256, salé)'), identityType: z.string(), hashed: z.boolean(), salt: z.string() })),
      achievement: z.looseObject({
        id: z.string(),
        type: typeList('Achievement'),
        achievementType: z.string().describe('LearningProgram (parcours) ou Course (module)'),
        name: z.string(),
        description: z.string(),
        criteria: z.looseObject({ narrative: z.string() }),
      }),
      result: z.array(z.looseObject({ type: typeList('Result'), achievedLevel: z.string() })),
    }),
    proof: z.looseObject({
      type: z.string().describe('DataIntegrityProof'),
      cryptosuite: z.string().describe('eddsa-jcs-2022'),
      created: z.string(),
      verificationMethod: z.string(),
      proofPurpose: z.string(),
      proofValue: z.string(),
    }),
  })
  .meta({ id: 'OpenBadgeCredential', description: 'Badge Open Badges 3.0 signé (preuve Data Integrity eddsa-jcs-2022)' });

function pathwayOut(p: PathwayDetail) {
  return {
    id: p.id, title: p.title, audience: p.audience, description: p.description, archivedAt: p.archivedAt, createdAt: p.createdAt,
    modules: p.modules.map((m) => ({
      id: m.id, position: m.position, title: m.title, level: m.level, suggestedSessions: m.suggestedSessions, description: m.description, activities: m.activities,
      skills: m.skills.map((s) => ({ id: s.id, code: s.code, statement: s.statement, difficulty: s.difficulty, competenceCode: s.competenceCode, competenceTitle: s.competenceTitle })),
    })),
  };
}

function enrolmentOut(e: EnrolmentView['enrolment']) {
  return { id: e.id, pathwayId: e.pathwayId, personId: e.personId, userId: e.userId, startModuleId: e.startModuleId, status: e.status, source: e.source, enrolledAt: e.enrolledAt, completedAt: e.completedAt };
}

function quizOut(sessionId: string, state: QuizState) {
  return state.done
    ? { sessionId, done: true, question: null, result: { answered: state.result.answered, placementModuleId: state.result.placement?.moduleId ?? null, placementModuleNumber: state.result.placement?.number ?? null, known: state.result.known } }
    : {
        sessionId, done: false, result: null,
        question: { id: state.question.questionId, number: state.question.number, maxLength: state.question.maxLength, prompt: state.question.prompt, picture: state.question.picture, pictureAlt: state.question.pictureAlt, choices: state.question.choices },
      };
}

/**
 * The JSON API of pathways, over the same services as the pages (same permissions: reading
 * needs pathways.read, building pathways.manage, enrolling pathways.enrol, evaluating
 * pathways.evaluate, the framework import framework.manage). Another centre's ids answer 404.
 */
export function registerPathwaysApi(app: FastifyInstance, s: PathwaysModule): void {
  registerFrameworkApi(app, s);
  registerPathwayApi(app, s);
  registerEnrolmentApi(app, s);
  registerQuizApi(app, s);
}

/** The framework: export and import. */
function registerFrameworkApi(app: FastifyInstance, s: PathwaysModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/framework', { config: { permission: 'pathways.read' }, schema: { operationId: 'exportFramework', tags, summary: 'Exporter le référentiel de compétences du centre (JSON réimportable)', response: { 200: frameworkImportBody } } }, async (request) =>
    s.framework.exportDocument(actorOf(request)),
  );

  api.post(
    '/api/v1/framework',
    {
    config: { permission: 'framework.manage' },
      schema: {
        operationId: 'importFramework',
        tags,
        summary: 'Importer un référentiel : les codes connus sont mis à jour, les nouveaux ajoutés, les savoir-faire absents retirés ; un fichier en erreur ne change rien',
        body: z.unknown(),
        response: { 200: z.object({ created: z.number(), updated: z.number(), retired: z.number() }) },
      },
    },
    async (request) => s.framework.importDocument(actorOf(request), request.body),
  );
}

/** Pathways: list, create, read, and enrol someone. */
function registerPathwayApi(app: FastifyInstance, s: PathwaysModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/pathways', { config: { permission: 'pathways.read' }, schema: { operationId: 'listPathways', tags, summary: 'Les parcours du centre (sans les archivés)', response: { 200: z.object({ items: z.array(pathwaySummaryJson) }) } } }, async (request) => ({
    items: (await s.pathways.list(actorOf(request))).map((p) => ({ id: p.id, title: p.title, audience: p.audience, archivedAt: p.archivedAt, moduleCount: p.moduleCount, activeEnrolments: p.activeEnrolments })),
  }));

  api.get(
    '/api/v1/pathways/enrolments',
    {
      config: { permission: 'pathways.enrol' },
      schema: {
        operationId: 'listEnrolments',
        tags,
        summary: 'Les inscriptions à tous les parcours du centre, les plus récentes d’abord (filtres : pathwayId, state, q ; pages : limit, offset)',
        description: 'Les mêmes lignes que la page « Inscriptions aux parcours » (/parcours/inscriptions). `total` compte toutes les inscriptions qui correspondent aux filtres. Ni lien de progression ni coordonnées.',
        querystring: enrolmentsQuery,
        response: { 200: z.object({ items: z.array(enrolmentListItemJson), total: z.number(), limit: z.number(), offset: z.number() }) },
      },
    },
    async (request) => {
      const { pathwayId, state, q, limit, offset } = request.query;
      const page = await s.enrolments.listForCentre(actorOf(request), { pathwayId, state, q }, { limit, offset });
      return {
        total: page.total, limit: page.limit, offset: page.offset,
        items: page.items.map((item) => ({
          id: item.enrolment.id, pathwayId: item.enrolment.pathwayId, pathwayTitle: item.pathwayTitle,
          learner: { kind: item.learner.kind, id: item.learner.id, name: item.learner.name, erased: item.learner.erased },
          state: item.state, enrolledAt: item.enrolment.enrolledAt, completedAt: item.enrolment.completedAt, currentModuleTitle: item.currentModuleTitle,
          skillsAcquired: item.acquired, skillsTotal: item.total, lastEvaluatedAt: item.lastEvaluatedAt,
        })),
      };
    },
  );

  api.post('/api/v1/pathways', { config: { permission: 'pathways.manage' }, schema: { operationId: 'createPathway', tags, summary: 'Créer un parcours avec ses modules (au moins un)', body: pathwayBody, response: { 201: pathwayJson } } }, async (request, reply) =>
    reply.code(201).send(pathwayOut(await s.pathways.create(actorOf(request), request.body))),
  );

  api.get('/api/v1/pathways/:id', { config: { permission: 'pathways.read' }, schema: { operationId: 'getPathway', tags, summary: 'Un parcours, ses modules et leurs savoir-faire', params: idParams, response: { 200: pathwayJson } } }, async (request) =>
    pathwayOut(await s.pathways.get(actorOf(request), request.params.id)),
  );

  api.post(
    '/api/v1/pathways/:id/enrolments',
    { config: { access: 'staff', serviceChecks: 'pathways.enrol' }, schema: { operationId: 'enrolInPathway', tags, summary: 'Inscrire une personne (personId) ou un membre de l’équipe (userId) à un parcours', params: idParams, body: enrolmentBody, response: { 201: enrolmentJson } } },
    async (request, reply) => reply.code(201).send(enrolmentOut(await s.enrolments.enrol(actorOf(request), request.params.id, request.body))),
  );
}

/** An enrolment's evaluations and progress. */
function registerEnrolmentApi(app: FastifyInstance, s: PathwaysModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/enrolments/:id/evaluations',
    {
    config: { permission: 'pathways.evaluate' },
      schema: {
        operationId: 'recordEvaluation',
        tags,
        summary: 'Enregistrer un temps d’évaluation (les évaluations ne se modifient pas : une correction est une nouvelle évaluation)',
        params: idParams,
        body: evaluationBody,
        response: { 201: z.object({ evaluationId: z.string(), badgesIssued: z.array(z.object({ id: z.string(), title: z.string() })) }) },
      },
    },
    async (request, reply) => {
      const { evaluationId, issued } = await s.enrolments.recordEvaluation(actorOf(request), request.params.id, request.body);
      return reply.code(201).send({ evaluationId, badgesIssued: issued.map((b) => ({ id: b.id, title: b.title })) });
    },
  );

  api.get('/api/v1/enrolments/:id/progress', { config: { access: 'staff', serviceChecks: 'pathways.enrol' }, schema: { operationId: 'getProgress', tags, summary: 'La progression d’une personne, calculée depuis l’historique des évaluations', params: idParams, response: { 200: progressJson } } }, async (request) => {
    const view = await s.enrolments.progress(actorOf(request), request.params.id);
    const p = view.progress;
    return {
      enrolment: enrolmentOut(view.enrolment),
      pathway: { id: view.pathway.id, title: view.pathway.title },
      learner: { kind: view.learner.kind, id: view.learner.id, name: view.learner.name },
      startedAt: p.startedAt,
      complete: p.complete,
      completedAt: p.completedAt,
      currentModuleId: p.currentModuleId,
      modules: p.modules.map((m) => ({
        id: m.id, title: m.title, level: m.level, state: m.state, acquired: m.acquired, total: m.total, completedAt: m.completedAt,
        skills: m.skillStates.map((k) => ({ id: k.id, code: k.code, statement: k.statement, difficulty: k.difficulty, competenceCode: k.competenceCode, competenceTitle: k.competenceTitle, status: k.status, autonomy: k.autonomy, evaluatedAt: k.evaluatedAt, acquiredAt: k.acquiredAt, atStart: k.atStart, self: k.self })),
      })),
      competences: p.series.map((c) => ({ code: c.code, title: c.title, total: c.total, acquiredNow: c.acquiredNow, acquiredAtStart: c.acquiredAtStart, points: c.points })),
      badges: view.badges.map((b) => ({ id: b.id, title: b.title, scope: b.scope, issuedAt: b.issuedAt, url: s.badges.badgeUrl(b.id) })),
    };
  });
}

/** The positioning quiz, its question bank and the badges it leads to. */
function registerQuizApi(app: FastifyInstance, s: PathwaysModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/v1/quiz-sessions', { config: { permission: 'pathways.enrol' }, schema: { operationId: 'startQuiz', tags, summary: 'Lancer un questionnaire de positionnement pour une inscription ; répond la première question', body: quizStartBody, response: { 201: quizStateJson } } }, async (request, reply) => {
    const { sessionId, state } = await s.quiz.start(actorOf(request), request.body.enrolmentId, { maxLength: request.body.maxLength, seed: request.body.seed });
    return reply.code(201).send(quizOut(sessionId, state));
  });

  api.get('/api/v1/quiz-sessions/:id', { config: { permission: 'pathways.enrol' }, schema: { operationId: 'getQuizSession', tags, summary: 'Où en est un questionnaire : la question à poser ou le résultat', params: idParams, response: { 200: quizStateJson } } }, async (request) => {
    const actor = actorOf(request);
    const session = await s.quiz.sessionForActor(actor, request.params.id);
    return quizOut(session.id, await s.quiz.state(actor.centerId, session.id));
  });

  api.post(
    '/api/v1/quiz-sessions/:id/answers',
    {
    config: { permission: 'pathways.enrol' },
      schema: {
        operationId: 'answerQuiz',
        tags,
        summary: 'Répondre à la question en cours (choiceId null = « je ne sais pas ») ; répond la question suivante ou le résultat',
        params: idParams,
        body: quizAnswerBody,
        response: { 200: quizStateJson },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const session = await s.quiz.sessionForActor(actor, request.params.id);
      return quizOut(session.id, await s.quiz.answer(actor.centerId, session.id, request.body));
    },
  );

  api.post('/api/v1/questions', { config: { permission: 'pathways.questions' }, schema: { operationId: 'createQuestion', tags, summary: 'Ajouter une question à la banque (une seule bonne réponse)', body: questionBody, response: { 201: z.object({ id: z.string() }) } } }, async (request, reply) =>
    reply.code(201).send({ id: await s.quiz.createQuestion(actorOf(request), request.body) }),
  );

  api.get('/api/v1/badges/:id', { config: { permission: 'pathways.enrol' }, schema: { operationId: 'getBadge', tags, summary: 'Le badge Open Badges 3.0 (OpenBadgeCredential signé, JSON)', params: idParams, response: { 200: credentialJson } } }, async (request) =>
    // Built by open-badges.ts; the response schema checks its shape on the way out.
    (await s.badges.credential(actorOf(request), request.params.id)) as z.output<typeof credentialJson>,
  );
}
