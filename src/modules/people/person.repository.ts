import { sql, type Kysely, type Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type { Database, PersonsTable } from '../../db/schema.ts';
import { escapeLike } from '../../platform/text.ts';

/** The people module's SQL: persons, households, memberships and consents, always per centre. */
type Q = Kysely<Database>;

export type PersonRow = Selectable<PersonsTable>;

export interface HouseholdRow {
  id: string;
  name: string;
}

export interface MembershipRow {
  id: string;
  personId: string;
  year: number;
  amountCents: number | null;
  recordedAt: string;
}

export interface ConsentRow {
  id: string;
  personId: string;
  kind: string;
  granted: boolean;
  wordingVersion: string;
  recordedAt: string;
  recordedBy: string | null;
}

export async function findPerson(db: Q, centerId: string, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function findPersons(db: Q, centerId: string, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('persons').selectAll().where('centerId', '=', centerId).where('id', 'in', ids).execute();
}

export async function insertPerson(db: Q, row: PersonRow): Promise<void> {
  await db.insertInto('persons').values(row).execute();
}

export async function updatePerson(
  db: Q,
  centerId: string,
  id: string,
  values: Partial<Omit<PersonRow, 'id' | 'centerId' | 'createdAt' | 'createdBy'>>,
): Promise<void> {
  await db.updateTable('persons').set(values).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export interface SearchScope {
  /** Only these persons, plus those created by `createdBy` (volunteers); undefined: all. */
  ids?: string[];
  createdBy?: string | null;
}

/** Live persons whose folded search text contains every token, sorted by name. */
export async function searchPersons(
  db: Q,
  centerId: string,
  tokens: string[],
  scope: SearchScope,
  limit: number,
  offset: number,
): Promise<{ rows: PersonRow[]; total: number }> {
  let query = db
    .selectFrom('persons')
    .where('centerId', '=', centerId)
    .where('mergedIntoId', 'is', null)
    .where('erasedAt', 'is', null);
  for (const token of tokens) {
    // Explicit ESCAPE: SQLite has no default escape character for LIKE.
    query = query.where(sql<boolean>`${sql.ref('searchText')} like ${`%${escapeLike(token)}%`} escape '\\'`);
  }
  if (scope.ids !== undefined) {
    const ids = scope.ids;
    const createdBy = scope.createdBy ?? null;
    if (ids.length === 0 && createdBy === null) return { rows: [], total: 0 };
    query = query.where((eb) => {
      const ors = [];
      if (ids.length > 0) ors.push(eb('id', 'in', ids));
      if (createdBy !== null) ors.push(eb('createdBy', '=', createdBy));
      return eb.or(ors);
    });
  }
  const countRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy('lastName')
    .orderBy('firstName')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: Number(countRow?.n ?? 0) };
}

/**
 * Live persons that may be the same as the one described: folded full name starting the
 * same way (checked exactly by the service), or the same phone, or the same e-mail.
 */
export async function findDuplicateCandidates(
  db: Q,
  centerId: string,
  criteria: { foldedName: string | null; phone: string | null; email: string | null; excludeIds: string[] },
): Promise<PersonRow[]> {
  const { foldedName, phone, email, excludeIds } = criteria;
  if (!foldedName && !phone && !email) return [];
  let query = db
    .selectFrom('persons')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('mergedIntoId', 'is', null)
    .where('erasedAt', 'is', null)
    .where((eb) => {
      const ors = [];
      if (foldedName) ors.push(sql<boolean>`${sql.ref('searchText')} like ${`${escapeLike(foldedName)}%`} escape '\\'`);
      if (phone) ors.push(eb('phone', '=', phone));
      if (email) ors.push(eb('email', '=', email));
      return eb.or(ors);
    });
  if (excludeIds.length > 0) query = query.where('id', 'not in', excludeIds);
  return query.orderBy('lastName').orderBy('firstName').limit(50).execute();
}

/** Persons merged into this one (directly), whose data must follow it on erasure and export. */
export async function listMergedInto(db: Q, centerId: string, id: string): Promise<string[]> {
  const rows = await db.selectFrom('persons').select('id').where('centerId', '=', centerId).where('mergedIntoId', '=', id).execute();
  return rows.map((r) => r.id);
}

export async function repointMerged(db: Q, centerId: string, fromId: string, toId: string, now: string): Promise<void> {
  await db
    .updateTable('persons')
    .set({ mergedIntoId: toId, updatedAt: now })
    .where('centerId', '=', centerId)
    .where('mergedIntoId', '=', fromId)
    .execute();
}

// ---- Households ----

export async function listHouseholds(db: Q, centerId: string): Promise<HouseholdRow[]> {
  return db.selectFrom('households').select(['id', 'name']).where('centerId', '=', centerId).orderBy('name').limit(2000).execute();
}

export async function findHousehold(db: Q, centerId: string, id: string): Promise<HouseholdRow | undefined> {
  return db.selectFrom('households').select(['id', 'name']).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function insertHousehold(db: Q, row: { id: string; centerId: string; name: string; createdAt: string }): Promise<void> {
  await db.insertInto('households').values(row).execute();
}

export async function householdMembers(db: Q, centerId: string, householdId: string): Promise<PersonRow[]> {
  return db
    .selectFrom('persons')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('householdId', '=', householdId)
    .where('mergedIntoId', 'is', null)
    .where('erasedAt', 'is', null)
    .orderBy('lastName')
    .orderBy('firstName')
    .execute();
}

/** Deletes the household when no person row points to it any more (its name may identify a family). */
export async function deleteHouseholdIfEmpty(db: Q, centerId: string, householdId: string): Promise<void> {
  const used = await db
    .selectFrom('persons')
    .select('id')
    .where('centerId', '=', centerId)
    .where('householdId', '=', householdId)
    .limit(1)
    .executeTakeFirst();
  if (!used) await db.deleteFrom('households').where('centerId', '=', centerId).where('id', '=', householdId).execute();
}

// ---- Memberships ----

export async function listMemberships(db: Q, centerId: string, personId: string): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .select(['id', 'personId', 'year', 'amountCents', 'recordedAt'])
    .where('centerId', '=', centerId)
    .where('personId', '=', personId)
    .orderBy('year', 'desc')
    .execute();
}

export async function insertMembership(
  db: Q,
  row: { id: string; centerId: string; personId: string; year: number; amountCents: number | null; recordedAt: string },
): Promise<void> {
  await db.insertInto('memberships').values(row).execute();
}

export async function updateMembershipAmount(db: Q, centerId: string, id: string, amountCents: number | null): Promise<void> {
  await db.updateTable('memberships').set({ amountCents }).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function deleteMembership(db: Q, centerId: string, id: string): Promise<void> {
  await db.deleteFrom('memberships').where('centerId', '=', centerId).where('id', '=', id).execute();
}

/** Moves memberships to another person, except for years that person already holds. */
export async function moveMemberships(db: Q, centerId: string, fromId: string, toId: string): Promise<number> {
  const held = (await listMemberships(db, centerId, toId)).map((m) => m.year);
  let query = db.updateTable('memberships').set({ personId: toId }).where('centerId', '=', centerId).where('personId', '=', fromId);
  if (held.length > 0) query = query.where('year', 'not in', held);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

// ---- Consents (append-only: the current state of a kind is its latest row) ----

export async function listConsents(db: Q, centerId: string, personId: string): Promise<ConsentRow[]> {
  const rows = await db
    .selectFrom('consents')
    .select(['id', 'personId', 'kind', 'granted', 'wordingVersion', 'recordedAt', 'recordedBy'])
    .where('centerId', '=', centerId)
    .where('personId', '=', personId)
    .orderBy('recordedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, granted: asBool(r.granted) }));
}

export async function insertConsent(
  db: Q,
  row: { id: string; centerId: string; personId: string; kind: string; granted: boolean; wordingVersion: string; recordedAt: string; recordedBy: string | null },
): Promise<void> {
  await db.insertInto('consents').values(row).execute();
}

export async function moveConsents(db: Q, centerId: string, fromId: string, toId: string): Promise<number> {
  const result = await db
    .updateTable('consents')
    .set({ personId: toId })
    .where('centerId', '=', centerId)
    .where('personId', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}
