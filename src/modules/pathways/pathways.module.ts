import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import * as badgeRepo from './badge.repository.ts';
import { BadgeService } from './badge.service.ts';
import * as enrolmentRepo from './enrolment.repository.ts';
import { EnrolmentService } from './enrolment.service.ts';
import { centreEnrolmentsExport } from './list-exports.ts';
import { FrameworkService } from './framework.service.ts';
import * as pathwayRepo from './pathway.repository.ts';
import { PathwayService } from './pathway.service.ts';
import { registerPathwaysApi } from './pathways.api.ts';
import { registerPathwaysPages } from './pathways.routes.tsx';
import type { ActivitiesPort, PeoplePort } from './ports.ts';
import { registerPublicPages } from './public.routes.tsx';
import * as quizRepo from './quiz.repository.ts';
import { QuizService } from './quiz.service.ts';
import { TrainingService } from './training.service.ts';

/** What the pathways module offers to the app, the CLI (demo) and the modules after it. */
export interface PathwaysModule {
  framework: FrameworkService;
  pathways: PathwayService;
  enrolments: EnrolmentService;
  quiz: QuizService;
  badges: BadgeService;
  training: TrainingService;
}

interface ProgrammeLike {
  list(actor: Actor, options: { includeArchived?: boolean }): Promise<{ id: string; title: string; archivedAt?: string | null }[]>;
}

/**
 * The activities module's programme, seen through the small port pathways needs (titles of
 * the activities where a module is taught). Read as the system: titles are not personal data.
 */
function asActivitiesPort(value: unknown): ActivitiesPort | undefined {
  const candidate = value as Partial<ActivitiesPort> & { programme?: Partial<ProgrammeLike> } | undefined;
  if (typeof candidate?.listActivityChoices === 'function') return candidate as ActivitiesPort;
  const programme = candidate?.programme;
  if (typeof programme?.list !== 'function') return undefined;
  return {
    async listActivityChoices(centerId) {
      const activities = await (programme as ProgrammeLike).list(systemActor(centerId), { includeArchived: true });
      return activities.map((a) => ({ id: a.id, title: a.archivedAt ? `${a.title} (archivée)` : a.title }));
    },
  };
}

/**
 * The pathways module: competence framework, pathways of modules, enrolments, evaluation
 * times, the positioning quiz, the learner's progress and booklet, attestations and Open
 * Badges, trainings required per role. Registers its pages, its API, its share of a person's
 * data (export, merge, erasure) and the training gate the people module asks.
 */
export async function registerPathwaysModule(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { centre?: unknown; people: PeoplePort; activities?: unknown },
): Promise<PathwaysModule> {
  const framework = new FrameworkService(ctx);
  const pathways = new PathwayService(ctx, framework, asActivitiesPort(deps.activities));
  const badges = new BadgeService(ctx);
  const enrolments = new EnrolmentService(ctx, pathways, badges, deps.people);
  const quiz = new QuizService(ctx, framework, pathways, enrolments);
  const training = new TrainingService(ctx);
  const services: PathwaysModule = { framework, pathways, enrolments, quiz, badges, training };

  ctx.trainingGate.register((actor) => training.gate(actor));
  registerPersonData(ctx);
  ctx.exports.register(centreEnrolmentsExport(enrolments));

  const css = readFileSync(new URL('./views/pathways.css', import.meta.url), 'utf8');
  app.get('/static/pathways.css', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(css),
  );

  registerPathwaysPages(app, ctx, services);
  registerPublicPages(app, ctx, services);
  registerPathwaysApi(app, services);
  return services;
}

/** A person's enrolments, evaluations and quiz answers: exported, merged, erased with them. */
function registerPersonData(ctx: AppContext): void {
  ctx.personData.register({
    name: 'pathways',
    async export(db, centerId, personId) {
      const rows = await enrolmentRepo.listEnrolmentsOfPerson(db, centerId, personId);
      const out = [];
      for (const e of rows) {
        const pathway = await pathwayRepo.findPathway(db, centerId, e.pathwayId);
        const evaluations = await enrolmentRepo.listEvaluations(db, centerId, e.id);
        const sessions = await quizRepo.listSessionsOfEnrolment(db, centerId, e.id);
        const badges = await badgeRepo.listBadgesOfEnrolments(db, centerId, [e.id]);
        out.push({
          pathway: pathway?.title ?? null,
          enrolledAt: e.enrolledAt,
          status: e.status,
          completedAt: e.completedAt,
          evaluations: evaluations.map((ev) => ({ kind: ev.kind, recordedAt: ev.recordedAt, comment: ev.comment, results: ev.results })),
          quizzes: await Promise.all(
            sessions.map(async (s) => ({ startedAt: s.startedAt, finishedAt: s.finishedAt, answers: (await quizRepo.listAnswers(db, centerId, s.id)).map((a) => ({ skillId: a.skillId, outcome: a.outcome, answeredAt: a.answeredAt })) })),
          ),
          badges: badges.map((b) => ({ id: b.id, title: b.title, issuedAt: b.issuedAt, credential: JSON.parse(b.credential) as unknown })),
        });
      }
      return out;
    },
    async merge(trx, centerId, keepId, duplicateId) {
      const kept = await enrolmentRepo.listEnrolmentsOfPerson(trx, centerId, keepId);
      const duplicates = await enrolmentRepo.listEnrolmentsOfPerson(trx, centerId, duplicateId);
      for (const dup of duplicates) {
        const same = kept.find((k) => k.pathwayId === dup.pathwayId);
        if (!same) {
          await enrolmentRepo.updateEnrolment(trx, centerId, dup.id, { personId: keepId });
          continue;
        }
        // Both followed the same pathway: one history, on the kept enrolment.
        await enrolmentRepo.moveEnrolmentHistory(trx, centerId, dup.id, same.id);
        await badgeRepo.moveBadges(trx, centerId, dup.id, same.id, ctx.clock.nowIso());
        if (!same.completedAt && dup.completedAt) await enrolmentRepo.updateEnrolment(trx, centerId, same.id, { completedAt: dup.completedAt });
        await enrolmentRepo.deleteEnrolment(trx, centerId, dup.id);
      }
    },
    async erase(trx, centerId, personId) {
      const ids = (await enrolmentRepo.listEnrolmentsOfPerson(trx, centerId, personId)).map((e) => e.id);
      await enrolmentRepo.clearEvaluationComments(trx, centerId, ids);
      await enrolmentRepo.revokeProgressLinks(trx, centerId, ids, ctx.clock.nowIso());
      await badgeRepo.hideNames(trx, centerId, ids);
    },
    activeSince: (db, centerId, since) => enrolmentRepo.personsActiveSince(db, centerId, since),
  });
  ctx.retention.register({ kind: 'notes', owner: 'pathways', purge: (db, centerId, cutoff) => enrolmentRepo.clearCommentsBefore(db, centerId, cutoff) });
}
