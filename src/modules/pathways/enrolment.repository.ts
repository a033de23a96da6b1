import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EvaluationRecord } from './progress.ts';
import type { EnrolmentState, EvaluationKind } from './pathways.vocab.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface EnrolmentRow {
  id: string;
  centerId: string;
  pathwayId: string;
  personId: string | null;
  userId: string | null;
  startModuleId: string | null;
  status: string;
  source: string;
  enrolledAt: string;
  enrolledBy: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
}

const enrolmentColumns = [
  'id', 'centerId', 'pathwayId', 'personId', 'userId', 'startModuleId', 'status', 'source', 'enrolledAt', 'enrolledBy', 'completedAt', 'withdrawnAt',
] as const;

export function findEnrolment(db: Q, centerId: string, id: string): Promise<EnrolmentRow | undefined> {
  return db.selectFrom('enrolments').select(enrolmentColumns).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export function findEnrolmentOfLearner(db: Q, centerId: string, pathwayId: string, learner: { personId?: string; userId?: string }): Promise<EnrolmentRow | undefined> {
  let query = db.selectFrom('enrolments').select(enrolmentColumns).where('centerId', '=', centerId).where('pathwayId', '=', pathwayId);
  query = learner.personId ? query.where('personId', '=', learner.personId) : query.where('userId', '=', learner.userId!);
  return query.executeTakeFirst();
}

export function listEnrolmentsOfPathway(db: Q, centerId: string, pathwayId: string): Promise<EnrolmentRow[]> {
  return db
    .selectFrom('enrolments')
    .select(enrolmentColumns)
    .where('centerId', '=', centerId)
    .where('pathwayId', '=', pathwayId)
    .orderBy('enrolledAt', 'desc')
    .orderBy('id')
    .execute();
}

/** The centre's enrolments, kept to a pathway, a state (see enrolmentState) and/or some learners. */
export interface EnrolmentFilter {
  pathwayId?: string;
  state?: EnrolmentState;
  /** Only these learners (a name search); empty lists match nothing. */
  learners?: { personIds: readonly string[]; userIds: readonly string[] };
}

function filtered(db: Q, centerId: string, filter: EnrolmentFilter) {
  let query = db.selectFrom('enrolments').where('centerId', '=', centerId);
  if (filter.pathwayId) query = query.where('pathwayId', '=', filter.pathwayId);
  // Completed wins over the stored status (a completed enrolment stopped later is still completed).
  if (filter.state === 'completed') query = query.where('completedAt', 'is not', null);
  else if (filter.state === 'withdrawn') query = query.where('completedAt', 'is', null).where('status', '=', 'withdrawn');
  else if (filter.state === 'active') query = query.where('completedAt', 'is', null).where('status', '<>', 'withdrawn');
  const learners = filter.learners;
  if (learners) {
    const { personIds, userIds } = learners;
    query = query.where((eb) =>
      eb.or([
        ...(personIds.length > 0 ? [eb('personId', 'in', [...personIds])] : []),
        ...(userIds.length > 0 ? [eb('userId', 'in', [...userIds])] : []),
        // Nobody matched: a condition that holds for no row.
        ...(personIds.length + userIds.length === 0 ? [eb('id', 'is', null)] : []),
      ]),
    );
  }
  return query;
}

export async function countEnrolments(db: Q, centerId: string, filter: EnrolmentFilter): Promise<number> {
  const row = await filtered(db, centerId, filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Newest first, one page (limit, offset). */
export function listEnrolments(db: Q, centerId: string, filter: EnrolmentFilter, page: { limit: number; offset: number }): Promise<EnrolmentRow[]> {
  return filtered(db, centerId, filter).select(enrolmentColumns).orderBy('enrolledAt', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}

export function listEnrolmentsOfPerson(db: Q, centerId: string, personId: string): Promise<EnrolmentRow[]> {
  return db.selectFrom('enrolments').select(enrolmentColumns).where('centerId', '=', centerId).where('personId', '=', personId).orderBy('enrolledAt').execute();
}

export function listEnrolmentsOfUsers(db: Q, centerId: string, userIds?: readonly string[]): Promise<EnrolmentRow[]> {
  let query = db.selectFrom('enrolments').select(enrolmentColumns).where('centerId', '=', centerId).where('userId', 'is not', null);
  if (userIds) {
    if (userIds.length === 0) return Promise.resolve([]);
    query = query.where('userId', 'in', [...userIds]);
  }
  return query.orderBy('enrolledAt').execute();
}

export async function insertEnrolment(db: Q, row: Database['enrolments']): Promise<void> {
  await db.insertInto('enrolments').values(row).execute();
}

export async function updateEnrolment(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<Database['enrolments'], 'status' | 'startModuleId' | 'completedAt' | 'withdrawnAt' | 'personId'>>,
): Promise<void> {
  await db.updateTable('enrolments').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function deleteEnrolment(db: Q, centerId: string, id: string): Promise<void> {
  await db.deleteFrom('enrolments').where('centerId', '=', centerId).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- evaluations (append-only)

export async function insertEvaluation(
  db: Q,
  evaluation: Database['evaluations'],
  results: { id: string; skillId: string; status: string; autonomy: string | null }[],
): Promise<void> {
  await db.insertInto('evaluations').values(evaluation).execute();
  if (results.length === 0) return;
  await db
    .insertInto('evaluationResults')
    .values(results.map((r) => ({ ...r, centerId: evaluation.centerId, evaluationId: evaluation.id })))
    .execute();
}

/** The whole history of an enrolment, oldest first, each evaluation with its results. */
export async function listEvaluations(db: Q, centerId: string, enrolmentId: string): Promise<EvaluationRecord[]> {
  return (await listEvaluationsOfEnrolments(db, centerId, [enrolmentId])).get(enrolmentId) ?? [];
}

/** The histories of several enrolments (a page of a list), by enrolment id, each oldest first. */
export async function listEvaluationsOfEnrolments(db: Q, centerId: string, enrolmentIds: readonly string[]): Promise<Map<string, EvaluationRecord[]>> {
  const out = new Map<string, EvaluationRecord[]>();
  // In chunks under SQLite's parameter limit.
  for (let start = 0; start < enrolmentIds.length; start += 500) {
    const chunk = enrolmentIds.slice(start, start + 500);
    const evaluations = await db
      .selectFrom('evaluations')
      .select(['id', 'enrolmentId', 'kind', 'moduleId', 'recordedAt', 'recordedByLabel', 'comment'])
      .where('centerId', '=', centerId)
      .where('enrolmentId', 'in', [...chunk])
      .orderBy('recordedAt')
      .orderBy('id')
      .execute();
    if (evaluations.length === 0) continue;
    // By evaluation id (the unique index's first column), in chunks too.
    const ids = evaluations.map((e) => e.id);
    const results: { evaluationId: string; skillId: string; status: string; autonomy: string | null }[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      results.push(
        ...(await db
          .selectFrom('evaluationResults')
          .select(['evaluationId', 'skillId', 'status', 'autonomy'])
          .where('centerId', '=', centerId)
          .where('evaluationId', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    }
    const byEvaluation = new Map<string, EvaluationRecord['results']>();
    for (const r of results) {
      const list = byEvaluation.get(r.evaluationId) ?? [];
      list.push({ skillId: r.skillId, status: r.status, autonomy: r.autonomy });
      byEvaluation.set(r.evaluationId, list);
    }
    for (const { enrolmentId, ...e } of evaluations) {
      const list = out.get(enrolmentId) ?? [];
      list.push({ ...e, kind: e.kind as EvaluationKind, results: byEvaluation.get(e.id) ?? [] });
      out.set(enrolmentId, list);
    }
  }
  return out;
}

/** Erasure: the free-text comments go, the results (statistics) stay. */
export async function clearEvaluationComments(db: Q, centerId: string, enrolmentIds: readonly string[]): Promise<void> {
  if (enrolmentIds.length === 0) return;
  await db.updateTable('evaluations').set({ comment: null }).where('centerId', '=', centerId).where('enrolmentId', 'in', [...enrolmentIds]).execute();
}

/** Merge: the duplicate's history joins the kept enrolment of the same pathway. */
export async function moveEnrolmentHistory(db: Q, centerId: string, fromId: string, toId: string): Promise<void> {
  for (const table of ['evaluations', 'quizSessions', 'progressLinks'] as const) {
    await db.updateTable(table).set({ enrolmentId: toId }).where('centerId', '=', centerId).where('enrolmentId', '=', fromId).execute();
  }
}

// ---------------------------------------------------------------- progress links

export interface ProgressLinkRow {
  id: string;
  enrolmentId: string;
  tokenHash: string;
  expiresAt: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const linkColumns = ['id', 'enrolmentId', 'tokenHash', 'expiresAt', 'createdAt', 'lastUsedAt', 'revokedAt'] as const;

export async function insertProgressLink(db: Q, row: Database['progressLinks']): Promise<void> {
  await db.insertInto('progressLinks').values(row).execute();
}

export function findProgressLink(db: Q, id: string): Promise<(ProgressLinkRow & { centerId: string }) | undefined> {
  return db.selectFrom('progressLinks').select([...linkColumns, 'centerId']).where('id', '=', id).executeTakeFirst();
}

export function listProgressLinks(db: Q, centerId: string, enrolmentId: string): Promise<ProgressLinkRow[]> {
  return db.selectFrom('progressLinks').select(linkColumns).where('centerId', '=', centerId).where('enrolmentId', '=', enrolmentId).orderBy('createdAt', 'desc').execute();
}

export async function revokeProgressLinks(db: Q, centerId: string, enrolmentIds: readonly string[], at: string, linkId?: string): Promise<void> {
  if (enrolmentIds.length === 0) return;
  let query = db.updateTable('progressLinks').set({ revokedAt: at }).where('centerId', '=', centerId).where('enrolmentId', 'in', [...enrolmentIds]).where('revokedAt', 'is', null);
  if (linkId) query = query.where('id', '=', linkId);
  await query.execute();
}

export async function touchProgressLink(db: Q, id: string, at: string): Promise<void> {
  await db.updateTable('progressLinks').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

/** Persons enrolled or evaluated since an instant (the retention purge keeps their file). */
export async function personsActiveSince(db: Q, centerId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('enrolments')
    .leftJoin('evaluations', (join) => join.onRef('evaluations.enrolmentId', '=', 'enrolments.id').onRef('evaluations.centerId', '=', 'enrolments.centerId'))
    .select('enrolments.personId')
    .distinct()
    .where('enrolments.centerId', '=', centerId)
    .where('enrolments.personId', 'is not', null)
    .where((eb) => eb.or([eb('enrolments.enrolledAt', '>=', since), eb('evaluations.recordedAt', '>=', since)]))
    .execute();
  return rows.map((r) => r.personId).filter((id): id is string => id !== null);
}

/** Clears evaluation comments recorded before the cutoff (results stay); answers how many. */
export async function clearCommentsBefore(db: Q, centerId: string, cutoff: string): Promise<number> {
  const result = await db.updateTable('evaluations').set({ comment: null })
    .where('centerId', '=', centerId).where('comment', 'is not', null).where('recordedAt', '<', cutoff).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
