/**
 * The team module's SQL: profiles, absences, trainings required per kind of assignment,
 * assignments and calendar tokens. Every function takes `db` (or a transaction) and the
 * centre id it is scoped to (the calendar lookup by token hash answers the centre); nothing
 * here decides — the services do.
 */
import type { Kysely, Selectable } from 'kysely';
import type {
  Database, TeamAbsencesTable, TeamAssignmentsTable, TeamCalendarTokensTable, TeamKindRequirementsTable, TeamProfilesTable,
} from '../../db/schema.ts';

type Q = Kysely<Database>;

export type ProfileRow = Selectable<TeamProfilesTable>;
export type AbsenceRow = Selectable<TeamAbsencesTable>;
export type KindRequirementRow = Selectable<TeamKindRequirementsTable>;
export type AssignmentRow = Selectable<TeamAssignmentsTable>;
type TokenRow = Selectable<TeamCalendarTokensTable>;

// — profiles —

export async function findProfile(db: Q, centerId: string, userId: string): Promise<ProfileRow | undefined> {
  return db.selectFrom('teamProfiles').selectAll().where('centerId', '=', centerId).where('userId', '=', userId).executeTakeFirst();
}

export async function listProfiles(db: Q, centerId: string): Promise<ProfileRow[]> {
  return db.selectFrom('teamProfiles').selectAll().where('centerId', '=', centerId).execute();
}

/** Creates or replaces a member's profile (one per staff account). */
export async function saveProfile(db: Q, row: ProfileRow): Promise<void> {
  const { id: _id, centerId, userId, createdAt: _created, ...fields } = row;
  const updated = await db.updateTable('teamProfiles').set(fields).where('centerId', '=', centerId).where('userId', '=', userId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('teamProfiles').values(row).execute();
}

// — absences —

export async function insertAbsence(db: Q, row: AbsenceRow): Promise<void> {
  await db.insertInto('teamAbsences').values(row).execute();
}

export async function deleteAbsence(db: Q, centerId: string, userId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('teamAbsences').where('centerId', '=', centerId).where('userId', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A member's absences that end on or after `fromDay` (all of them when omitted). */
export async function listAbsences(db: Q, centerId: string, userId: string, fromDay?: string): Promise<AbsenceRow[]> {
  let query = db.selectFrom('teamAbsences').selectAll().where('centerId', '=', centerId).where('userId', '=', userId);
  if (fromDay) query = query.where('lastDay', '>=', fromDay);
  return query.orderBy('firstDay').orderBy('id').execute();
}

/** A member's absences that cover `day`. */
export async function absencesOn(db: Q, centerId: string, userId: string, day: string): Promise<AbsenceRow[]> {
  return db
    .selectFrom('teamAbsences')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('userId', '=', userId)
    .where('firstDay', '<=', day)
    .where('lastDay', '>=', day)
    .execute();
}

// — trainings required per kind of assignment —

export async function listKindRequirements(db: Q, centerId: string, kind?: string): Promise<KindRequirementRow[]> {
  let query = db.selectFrom('teamKindRequirements').selectAll().where('centerId', '=', centerId);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('kind').orderBy('createdAt').orderBy('id').execute();
}

export async function insertKindRequirement(db: Q, row: KindRequirementRow): Promise<void> {
  await db.insertInto('teamKindRequirements').values(row).execute();
}

export async function deleteKindRequirement(db: Q, centerId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('teamKindRequirements').where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// — assignments —

export async function insertAssignment(db: Q, row: AssignmentRow): Promise<void> {
  await db.insertInto('teamAssignments').values(row).execute();
}

export async function findAssignment(db: Q, centerId: string, id: string): Promise<AssignmentRow | undefined> {
  return db.selectFrom('teamAssignments').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function deleteAssignment(db: Q, centerId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('teamAssignments').where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Assignments starting within [from, to), optionally of one member, in time order. */
export async function listAssignments(db: Q, centerId: string, filter: { from: string; to: string; userId?: string }): Promise<AssignmentRow[]> {
  let query = db.selectFrom('teamAssignments').selectAll().where('centerId', '=', centerId).where('startsAt', '>=', filter.from).where('startsAt', '<', filter.to);
  if (filter.userId) query = query.where('userId', '=', filter.userId);
  return query.orderBy('startsAt').orderBy('id').execute();
}

/** A member's assignments that still take place and share some time with [startsAt, endsAt). */
export async function overlappingAssignments(db: Q, centerId: string, userId: string, startsAt: string, endsAt: string): Promise<AssignmentRow[]> {
  return db
    .selectFrom('teamAssignments')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('userId', '=', userId)
    .where('cancelledAt', 'is', null)
    .where('startsAt', '<', endsAt)
    .where('endsAt', '>', startsAt)
    .orderBy('startsAt')
    .execute();
}

/** Who is assigned (not cancelled) to a session or a tour, by name. */
export async function staffOf(db: Q, centerId: string, slot: { kind: 'session' | 'tour'; id: string }): Promise<{ userId: string; displayName: string }[]> {
  return db
    .selectFrom('teamAssignments')
    .innerJoin('users', 'users.id', 'teamAssignments.userId')
    .select(['teamAssignments.userId', 'users.displayName'])
    .where('teamAssignments.centerId', '=', centerId)
    .where('users.centerId', '=', centerId)
    .where('teamAssignments.kind', '=', slot.kind)
    .where(slot.kind === 'session' ? 'teamAssignments.sessionId' : 'teamAssignments.tourId', '=', slot.id)
    .where('teamAssignments.cancelledAt', 'is', null)
    .orderBy('users.displayName')
    .execute();
}

/**
 * The assignments to a session or a tour follow it: its new times (and a session's title and
 * place); a cancelled one keeps the instant it was first known cancelled. Each change moves the
 * iCalendar SEQUENCE on.
 */
export async function followSlot(
  db: Q,
  centerId: string,
  slot: { kind: 'session' | 'tour'; id: string },
  change: { title?: string; place?: string | null; startsAt: string; endsAt: string; day: string; cancelled: boolean },
  at: string,
): Promise<void> {
  await db
    .updateTable('teamAssignments')
    .set((eb) => ({
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(change.place !== undefined ? { place: change.place } : {}),
      startsAt: change.startsAt,
      endsAt: change.endsAt,
      day: change.day,
      cancelledAt: change.cancelled ? eb.fn.coalesce('cancelledAt', eb.val(at)) : null,
      sequence: eb('sequence', '+', 1),
      updatedAt: at,
    }))
    .where('centerId', '=', centerId)
    .where('kind', '=', slot.kind)
    .where(slot.kind === 'session' ? 'sessionId' : 'tourId', '=', slot.id)
    .execute();
}

// — calendar tokens —

/** Replaces a member's calendar token (the old address stops working). */
export async function replaceCalendarToken(db: Q, row: TokenRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('teamCalendarTokens').where('centerId', '=', row.centerId).where('userId', '=', row.userId).execute();
    await trx.insertInto('teamCalendarTokens').values(row).execute();
  });
}

export async function findCalendarTokenOfUser(db: Q, centerId: string, userId: string): Promise<TokenRow | undefined> {
  return db.selectFrom('teamCalendarTokens').selectAll().where('centerId', '=', centerId).where('userId', '=', userId).executeTakeFirst();
}

/** The token row with this hash and whether its account is still active. */
export async function findCalendarToken(db: Q, tokenHash: string): Promise<(TokenRow & { active: unknown; displayName: string }) | undefined> {
  return db
    .selectFrom('teamCalendarTokens')
    .innerJoin('users', 'users.id', 'teamCalendarTokens.userId')
    .selectAll('teamCalendarTokens')
    .select(['users.active', 'users.displayName'])
    .where('teamCalendarTokens.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}
