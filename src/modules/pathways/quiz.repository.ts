import type { Kysely, Transaction } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface QuestionRow {
  id: string;
  skillId: string;
  prompt: string;
  picture: string | null;
  pictureAlt: string | null;
  retiredAt: string | null;
  createdAt: string;
}

export interface ChoiceRow {
  id: string;
  questionId: string;
  label: string;
  correct: boolean;
  position: number;
}

const questionColumns = ['id', 'skillId', 'prompt', 'picture', 'pictureAlt', 'retiredAt', 'createdAt'] as const;

export function listQuestions(db: Q, centerId: string, options: { skillIds?: readonly string[]; includeRetired?: boolean } = {}): Promise<QuestionRow[]> {
  let query = db.selectFrom('quizQuestions').select(questionColumns).where('centerId', '=', centerId);
  if (!options.includeRetired) query = query.where('retiredAt', 'is', null);
  if (options.skillIds) {
    if (options.skillIds.length === 0) return Promise.resolve([]);
    query = query.where('skillId', 'in', [...options.skillIds]);
  }
  return query.orderBy('createdAt').orderBy('id').execute();
}

export function findQuestion(db: Q, centerId: string, id: string): Promise<QuestionRow | undefined> {
  return db.selectFrom('quizQuestions').select(questionColumns).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function listChoices(db: Q, centerId: string, questionIds: readonly string[]): Promise<ChoiceRow[]> {
  if (questionIds.length === 0) return [];
  const rows = await db
    .selectFrom('quizChoices')
    .select(['id', 'questionId', 'label', 'correct', 'position'])
    .where('centerId', '=', centerId)
    .where('questionId', 'in', [...questionIds])
    .orderBy('questionId')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ ...r, correct: asBool(r.correct) }));
}

export async function insertQuestion(db: Q, row: Database['quizQuestions'], choices: { label: string; correct: boolean }[], newId: () => string): Promise<void> {
  await db.insertInto('quizQuestions').values(row).execute();
  await db
    .insertInto('quizChoices')
    .values(choices.map((c, position) => ({ id: newId(), centerId: row.centerId, questionId: row.id, label: c.label, correct: c.correct, position })))
    .execute();
}

export async function updateQuestion(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<Database['quizQuestions'], 'prompt' | 'picture' | 'pictureAlt' | 'skillId' | 'retiredAt' | 'updatedAt'>>,
  choices?: { label: string; correct: boolean }[],
  newId?: () => string,
): Promise<void> {
  await db.updateTable('quizQuestions').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
  if (choices && newId) {
    await db.deleteFrom('quizChoices').where('centerId', '=', centerId).where('questionId', '=', id).execute();
    await db
      .insertInto('quizChoices')
      .values(choices.map((c, position) => ({ id: newId(), centerId, questionId: id, label: c.label, correct: c.correct, position })))
      .execute();
  }
}

// ---------------------------------------------------------------- sessions

export interface SessionRow {
  id: string;
  centerId: string;
  enrolmentId: string;
  seed: string;
  maxLength: number;
  status: string;
  currentQuestionId: string | null;
  placementModuleId: string | null;
  evaluationId: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const sessionColumns = ['id', 'centerId', 'enrolmentId', 'seed', 'maxLength', 'status', 'currentQuestionId', 'placementModuleId', 'evaluationId', 'startedAt', 'finishedAt'] as const;

export async function insertSession(db: Q, row: Database['quizSessions']): Promise<void> {
  await db.insertInto('quizSessions').values(row).execute();
}

export function findSession(db: Q, centerId: string, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('quizSessions').select(sessionColumns).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export function findSessionAnyCentre(db: Q, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('quizSessions').select(sessionColumns).where('id', '=', id).executeTakeFirst();
}

export function listSessionsOfEnrolment(db: Q, centerId: string, enrolmentId: string): Promise<SessionRow[]> {
  return db.selectFrom('quizSessions').select(sessionColumns).where('centerId', '=', centerId).where('enrolmentId', '=', enrolmentId).orderBy('startedAt', 'desc').execute();
}

/**
 * Moves a session on only if it is still where the caller saw it: a concurrent answer (a
 * double tap) finds nothing to update and is refused.
 */
export async function advanceSession(
  db: Q,
  centerId: string,
  id: string,
  expectedQuestionId: string,
  patch: Partial<Pick<Database['quizSessions'], 'currentQuestionId' | 'status' | 'finishedAt' | 'placementModuleId' | 'evaluationId'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('quizSessions')
    .set(patch)
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .where('currentQuestionId', '=', expectedQuestionId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateSession(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<Database['quizSessions'], 'currentQuestionId' | 'status' | 'finishedAt' | 'placementModuleId' | 'evaluationId'>>,
): Promise<void> {
  await db.updateTable('quizSessions').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export interface AnswerRow {
  position: number;
  questionId: string;
  skillId: string;
  choiceId: string | null;
  outcome: string;
  answeredAt: string;
}

export function listAnswers(db: Q, centerId: string, sessionId: string): Promise<AnswerRow[]> {
  return db
    .selectFrom('quizAnswers')
    .select(['position', 'questionId', 'skillId', 'choiceId', 'outcome', 'answeredAt'])
    .where('centerId', '=', centerId)
    .where('sessionId', '=', sessionId)
    .orderBy('position')
    .execute();
}

export async function insertAnswer(db: Q, row: Database['quizAnswers']): Promise<void> {
  await db.insertInto('quizAnswers').values(row).execute();
}

export async function countAnswers(db: Q, centerId: string, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('quizAnswers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('centerId', '=', centerId)
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
