/**
 * The satisfaction survey's SQL ("Votre avis"): invitations (a personal link per registration,
 * kept as a hash) and answers. Every query is scoped to a centre, except the two a job or a
 * signed link needs before it knows the centre. Nothing here decides: survey.service.ts does.
 */
import type { Kysely, Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type { NoticeRegistration } from './notifications.ts';
import type { ActivitySurveyAnswersTable, ActivitySurveyInvitationsTable, Database } from '../../db/schema.ts';

type Q = Kysely<Database>;

type InvitationRow = Selectable<ActivitySurveyInvitationsTable>;
export type AnswerRow = Selectable<ActivitySurveyAnswersTable>;

/** A registration to invite: who to write to (as every notice of a registration), and the session. */
interface DueInvitation extends NoticeRegistration {
  matchStatus: string;
  remindersConsent: boolean;
  sessionId: string;
  activityId: string;
  startsAt: string;
  endsAt: string;
  title: string;
}

/**
 * Registrations marked present at a session of a survey-enabled activity that ended within
 * the window, and not yet invited — across centres (the job is system-wide).
 */
export async function listDueInvitations(db: Q, endedAfter: string, endedBy: string, limit = 500): Promise<DueInvitation[]> {
  const rows = await db
    .selectFrom('activityAttendance as t')
    .innerJoin('activityRegistrations as r', 'r.id', 't.registrationId')
    .innerJoin('activitySessions as s', 's.id', 't.sessionId')
    .innerJoin('activities as a', 'a.id', 't.activityId')
    .leftJoin('activitySurveyInvitations as i', 'i.registrationId', 'r.id')
    .select([
      'r.id', 'r.centerId', 'r.personId', 'r.groupId', 'r.guardianName', 'r.contactPhone', 'r.contactEmail', 'r.matchStatus', 'r.remindersConsent',
      's.id as sessionId', 's.activityId', 's.startsAt', 's.endsAt', 'a.title',
    ])
    .where('t.status', '=', 'present')
    .where('r.status', '<>', 'cancelled')
    .where('s.status', '=', 'scheduled')
    .where('a.surveyEnabled', '=', true)
    .where('s.endsAt', '>', endedAfter)
    .where('s.endsAt', '<=', endedBy)
    .where('i.id', 'is', null)
    .orderBy('s.endsAt')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, remindersConsent: asBool(row.remindersConsent) }));
}

/** Answers false when the registration already has an invitation (another run got there first). */
export async function insertInvitation(db: Q, row: InvitationRow): Promise<boolean> {
  const result = await db.insertInto('activitySurveyInvitations').values(row).onConflict((oc) => oc.column('registrationId').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** An invitation by its token's hash (the link carries no centre), with its session and whether it was answered. */
export async function findInvitation(db: Q, tokenHash: string) {
  const row = await db
    .selectFrom('activitySurveyInvitations as i')
    .innerJoin('activitySessions as s', 's.id', 'i.sessionId')
    .innerJoin('activities as a', 'a.id', 's.activityId')
    .leftJoin('activitySurveyAnswers as w', 'w.invitationId', 'i.id')
    .select(['i.id', 'i.centerId', 'i.sessionId', 'i.expiresAt', 's.activityId', 's.startsAt', 's.endsAt', 'a.title', 'w.id as answerId'])
    .where('i.tokenHash', '=', tokenHash)
    .executeTakeFirst();
  return row;
}

export async function insertAnswers(db: Q, rows: AnswerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50) await db.insertInto('activitySurveyAnswers').values(rows.slice(i, i + 50)).execute();
}

export async function deletePaperAnswers(db: Q, centerId: string, sessionId: string): Promise<void> {
  await db.deleteFrom('activitySurveyAnswers').where('centerId', '=', centerId).where('sessionId', '=', sessionId).where('source', '=', 'paper').execute();
}

/** Faces, comments and where each answer came from — nothing that names anyone. */
export async function listAnswers(db: Q, centerId: string, scope: { sessionId?: string; activityId?: string }) {
  let query = db.selectFrom('activitySurveyAnswers').select(['rating', 'comment', 'source']).where('centerId', '=', centerId);
  if (scope.sessionId) query = query.where('sessionId', '=', scope.sessionId);
  if (scope.activityId) query = query.where('activityId', '=', scope.activityId);
  return query.execute();
}

/** Persons marked present at these sessions (registered or walk-in). */
export async function countPresent(db: Q, centerId: string, scope: { sessionId?: string; activityId?: string }): Promise<number> {
  let query = db.selectFrom('activityAttendance').select((eb) => eb.fn.countAll<number>().as('n')).where('centerId', '=', centerId).where('status', '=', 'present');
  if (scope.sessionId) query = query.where('sessionId', '=', scope.sessionId);
  if (scope.activityId) query = query.where('activityId', '=', scope.activityId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

// — a person's data —

/** The invitations sent to a person's registrations, and whether each was answered (not what). */
export async function listInvitationsOfPerson(db: Q, centerId: string, personId: string) {
  const rows = await db
    .selectFrom('activitySurveyInvitations as i')
    .innerJoin('activityRegistrations as r', 'r.id', 'i.registrationId')
    .innerJoin('activitySessions as s', 's.id', 'i.sessionId')
    .innerJoin('activities as a', 'a.id', 's.activityId')
    .leftJoin('activitySurveyAnswers as w', 'w.invitationId', 'i.id')
    .select(['a.title', 's.startsAt', 'i.createdAt', 'i.expiresAt', 'w.id as answerId'])
    .where('i.centerId', '=', centerId)
    .where('r.personId', '=', personId)
    .orderBy('s.startsAt', 'desc')
    .execute();
  return rows.map(({ answerId, ...row }) => ({ ...row, answered: answerId !== null }));
}

/**
 * Erasure: the link between the person and their answers goes (the invitations are deleted)
 * and their own words with it; the face they chose stays, attached to no one, for the figures.
 */
export async function erasePersonSurvey(db: Q, centerId: string, personId: string): Promise<void> {
  const invitations = db
    .selectFrom('activitySurveyInvitations as i')
    .innerJoin('activityRegistrations as r', 'r.id', 'i.registrationId')
    .select('i.id')
    .where('i.centerId', '=', centerId)
    .where('r.personId', '=', personId);
  await db.updateTable('activitySurveyAnswers').set({ invitationId: null, comment: null }).where('centerId', '=', centerId).where('invitationId', 'in', invitations).execute();
  const ids = db.selectFrom('activityRegistrations').select('id').where('centerId', '=', centerId).where('personId', '=', personId);
  await db.deleteFrom('activitySurveyInvitations').where('centerId', '=', centerId).where('registrationId', 'in', ids).execute();
}
