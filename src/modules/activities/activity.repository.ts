/**
 * The activities module's SQL: activities, sessions, registrations, attendance, calendar
 * tokens. Every function takes `db` (or a transaction) and the centre id it is scoped to;
 * nothing here decides — the services do.
 */
import { sortFrench } from '../../platform/text.ts';
import { sql, type Kysely, type Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import { prepared } from '../../db/prepared.ts';
import type {
  ActivitiesTable, ActivityAttendanceTable, ActivityRegistrationsTable, ActivitySessionsTable, Database,
} from '../../db/schema.ts';

type Q = Kysely<Database>;

export type ActivityRow = Omit<Selectable<ActivitiesTable>, 'published' | 'surveyEnabled'> & { published: boolean; surveyEnabled: boolean };
export type SessionRow = Omit<Selectable<ActivitySessionsTable>, 'isException'> & { isException: boolean };
export type RegistrationRow = Omit<Selectable<ActivityRegistrationsTable>, 'parentalAuthorisation' | 'remindersConsent'> & {
  parentalAuthorisation: boolean;
  remindersConsent: boolean;
};
export type AttendanceRow = Omit<Selectable<ActivityAttendanceTable>, 'walkIn'> & { walkIn: boolean };

const toActivity = (row: Selectable<ActivitiesTable>): ActivityRow => ({ ...row, published: asBool(row.published), surveyEnabled: asBool(row.surveyEnabled) });
const toSession = (row: Selectable<ActivitySessionsTable>): SessionRow => ({ ...row, isException: asBool(row.isException) });
const toRegistration = (row: Selectable<ActivityRegistrationsTable>): RegistrationRow => ({
  ...row,
  parentalAuthorisation: asBool(row.parentalAuthorisation),
  remindersConsent: asBool(row.remindersConsent),
});
const toAttendance = (row: Selectable<ActivityAttendanceTable>): AttendanceRow => ({ ...row, walkIn: asBool(row.walkIn) });

// — activities —

export async function insertActivity(db: Q, row: Omit<ActivityRow, 'lockVersion'>): Promise<void> {
  await db.insertInto('activities').values({ ...row, lockVersion: 0 }).execute();
}

export async function updateActivity(db: Q, centerId: string, id: string, patch: Partial<Omit<ActivityRow, 'id' | 'centerId'>>): Promise<void> {
  await db.updateTable('activities').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function findActivity(db: Q, centerId: string, id: string): Promise<ActivityRow | undefined> {
  const row = await db.selectFrom('activities').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row && toActivity(row);
}

export async function findActivities(db: Q, centerId: string, ids: string[]): Promise<ActivityRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('activities').selectAll().where('centerId', '=', centerId).where('id', 'in', ids).execute();
  return rows.map(toActivity);
}

export async function listActivities(db: Q, centerId: string, options: { includeArchived?: boolean; facilitatorId?: string } = {}): Promise<ActivityRow[]> {
  let query = db.selectFrom('activities').selectAll().where('centerId', '=', centerId);
  if (!options.includeArchived) query = query.where('archivedAt', 'is', null);
  if (options.facilitatorId) {
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('activityFacilitators').select('activityId').where('userId', '=', options.facilitatorId!),
    );
  }
  const rows = await query.orderBy('title').orderBy('id').execute();
  // Sorted in French by the shared collator: SQL's ORDER BY compares bytes ("Émile" after "Zoé").
  return sortFrench(rows.map(toActivity), (a) => a.title);
}

/**
 * Takes the write lock that serialises the registrations of an activity (series mode): an
 * UPDATE is a row lock on PostgreSQL and the database write lock on SQLite, taken as the
 * transaction's first statement. Answers false when the activity does not exist.
 */
export async function lockActivity(db: Q, centerId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('activities')
    .set((eb) => ({ lockVersion: eb('lockVersion', '+', 1) }))
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setFacilitators(db: Q, centerId: string, activityId: string, userIds: string[]): Promise<void> {
  await db.deleteFrom('activityFacilitators').where('centerId', '=', centerId).where('activityId', '=', activityId).execute();
  if (userIds.length > 0) {
    await db.insertInto('activityFacilitators').values(userIds.map((userId) => ({ centerId, activityId, userId }))).execute();
  }
}

export interface FacilitatorRow {
  activityId: string;
  userId: string;
  displayName: string;
  role: string;
}

export async function listFacilitators(db: Q, centerId: string, activityIds: string[]): Promise<FacilitatorRow[]> {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom('activityFacilitators as f')
    .innerJoin('users as u', 'u.id', 'f.userId')
    .select(['f.activityId', 'f.userId', 'u.displayName', 'u.role'])
    .where('f.centerId', '=', centerId)
    .where('f.activityId', 'in', activityIds)
    .orderBy('u.displayName')
    .execute()
    .then((rows) => sortFrench(rows, (r) => r.displayName));
}

/** The centre's active staff who can run a session (for the facilitator checkboxes). */
export async function listStaff(db: Q, centerId: string): Promise<{ id: string; displayName: string; role: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'role'])
    .where('centerId', '=', centerId)
    .where('active', '=', true)
    .where('role', 'in', ['admin', 'coordinator', 'facilitator', 'volunteer'])
    .orderBy('displayName')
    .execute()
    .then((rows) => sortFrench(rows, (r) => r.displayName));
}

export async function isFacilitator(db: Q, centerId: string, activityId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('activityFacilitators')
    .select('userId')
    .where('centerId', '=', centerId)
    .where('activityId', '=', activityId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

// — sessions —

export async function insertSessions(db: Q, rows: Omit<SessionRow, 'lockVersion' | 'sequence'>[]): Promise<void> {
  if (rows.length === 0) return;
  // Chunked: SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 50) {
    await db.insertInto('activitySessions').values(rows.slice(i, i + 50).map((r) => ({ ...r, lockVersion: 0 }))).execute();
  }
}

/** Updates a session; a change of time, place or status (a move, a cancellation) bumps its iCalendar SEQUENCE. */
export async function updateSession(db: Q, centerId: string, id: string, patch: Partial<Omit<SessionRow, 'id' | 'centerId' | 'activityId' | 'sequence'>>): Promise<void> {
  const significant = ['startsAt', 'endsAt', 'siteId', 'status'].some((key) => key in patch);
  await db
    .updateTable('activitySessions')
    .set((eb) => (significant ? { ...patch, sequence: eb('sequence', '+', 1) } : patch))
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .execute();
}

export async function deleteSessions(db: Q, centerId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('activitySessions').where('centerId', '=', centerId).where('id', 'in', ids).execute();
}

/**
 * A session and its activity in one read (a registration's first look, before its lock). The
 * session's columns that the activity also has come back renamed, and are put back here.
 */
const sessionWithActivity = prepared('sessionWithActivity', (db, p: { centerId: string; id: string }) =>
  db
    .selectFrom('activitySessions as s')
    .innerJoin('activities as a', 'a.id', 's.activityId')
    .selectAll('a')
    .select([
      's.id as sessionId', 's.localDate', 's.startsAt', 's.endsAt', 's.siteId as sessionSiteId', 's.status as sessionStatus', 's.isException',
      's.cancelReason', 's.lockVersion as sessionLockVersion', 's.sequence', 's.createdAt as sessionCreatedAt', 's.updatedAt as sessionUpdatedAt',
    ])
    .where('s.centerId', '=', p.centerId)
    .where('s.id', '=', p.id)
    .where('a.centerId', '=', p.centerId));

export async function findSessionWithActivity(db: Q, centerId: string, id: string): Promise<{ session: SessionRow; activity: ActivityRow } | undefined> {
  const row = await sessionWithActivity.first(db, { centerId, id });
  if (!row) return undefined;
  const {
    sessionId, localDate, startsAt, endsAt, sessionSiteId, sessionStatus, isException, cancelReason, sessionLockVersion, sequence, sessionCreatedAt, sessionUpdatedAt,
    ...activity
  } = row;
  return {
    session: {
      id: sessionId, centerId: activity.centerId, activityId: activity.id, localDate, startsAt, endsAt, siteId: sessionSiteId, status: sessionStatus,
      isException: asBool(isException), cancelReason, lockVersion: sessionLockVersion, sequence, createdAt: sessionCreatedAt, updatedAt: sessionUpdatedAt,
    },
    activity: toActivity(activity),
  };
}

export async function findSession(db: Q, centerId: string, id: string): Promise<SessionRow | undefined> {
  const row = await db.selectFrom('activitySessions').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row && toSession(row);
}

export async function findSessions(db: Q, centerId: string, ids: string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('activitySessions').selectAll().where('centerId', '=', centerId).where('id', 'in', ids).orderBy('startsAt').execute();
  return rows.map(toSession);
}

/** Same as lockActivity, for one session (session mode), answering the session as it stands under the lock (undefined: none such). */
const lockAndRead = prepared('lockAndReadSession', (db, p: { centerId: string; id: string }) =>
  db
    .updateTable('activitySessions')
    .set((eb) => ({ lockVersion: eb('lockVersion', '+', 1) }))
    .where('centerId', '=', p.centerId)
    .where('id', '=', p.id)
    .returningAll());

export async function lockAndReadSession(db: Q, centerId: string, id: string): Promise<SessionRow | undefined> {
  const row = await lockAndRead.first(db, { centerId, id });
  return row && toSession(row);
}

/** Same as lockActivity, for one session (session mode). */
export async function lockSession(db: Q, centerId: string, id: string): Promise<boolean> {
  return (await lockAndReadSession(db, centerId, id)) !== undefined;
}

export async function listSessionsOfActivity(
  db: Q,
  centerId: string,
  activityId: string,
  options: { from?: string; scheduledOnly?: boolean } = {},
): Promise<SessionRow[]> {
  let query = db.selectFrom('activitySessions').selectAll().where('centerId', '=', centerId).where('activityId', '=', activityId);
  if (options.from) query = query.where('startsAt', '>', options.from);
  if (options.scheduledOnly) query = query.where('status', '=', 'scheduled');
  const rows = await query.orderBy('startsAt').orderBy('id').execute();
  return rows.map(toSession);
}

export interface SessionWithActivity extends SessionRow {
  title: string;
  kind: string;
  audience: string;
  theme: string;
  level: string;
  capacity: number;
  activitySiteId: string;
  registrationMode: string;
  priceCents: number;
  /** JSON lists (see ActivitiesTable), for the public feed's descriptions; read by listSessions. */
  speakers?: string | null;
  partners?: string | null;
}

export interface SessionFilter {
  from: string;
  to?: string;
  activityIds?: string[];
  audience?: string;
  theme?: string;
  publishedOnly?: boolean;
  scheduledOnly?: boolean;
  facilitatorId?: string;
  limit?: number;
}

/** Sessions with their activity's essentials, in time order (catalogue, programme, feeds). */
export async function listSessions(db: Q, centerId: string, filter: SessionFilter): Promise<SessionWithActivity[]> {
  let query = db
    .selectFrom('activitySessions as s')
    .innerJoin('activities as a', 'a.id', 's.activityId')
    .selectAll('s')
    .select([
      'a.title', 'a.kind', 'a.audience', 'a.theme', 'a.level', 'a.capacity', 'a.siteId as activitySiteId',
      'a.registrationMode', 'a.priceCents', 'a.speakers', 'a.partners',
    ])
    .where('s.centerId', '=', centerId)
    .where('a.archivedAt', 'is', null)
    .where('s.startsAt', '>=', filter.from);
  if (filter.to) query = query.where('s.startsAt', '<', filter.to);
  if (filter.activityIds) query = filter.activityIds.length ? query.where('s.activityId', 'in', filter.activityIds) : query.where(sql<boolean>`1 = 0`);
  if (filter.audience) query = query.where('a.audience', '=', filter.audience);
  if (filter.theme) query = query.where('a.theme', '=', filter.theme);
  if (filter.publishedOnly) query = query.where('a.published', '=', true);
  if (filter.scheduledOnly) query = query.where('s.status', '=', 'scheduled');
  if (filter.facilitatorId) {
    query = query.where('s.activityId', 'in', (eb) =>
      eb.selectFrom('activityFacilitators').select('activityId').where('userId', '=', filter.facilitatorId!),
    );
  }
  const rows = await query.orderBy('s.startsAt').orderBy('s.id').limit(filter.limit ?? 500).execute();
  return rows.map((row) => ({ ...row, isException: asBool(row.isException) }));
}

export interface SeatCount {
  confirmed: number;
  waitlisted: number;
}

export async function seatCounts(db: Q, sessionIds: string[]): Promise<Map<string, SeatCount>> {
  const counts = new Map<string, SeatCount>(sessionIds.map((id) => [id, { confirmed: 0, waitlisted: 0 }]));
  if (sessionIds.length === 0) return counts;
  const rows = await db
    .selectFrom('activityRegistrations')
    .select(['sessionId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sessionId', 'in', sessionIds)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .groupBy(['sessionId', 'status'])
    .execute();
  for (const row of rows) {
    const count = counts.get(row.sessionId)!;
    if (row.status === 'confirmed') count.confirmed = Number(row.n);
    else count.waitlisted = Number(row.n);
  }
  return counts;
}

// — registrations —

/** One registration, every column given (the common case: one session). */
const insertOneRegistration = prepared('insertRegistration', (db, row: RegistrationRow) =>
  db.insertInto('activityRegistrations').values({
    id: row.id, centerId: row.centerId, activityId: row.activityId, sessionId: row.sessionId, personId: row.personId, groupId: row.groupId,
    status: row.status, waitlistPosition: row.waitlistPosition, source: row.source, guardianName: row.guardianName, contactPhone: row.contactPhone,
    contactEmail: row.contactEmail, parentalAuthorisation: row.parentalAuthorisation, remindersConsent: row.remindersConsent, matchStatus: row.matchStatus,
    submitted: row.submitted, cancelledAt: row.cancelledAt, cancelledBy: row.cancelledBy, promotedAt: row.promotedAt, createdBy: row.createdBy,
    createdAt: row.createdAt, updatedAt: row.updatedAt,
  }));

export async function insertRegistrations(db: Q, rows: RegistrationRow[]): Promise<void> {
  if (rows.length === 1) {
    await insertOneRegistration.affected(db, rows[0]!);
    return;
  }
  for (let i = 0; i < rows.length; i += 25) await db.insertInto('activityRegistrations').values(rows.slice(i, i + 25)).execute();
}

export async function updateRegistrations(
  db: Q,
  centerId: string,
  ids: string[],
  patch: Partial<Omit<RegistrationRow, 'id' | 'centerId'>>,
): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('activityRegistrations').set(patch).where('centerId', '=', centerId).where('id', 'in', ids).execute();
}

export async function findRegistration(db: Q, centerId: string, id: string): Promise<RegistrationRow | undefined> {
  const row = await db.selectFrom('activityRegistrations').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row && toRegistration(row);
}

/** Registrations of the centre by id, in the order of the ids (unknown ids left out). */
export async function findRegistrations(db: Q, centerId: string, ids: string[]): Promise<RegistrationRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('activityRegistrations').selectAll().where('centerId', '=', centerId).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, toRegistration(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A group by id alone: the signed cancel link carries no centre. */
export async function findGroup(db: Q, groupId: string): Promise<RegistrationRow[]> {
  const rows = await db
    .selectFrom('activityRegistrations as r')
    .innerJoin('activitySessions as s', 's.id', 'r.sessionId')
    .selectAll('r')
    .where('r.groupId', '=', groupId)
    .orderBy('s.startsAt')
    .execute();
  return rows.map(toRegistration);
}

export async function listRegistrationsOfSession(db: Q, centerId: string, sessionId: string, options: { activeOnly?: boolean } = {}): Promise<RegistrationRow[]> {
  let query = db.selectFrom('activityRegistrations').selectAll().where('centerId', '=', centerId).where('sessionId', '=', sessionId);
  if (options.activeOnly) query = query.where('status', '<>', 'cancelled');
  const rows = await query.orderBy('status').orderBy('waitlistPosition').orderBy('createdAt').orderBy('id').execute();
  return rows.map(toRegistration);
}

/** The person's active registrations among these sessions (the double-registration check). */
export async function findActiveRegistrations(db: Q, centerId: string, personId: string, sessionIds: string[]): Promise<RegistrationRow[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('activityRegistrations')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('personId', '=', personId)
    .where('sessionId', 'in', sessionIds)
    .where('status', '<>', 'cancelled')
    .execute();
  return rows.map(toRegistration);
}

export async function countConfirmed(db: Q, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('activityRegistrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sessionId', '=', sessionId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What a registration decides on, read under the session's lock in one statement: the
 * activity's capacity, the session's confirmed seats, the last place in its waiting line (0
 * when none), and whether the person already holds an active registration for it. A waiting
 * registration alone has a place in line (it is cleared on promotion and cancellation), so the
 * last place is read from the index's waitlisted end, not from every registration.
 */
export interface SeatsAndLine {
  capacity: number;
  confirmed: number;
  lastInLine: number;
  alreadyRegistered: boolean;
}

const seatsAndLine = prepared('seatsAndLine', (db, p: { centerId: string; activityId: string; sessionId: string; personId: string }) =>
  db.selectNoFrom((eb) => [
    eb.selectFrom('activities').select('capacity').where('centerId', '=', p.centerId).where('id', '=', p.activityId).as('capacity'),
    eb.selectFrom('activityRegistrations').select((e) => e.fn.countAll<number>().as('n'))
      .where('sessionId', '=', p.sessionId).where('status', '=', 'confirmed').as('confirmed'),
    eb.selectFrom('activityRegistrations').select((e) => e.fn.max('waitlistPosition').as('n'))
      .where('sessionId', '=', p.sessionId).where('status', '=', 'waitlisted').as('lastInLine'),
    eb.selectFrom('activityRegistrations').select((e) => e.fn.countAll<number>().as('n'))
      .where('centerId', '=', p.centerId).where('sessionId', '=', p.sessionId).where('personId', '=', p.personId).where('status', '<>', 'cancelled')
      .as('registered'),
  ]));

export async function countSeatsAndLine(db: Q, centerId: string, activityId: string, sessionId: string, personId: string): Promise<SeatsAndLine | undefined> {
  const row = await seatsAndLine.first(db, { centerId, activityId, sessionId, personId });
  if (!row || row.capacity === null) return undefined;
  return { capacity: Number(row.capacity), confirmed: Number(row.confirmed ?? 0), lastInLine: Number(row.lastInLine ?? 0), alreadyRegistered: Number(row.registered ?? 0) > 0 };
}

/** Waiting registrations of a session, first in line first. */
export async function listWaitlisted(db: Q, sessionId: string): Promise<RegistrationRow[]> {
  const rows = await db
    .selectFrom('activityRegistrations')
    .selectAll()
    .where('sessionId', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .orderBy('waitlistPosition')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map(toRegistration);
}

export async function listRegistrationsOfPerson(db: Q, centerId: string, personId: string) {
  const rows = await db
    .selectFrom('activityRegistrations as r')
    .innerJoin('activitySessions as s', 's.id', 'r.sessionId')
    .innerJoin('activities as a', 'a.id', 'r.activityId')
    .selectAll('r')
    .select(['s.startsAt', 's.endsAt', 's.status as sessionStatus', 'a.title'])
    .where('r.centerId', '=', centerId)
    .where('r.personId', '=', personId)
    .orderBy('s.startsAt', 'desc')
    .limit(500)
    .execute();
  return rows.map((row) => ({ ...row, parentalAuthorisation: asBool(row.parentalAuthorisation), remindersConsent: asBool(row.remindersConsent) }));
}

export interface DueReminder {
  id: string;
  centerId: string;
  personId: string;
  sessionId: string;
  activityId: string;
  contactPhone: string | null;
  contactEmail: string | null;
  matchStatus: string;
  remindersConsent: boolean;
  startsAt: string;
  endsAt: string;
  title: string;
  siteId: string | null;
  activitySiteId: string;
}

/**
 * Confirmed registrations of scheduled sessions starting within the window, across centres
 * (the reminder job is system-wide). Registrations made inside the window already got their
 * confirmation a moment ago and are left out.
 */
export async function listDueReminders(db: Q, from: string, to: string, limit = 500): Promise<DueReminder[]> {
  const rows = await db
    .selectFrom('activityRegistrations as r')
    .innerJoin('activitySessions as s', 's.id', 'r.sessionId')
    .innerJoin('activities as a', 'a.id', 'r.activityId')
    .select([
      'r.id', 'r.centerId', 'r.personId', 'r.sessionId', 'r.activityId', 'r.contactPhone', 'r.contactEmail', 'r.matchStatus',
      'r.remindersConsent', 'r.createdAt', 'r.promotedAt', 's.startsAt', 's.endsAt', 'a.title', 's.siteId', 'a.siteId as activitySiteId',
    ])
    .where('r.status', '=', 'confirmed')
    .where('s.status', '=', 'scheduled')
    .where('a.archivedAt', 'is', null)
    .where('s.startsAt', '>', from)
    .where('s.startsAt', '<=', to)
    .orderBy('s.startsAt')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, remindersConsent: asBool(row.remindersConsent) }));
}

/** Registrations promoted from the waiting list recently (their notice is re-queued idempotently). */
export async function listRecentlyPromoted(db: Q, since: string, limit = 500): Promise<RegistrationRow[]> {
  const rows = await db
    .selectFrom('activityRegistrations')
    .selectAll()
    .where('promotedAt', '>=', since)
    .where('status', '=', 'confirmed')
    .orderBy('promotedAt')
    .limit(limit)
    .execute();
  return rows.map(toRegistration);
}

/** Persons registered in the sessions of the activities a user runs (volunteers' access). */
export async function personIdsOfFacilitator(db: Q, centerId: string, userId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('activityRegistrations as r')
    .innerJoin('activitySessions as s', 's.id', 'r.sessionId')
    .innerJoin('activityFacilitators as f', 'f.activityId', 'r.activityId')
    .select('r.personId')
    .distinct()
    .where('r.centerId', '=', centerId)
    .where('f.userId', '=', userId)
    .where('r.status', '<>', 'cancelled')
    .where('s.startsAt', '>=', since)
    .execute();
  const walkIns = await db
    .selectFrom('activityAttendance as t')
    .innerJoin('activityFacilitators as f', 'f.activityId', 't.activityId')
    .select('t.personId')
    .distinct()
    .where('t.centerId', '=', centerId)
    .where('f.userId', '=', userId)
    .where('t.sessionStartsAt', '>=', since)
    .execute();
  return [...new Set([...rows, ...walkIns].map((r) => r.personId))];
}

// — attendance —

export async function upsertAttendance(db: Q, rows: AttendanceRow[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('activityAttendance')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['sessionId', 'personId']).doUpdateSet({
          status: row.status,
          registrationId: row.registrationId,
          theme: row.theme,
          level: row.level,
          equipment: row.equipment,
          durationMinutes: row.durationMinutes,
          sessionStartsAt: row.sessionStartsAt,
          siteId: row.siteId,
          recordedBy: row.recordedBy,
          recordedAt: row.recordedAt,
        }),
      )
      .execute();
  }
}

export async function listAttendance(db: Q, centerId: string, sessionId: string): Promise<AttendanceRow[]> {
  const rows = await db.selectFrom('activityAttendance').selectAll().where('centerId', '=', centerId).where('sessionId', '=', sessionId).orderBy('recordedAt').execute();
  return rows.map(toAttendance);
}

export async function listAttendanceOfPerson(db: Q, centerId: string, personId: string) {
  const rows = await db
    .selectFrom('activityAttendance as t')
    .innerJoin('activities as a', 'a.id', 't.activityId')
    .selectAll('t')
    .select(['a.title'])
    .where('t.centerId', '=', centerId)
    .where('t.personId', '=', personId)
    .orderBy('t.sessionStartsAt', 'desc')
    .limit(500)
    .execute();
  return rows.map((row) => ({ ...row, walkIn: asBool(row.walkIn) }));
}

export async function updateAttendanceSnapshot(db: Q, centerId: string, sessionId: string, patch: { sessionStartsAt: string; durationMinutes: number; siteId: string | null }): Promise<void> {
  await db.updateTable('activityAttendance').set(patch).where('centerId', '=', centerId).where('sessionId', '=', sessionId).execute();
}

// — a person's data (merge, erase) —

export async function mergePersonRegistrations(db: Q, centerId: string, keepId: string, duplicateId: string, now: string): Promise<void> {
  // Where both held an active registration for one session, the duplicate's is cancelled
  // first, so that the unique index holds after re-pointing.
  const keptSessions = db
    .selectFrom('activityRegistrations')
    .select('sessionId')
    .where('centerId', '=', centerId)
    .where('personId', '=', keepId)
    .where('status', '<>', 'cancelled');
  await db
    .updateTable('activityRegistrations')
    .set({ status: 'cancelled', waitlistPosition: null, cancelledAt: now, cancelledBy: 'merge', updatedAt: now })
    .where('centerId', '=', centerId)
    .where('personId', '=', duplicateId)
    .where('status', '<>', 'cancelled')
    .where('sessionId', 'in', keptSessions)
    .execute();
  await db.updateTable('activityRegistrations').set({ personId: keepId, updatedAt: now }).where('centerId', '=', centerId).where('personId', '=', duplicateId).execute();
  const keptAttendance = db.selectFrom('activityAttendance').select('sessionId').where('centerId', '=', centerId).where('personId', '=', keepId);
  await db.deleteFrom('activityAttendance').where('centerId', '=', centerId).where('personId', '=', duplicateId).where('sessionId', 'in', keptAttendance).execute();
  await db.updateTable('activityAttendance').set({ personId: keepId }).where('centerId', '=', centerId).where('personId', '=', duplicateId).execute();
}

/** Clears what could identify the person on their registrations; attendance figures stay. */
export async function erasePersonRegistrations(db: Q, centerId: string, personId: string, now: string): Promise<RegistrationRow[]> {
  await db
    .updateTable('activityRegistrations')
    .set({ guardianName: null, contactPhone: null, contactEmail: null, submitted: null, updatedAt: now })
    .where('centerId', '=', centerId)
    .where('personId', '=', personId)
    .execute();
  const future = await db
    .selectFrom('activityRegistrations as r')
    .innerJoin('activitySessions as s', 's.id', 'r.sessionId')
    .selectAll('r')
    .where('r.centerId', '=', centerId)
    .where('r.personId', '=', personId)
    .where('r.status', '<>', 'cancelled')
    .where('s.startsAt', '>', now)
    .execute();
  return future.map(toRegistration);
}

// — calendar feed tokens —

export async function replaceCalendarToken(db: Q, row: { id: string; centerId: string; userId: string; tokenHash: string; createdAt: string }): Promise<void> {
  await db.deleteFrom('calendarTokens').where('userId', '=', row.userId).execute();
  await db.insertInto('calendarTokens').values(row).execute();
}

export async function findCalendarToken(db: Q, tokenHash: string) {
  return db
    .selectFrom('calendarTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select(['t.userId', 't.centerId', 't.createdAt', 'u.active', 'u.displayName', 'u.role'])
    .where('t.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findCalendarTokenOfUser(db: Q, centerId: string, userId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('calendarTokens').select('id').where('centerId', '=', centerId).where('userId', '=', userId).executeTakeFirst();
}

/** Of these sessions, the ones where at least one attendance mark was recorded. */
export async function sessionIdsWithAttendance(db: Q, centerId: string, sessionIds: string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('activityAttendance')
    .select('sessionId')
    .distinct()
    .where('centerId', '=', centerId)
    .where('sessionId', 'in', sessionIds)
    .execute();
  return new Set(rows.map((r) => r.sessionId));
}

/** Persons registered or present since an instant (the retention purge keeps their file). */
export async function personsActiveSince(db: Q, centerId: string, since: string): Promise<string[]> {
  const registered = await db.selectFrom('activityRegistrations').select('personId').distinct()
    .where('centerId', '=', centerId).where('createdAt', '>=', since).execute();
  const present = await db.selectFrom('activityAttendance').select('personId').distinct()
    .where('centerId', '=', centerId).where('sessionStartsAt', '>=', since).execute();
  return [...registered, ...present].map((r) => r.personId);
}
