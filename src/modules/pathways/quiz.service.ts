/**
 * The positioning quiz and its question bank. Rules owned here (the choice of questions is
 * the pure engine's, quiz-engine.ts):
 * - a question tests one active skill and has 2 to 6 choices, exactly one of them right;
 * - a session belongs to an enrolment and covers the skills of that pathway; it never asks a
 *   skill twice (the engine, and a unique index), and only the question it proposed may be
 *   answered, once (a conditional update makes a double tap harmless);
 * - the right answer never reaches the page: choices carry opaque ids derived per session, in
 *   an order shuffled per session, and correctness is decided here, after the answer;
 * - "je ne sais pas" is always possible and counts as not knowing;
 * - at the end, the skills the quiz settled are recorded as a positioning evaluation and the
 *   learner's starting module is set; a finished quiz takes no more answers;
 * - a learner can take the quiz alone on a tablet through a signed link, without an account.
 */
import { isUniqueViolation } from '../../db/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { hmac, randomToken, signLink, verifyLink } from '../../platform/crypto.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { SkillInContext } from './framework.repository.ts';
import type { FrameworkService } from './framework.service.ts';
import * as enrolments from './enrolment.repository.ts';
import type { EnrolmentService } from './enrolment.service.ts';
import type { PathwayDetail, PathwayService } from './pathway.service.ts';
import type { QuestionInput } from './pathways.schemas.ts';
import { DEFAULT_MAX_LENGTH, nextStep, placeInModules, seededRandom, SkillIndex, type EngineAnswer, type Outcome } from './quiz-engine.ts';
import * as repo from './quiz.repository.ts';

export interface QuestionView {
  sessionId: string;
  /** 1-based. */
  number: number;
  maxLength: number;
  questionId: string;
  prompt: string;
  picture: string | null;
  pictureAlt: string | null;
  choices: { id: string; label: string }[];
}

export interface QuizResult {
  sessionId: string;
  enrolmentId: string;
  finishedAt: string;
  answered: number;
  placement: { moduleId: string; title: string; number: number } | null;
  known: string[];
}

export type QuizState = { done: false; question: QuestionView } | { done: true; result: QuizResult };

export interface BankQuestion extends repo.QuestionRow {
  skill: SkillInContext | undefined;
  choices: repo.ChoiceRow[];
}

const TOKEN_PURPOSE = 'questionnaire';
const TOKEN_VALID_DAYS = 7;

export class QuizService {
  constructor(
    private readonly ctx: AppContext,
    private readonly framework: FrameworkService,
    private readonly pathways: PathwayService,
    private readonly enrolmentService: EnrolmentService,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  // ---------------------------------------------------------------- the question bank

  async listBank(actor: Actor, options: { includeRetired?: boolean } = {}): Promise<BankQuestion[]> {
    requirePermission(actor, 'pathways.questions');
    const questions = await repo.listQuestions(this.db, actor.centerId, { includeRetired: options.includeRetired });
    const choices = await repo.listChoices(this.db, actor.centerId, questions.map((q) => q.id));
    const skills = new Map((await this.framework.skillsByIds(actor.centerId, [...new Set(questions.map((q) => q.skillId))])).map((s) => [s.id, s]));
    return questions.map((q) => ({ ...q, skill: skills.get(q.skillId), choices: choices.filter((c) => c.questionId === q.id) }));
  }

  async getQuestion(actor: Actor, id: string): Promise<BankQuestion> {
    requirePermission(actor, 'pathways.questions');
    const question = isUuid(id) ? await repo.findQuestion(this.db, actor.centerId, id) : undefined;
    if (!question) throw notFound();
    const [skill] = await this.framework.skillsByIds(actor.centerId, [question.skillId]);
    return { ...question, skill, choices: await repo.listChoices(this.db, actor.centerId, [id]) };
  }

  private async checkQuestion(centerId: string, input: QuestionInput): Promise<void> {
    const errors: Record<string, string> = {};
    const [skill] = await this.framework.skillsByIds(centerId, [input.skillId]);
    if (!skill || skill.retiredAt) errors.skillId = 'pathways.question.skillUnknown';
    if (input.choices.filter((c) => c.correct).length !== 1) errors.choices = 'pathways.question.oneCorrect';
    const labels = input.choices.map((c) => c.label.toLocaleLowerCase('fr'));
    if (new Set(labels).size !== labels.length) errors.choices = 'pathways.question.sameChoice';
    if (input.picture && !input.pictureAlt) errors.pictureAlt = 'pathways.question.pictureAltRequired';
    if (Object.keys(errors).length > 0) throw invalid(errors);
  }

  async createQuestion(actor: Actor, input: QuestionInput): Promise<string> {
    requirePermission(actor, 'pathways.questions');
    await this.checkQuestion(actor.centerId, input);
    const id = newId();
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute((trx) =>
      repo.insertQuestion(
        trx,
        { id, centerId: actor.centerId, skillId: input.skillId, prompt: input.prompt, picture: input.picture ?? null, pictureAlt: input.picture ? (input.pictureAlt ?? null) : null, retiredAt: null, createdBy: actor.userId, createdAt: now, updatedAt: now },
        input.choices,
        newId,
      ),
    );
    return id;
  }

  async updateQuestion(actor: Actor, id: string, input: QuestionInput): Promise<void> {
    await this.getQuestion(actor, id);
    await this.checkQuestion(actor.centerId, input);
    await this.db.transaction().execute((trx) =>
      repo.updateQuestion(
        trx,
        actor.centerId,
        id,
        { skillId: input.skillId, prompt: input.prompt, picture: input.picture ?? null, pictureAlt: input.picture ? (input.pictureAlt ?? null) : null, updatedAt: this.ctx.clock.nowIso() },
        input.choices,
        newId,
      ),
    );
  }

  async setRetired(actor: Actor, id: string, retired: boolean): Promise<void> {
    const question = await this.getQuestion(actor, id);
    const now = this.ctx.clock.nowIso();
    await repo.updateQuestion(this.db, actor.centerId, id, { retiredAt: retired ? (question.retiredAt ?? now) : null, updatedAt: now });
  }

  // ---------------------------------------------------------------- sessions

  /** Starts a positioning quiz for an enrolment; 409 when no question covers the pathway. */
  async start(actor: Actor, enrolmentId: string, options: { maxLength?: number; seed?: string } = {}): Promise<{ sessionId: string; state: QuizState }> {
    requirePermission(actor, 'pathways.enrol');
    const enrolment = await this.enrolmentService.getForActor(actor, enrolmentId);
    if (enrolment.status !== 'active') throw conflict('pathways.enrolment.notActive');
    const bank = await this.bankFor(actor.centerId, enrolment.pathwayId);
    const seed = options.seed ?? randomToken(9);
    const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    const first = nextStep(bank.index, bank.questions, [], { seed, maxLength });
    if (first.done) throw conflict('pathways.quiz.noQuestions');
    const id = newId();
    await repo.insertSession(this.db, {
      id, centerId: actor.centerId, enrolmentId: enrolment.id, seed, maxLength, status: 'in_progress', currentQuestionId: first.question.id,
      placementModuleId: null, evaluationId: null, startedBy: actor.userId, startedAt: this.ctx.clock.nowIso(), finishedAt: null,
    });
    return { sessionId: id, state: await this.state(actor.centerId, id) };
  }

  /** The link a learner opens on a tablet to take the quiz alone (valid 7 days). */
  publicPath(session: { id: string; startedAt: string }): string {
    const expires = new Date(Math.floor(Date.parse(session.startedAt) / 1000) * 1000 + TOKEN_VALID_DAYS * 86_400_000);
    return `/questionnaire/${signLink(this.ctx.config.secret, TOKEN_PURPOSE, session.id, expires)}`;
  }

  async sessionForActor(actor: Actor, sessionId: string): Promise<repo.SessionRow> {
    requirePermission(actor, 'pathways.enrol');
    const session = isUuid(sessionId) ? await repo.findSession(this.db, actor.centerId, sessionId) : undefined;
    if (!session) throw notFound();
    await this.enrolmentService.getForActor(actor, session.enrolmentId);
    return session;
  }

  /** The session a quiz link opens, or null (forged, expired, unknown). */
  async resolveToken(token: string): Promise<repo.SessionRow | null> {
    if (token.length > 300) return null;
    const id = verifyLink(this.ctx.config.secret, TOKEN_PURPOSE, token, this.ctx.clock.now());
    if (!id || !isUuid(id)) return null;
    return (await repo.findSessionAnyCentre(this.db, id)) ?? null;
  }

  listSessions(centerId: string, enrolmentId: string): Promise<repo.SessionRow[]> {
    return repo.listSessionsOfEnrolment(this.db, centerId, enrolmentId);
  }

  /** Where the session stands: the question to show, or the result. */
  async state(centerId: string, sessionId: string): Promise<QuizState> {
    const session = await repo.findSession(this.db, centerId, sessionId);
    if (!session) throw notFound();
    if (session.status !== 'in_progress' || !session.currentQuestionId) return { done: true, result: await this.result(session) };
    const question = await repo.findQuestion(this.db, centerId, session.currentQuestionId);
    if (!question) throw notFound();
    const choices = await repo.listChoices(this.db, centerId, [question.id]);
    const answered = await repo.countAnswers(this.db, centerId, session.id);
    return {
      done: false,
      question: {
        sessionId: session.id,
        number: answered + 1,
        maxLength: session.maxLength,
        questionId: question.id,
        prompt: question.prompt,
        picture: question.picture,
        pictureAlt: question.pictureAlt,
        choices: shuffle(choices, `${session.seed}:${question.id}`).map((c) => ({ id: this.opaqueId(session.id, c.id), label: c.label })),
      },
    };
  }

  private opaqueId(sessionId: string, choiceId: string): string {
    return hmac(this.ctx.config.secret, `quiz-choice:${sessionId}:${choiceId}`).slice(0, 22);
  }

  /**
   * Records an answer (choiceId null = "je ne sais pas") and moves on. Answering a finished
   * quiz, a question that is not the current one, or with an unknown choice changes nothing.
   */
  async answer(centerId: string, sessionId: string, input: { questionId: string; choiceId: string | null }): Promise<QuizState> {
    const session = isUuid(sessionId) ? await repo.findSession(this.db, centerId, sessionId) : undefined;
    if (!session) throw notFound();
    if (session.status !== 'in_progress') throw conflict('pathways.quiz.finished');
    if (session.currentQuestionId !== input.questionId) throw conflict('pathways.quiz.notCurrent');
    const question = await repo.findQuestion(this.db, centerId, input.questionId);
    if (!question) throw notFound();
    const choices = await repo.listChoices(this.db, centerId, [question.id]);
    let outcome: Outcome = 'skip';
    let choiceId: string | null = null;
    if (input.choiceId !== null) {
      const chosen = choices.find((c) => this.opaqueId(session.id, c.id) === input.choiceId);
      if (!chosen) throw invalid({ choiceId: 'pathways.quiz.choiceUnknown' });
      outcome = chosen.correct ? 'ok' : 'ko';
      choiceId = chosen.id;
    }
    const enrolment = await enrolments.findEnrolment(this.db, centerId, session.enrolmentId);
    if (!enrolment) throw notFound();
    const bank = await this.bankFor(centerId, enrolment.pathwayId);
    const previous = await repo.listAnswers(this.db, centerId, session.id);
    const answers: EngineAnswer[] = [...previous.map((a) => ({ skillId: a.skillId, outcome: a.outcome as Outcome })), { skillId: question.skillId, outcome }];
    const step = nextStep(bank.index, bank.questions, answers, { seed: session.seed, maxLength: session.maxLength });
    const now = this.ctx.clock.nowIso();

    await this.db.transaction().execute(async (trx) => {
      if (!step.done) {
        if (!(await repo.advanceSession(trx, centerId, session.id, question.id, { currentQuestionId: step.question.id }))) throw conflict('pathways.quiz.notCurrent');
      } else if (!(await repo.advanceSession(trx, centerId, session.id, question.id, { currentQuestionId: null, status: 'finished', finishedAt: now }))) {
        throw conflict('pathways.quiz.notCurrent');
      }
      try {
        await repo.insertAnswer(trx, { id: newId(), centerId, sessionId: session.id, position: previous.length + 1, questionId: question.id, skillId: question.skillId, choiceId, outcome, answeredAt: now });
      } catch (error) {
        // The unique indexes (session, skill) and (session, position): a concurrent answer won.
        // Anything else (a lost connection, a bug) is not the user's doing: let it through.
        if (isUniqueViolation(error)) throw conflict('pathways.quiz.notCurrent');
        throw error;
      }
      if (step.done) {
        const skillIds = new Set(bank.pathway.modules.flatMap((m) => m.skills.map((s) => s.id)));
        const results = [
          ...[...step.state.validated].filter((id) => skillIds.has(id)).map((skillId) => ({ id: newId(), skillId, status: 'acquis', autonomy: null })),
          ...[...step.state.invalidated].filter((id) => skillIds.has(id)).map((skillId) => ({ id: newId(), skillId, status: 'non_acquis', autonomy: null })),
        ];
        let evaluationId: string | null = null;
        if (results.length > 0) {
          evaluationId = newId();
          await enrolments.insertEvaluation(
            trx,
            { id: evaluationId, centerId, enrolmentId: enrolment.id, moduleId: null, kind: 'positioning_quiz', recordedAt: now, recordedBy: null, recordedByLabel: 'questionnaire de positionnement', comment: null },
            results,
          );
        }
        const index = placeInModules(bank.pathway.modules.map((m) => ({ skillIds: m.skills.map((s) => s.id) })), step.state.validated);
        const placement = bank.pathway.modules[index]!;
        await repo.updateSession(trx, centerId, session.id, { placementModuleId: placement.id, evaluationId });
        if (enrolment.status === 'active') await enrolments.updateEnrolment(trx, centerId, enrolment.id, { startModuleId: placement.id });
      }
    });
    return this.state(centerId, session.id);
  }

  private async result(session: repo.SessionRow): Promise<QuizResult> {
    const enrolment = await enrolments.findEnrolment(this.db, session.centerId, session.enrolmentId);
    if (!enrolment) throw notFound();
    const pathway = await this.pathways.detail(session.centerId, enrolment.pathwayId);
    const answers = await repo.listAnswers(this.db, session.centerId, session.id);
    const index = pathway.modules.findIndex((m) => m.id === session.placementModuleId);
    const evaluations = session.evaluationId ? await enrolments.listEvaluations(this.db, session.centerId, enrolment.id) : [];
    const acquired = new Set(evaluations.find((e) => e.id === session.evaluationId)?.results.filter((r) => r.status === 'acquis').map((r) => r.skillId) ?? []);
    const known = pathway.modules.flatMap((m) => m.skills).filter((s, i, all) => acquired.has(s.id) && all.findIndex((o) => o.id === s.id) === i);
    return {
      sessionId: session.id,
      enrolmentId: enrolment.id,
      finishedAt: session.finishedAt ?? session.startedAt,
      answered: answers.length,
      placement: index >= 0 ? { moduleId: pathway.modules[index]!.id, title: pathway.modules[index]!.title, number: index + 1 } : null,
      known: known.map((s) => s.statement),
    };
  }

  /** The engine's view of a pathway: its active skills and the questions that test them. */
  private async bankFor(centerId: string, pathwayId: string): Promise<{ pathway: PathwayDetail; index: SkillIndex; questions: { id: string; skillId: string }[] }> {
    const pathway = await this.pathways.detail(centerId, pathwayId);
    const skills = new Map<string, SkillInContext>();
    for (const m of pathway.modules) for (const s of m.skills) if (!s.retiredAt) skills.set(s.id, s);
    const index = new SkillIndex([...skills.values()].map((s) => ({ id: s.id, subjectId: s.subjectId, difficulty: s.difficulty })));
    const questions = (await repo.listQuestions(this.db, centerId, { skillIds: [...skills.keys()] })).map((q) => ({ id: q.id, skillId: q.skillId }));
    return { pathway, index, questions };
  }
}

/** Fisher–Yates with a seeded draw: the same session shows the same order every time. */
function shuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const draw = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(draw() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

