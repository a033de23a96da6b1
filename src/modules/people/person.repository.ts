import { sql, type Kysely, type Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type { Database, PersonsTable } from '../../db/schema.ts';
import { escapeLike, sortFrench } from '../../platform/text.ts';
import { searchTermsOf } from './search-text.ts';

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

/** Inserts the person and the words of its search text (call inside the creating transaction). */
export async function insertPerson(db: Q, row: PersonRow): Promise<void> {
  await db.insertInto('persons').values(row).execute();
  if (row.mergedIntoId === null && row.erasedAt === null) await insertSearchTerms(db, row.centerId, row.id, row.searchText);
}

export async function updatePerson(
  db: Q,
  centerId: string,
  id: string,
  values: Partial<Omit<PersonRow, 'id' | 'centerId' | 'createdAt' | 'createdBy'>>,
): Promise<void> {
  await db.updateTable('persons').set(values).where('centerId', '=', centerId).where('id', '=', id).execute();
  if (values.searchText !== undefined || values.mergedIntoId != null || values.erasedAt != null) {
    await syncSearchTerms(db, centerId, id);
  }
}

/**
 * The words a person is found by follow its stored search text: replaced when the text
 * changes, removed once the file is merged into another or erased (never listed again).
 */
async function syncSearchTerms(db: Q, centerId: string, personId: string): Promise<void> {
  await db.deleteFrom('personSearchTerms').where('centerId', '=', centerId).where('personId', '=', personId).execute();
  const row = await db
    .selectFrom('persons')
    .select(['searchText', 'mergedIntoId', 'erasedAt'])
    .where('centerId', '=', centerId)
    .where('id', '=', personId)
    .executeTakeFirst();
  if (row && row.mergedIntoId === null && row.erasedAt === null) await insertSearchTerms(db, centerId, personId, row.searchText);
}

async function insertSearchTerms(db: Q, centerId: string, personId: string, searchText: string): Promise<void> {
  const terms = searchTermsOf(searchText);
  if (terms.length === 0) return;
  await db
    .insertInto('personSearchTerms')
    .values(terms.map((term) => ({ centerId, personId, term })))
    .execute();
}

export interface SearchScope {
  /** Only these persons, plus those created by `createdBy` (volunteers); undefined: all. */
  ids?: string[];
  createdBy?: string | null;
}

/**
 * Live persons with a word starting with every token, sorted by name. Each token is a range
 * of the person_search_terms primary key: words hold only [a-z0-9@.+], all below '{', so
 * [token, token + '{') is exactly the words starting with the token (byte order: the column
 * is COLLATE "C" on PostgreSQL, SQLite compares bytes).
 *
 * The matching ids are a derived table joined to persons rather than `id in (…)`: a name
 * search matches persons clustered in name order, which PostgreSQL's planner cannot know, so
 * with `in` it walks the name index hoping to meet 25 matches early (thousands of probes for
 * « Lefèvre »). Only live files have words, so without a volunteer's scope the total is
 * counted on the words' index alone.
 */
export async function searchPersons(
  db: Q,
  centerId: string,
  tokens: string[],
  scope: SearchScope,
  limit: number,
  offset: number,
): Promise<{ rows: PersonRow[]; total: number }> {
  const ids = scope.ids;
  const createdBy = scope.createdBy ?? null;
  if (ids !== undefined && ids.length === 0 && createdBy === null) return { rows: [], total: 0 };
  const matched = matchingPersonIds(db, centerId, tokens);
  let query = db
    .selectFrom('persons')
    .$if(matched !== undefined, (q) => q.innerJoin(matched!.as('matched'), 'matched.personId', 'persons.id'))
    .where('persons.centerId', '=', centerId)
    .where('persons.mergedIntoId', 'is', null)
    .where('persons.erasedAt', 'is', null);
  if (ids !== undefined) {
    query = query.where((eb) => {
      const ors = [];
      if (ids.length > 0) ors.push(eb('persons.id', 'in', ids));
      if (createdBy !== null) ors.push(eb('persons.createdBy', '=', createdBy));
      return eb.or(ors);
    });
  }
  const countQuery =
    matched !== undefined && ids === undefined
      ? db.selectFrom(matched.as('matched')).select((eb) => eb.fn.countAll<number>().as('n'))
      : query.select((eb) => eb.fn.countAll<number>().as('n'));
  const countRow = await countQuery.executeTakeFirst();
  const rows = await query
    .selectAll('persons')
    .orderBy('persons.lastName')
    .orderBy('persons.firstName')
    .orderBy('persons.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: Number(countRow?.n ?? 0) };
}

/** Distinct ids of the persons having a word that starts with each token; undefined: no token. */
function matchingPersonIds(db: Q, centerId: string, tokens: string[]) {
  const [first, ...rest] = tokens;
  if (first === undefined) return undefined;
  const startingWith = (token: string) =>
    db
      .selectFrom('personSearchTerms')
      .select('personId')
      .where('centerId', '=', centerId)
      .where('term', '>=', token)
      .where('term', '<', `${token}{`);
  let ids = startingWith(first).distinct();
  for (const token of rest) ids = ids.intersect(startingWith(token));
  return ids;
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
  const rows = await db.selectFrom('households').select(['id', 'name']).where('centerId', '=', centerId).orderBy('name').limit(2000).execute();
  return sortFrench(rows, (h) => h.name);
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
    .execute()
    .then((rows) => sortFrench(rows, (p) => `${p.lastName ?? ''} ${p.firstName ?? ''}`));
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
  // Two edits of the same file at once both see "no membership this year": the second one
  // updates the row the first inserted instead of failing on the (person, year) key.
  await db
    .insertInto('memberships')
    .values(row)
    .onConflict((oc) => oc.columns(['personId', 'year']).doUpdateSet({ amountCents: row.amountCents }))
    .execute();
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
