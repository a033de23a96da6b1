import { sql, type Kysely, type Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import { prepared } from '../../db/prepared.ts';
import type { Database, PersonsTable } from '../../db/schema.ts';
import { escapeLike, sortFrench } from '../../platform/text.ts';
import { searchTermsOf, sortNameOf } from './search-text.ts';

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

// Read for every registration, every file opened, every consent recorded: compiled once.
const personById = prepared('findPerson', (db, p: { centerId: string; id: string }) =>
  db.selectFrom('persons').selectAll().where('centerId', '=', p.centerId).where('id', '=', p.id));

export function findPerson(db: Q, centerId: string, id: string): Promise<PersonRow | undefined> {
  return personById.first(db, { centerId, id });
}

/**
 * Files by id, of this centre only. Fetched by primary key and the centre checked on each row:
 * with `center_id = ?` in the query, SQLite may walk a centre index — every file of the centre,
 * 100,000 at a large one (110 ms measured) — instead of reading the few ids asked for.
 */
export async function findPersons(db: Q, centerId: string, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('persons').selectAll().where('id', 'in', ids).execute();
  return rows.filter((row) => row.centerId === centerId);
}

/**
 * Inserts the person, with its sort key, and the words of its search text (call inside the
 * creating transaction).
 */
export async function insertPerson(db: Q, row: Omit<PersonRow, 'sortName'>): Promise<void> {
  const sortName = sortNameOf(row);
  await db.insertInto('persons').values({ ...row, sortName }).execute();
  if (row.mergedIntoId === null && row.erasedAt === null) await insertSearchTerms(db, row.centerId, row.id, row.searchText, sortName);
}

export async function updatePerson(
  db: Q,
  centerId: string,
  id: string,
  values: Partial<Omit<PersonRow, 'id' | 'centerId' | 'createdAt' | 'createdBy' | 'sortName'>>,
): Promise<void> {
  const sortName = await sortNameChange(db, centerId, id, values);
  await db.updateTable('persons').set({ ...values, ...sortName }).where('centerId', '=', centerId).where('id', '=', id).execute();
  if (values.searchText !== undefined || sortName.sortName !== undefined || values.mergedIntoId != null || values.erasedAt != null) {
    await syncSearchTerms(db, centerId, id);
  }
}

/** The new sort key when a name changes (the other name read from the row if not given). */
async function sortNameChange(db: Q, centerId: string, id: string, values: Partial<Pick<PersonRow, 'firstName' | 'lastName'>>): Promise<{ sortName?: string }> {
  if (values.firstName === undefined && values.lastName === undefined) return {};
  const current = values.firstName === undefined || values.lastName === undefined ? await findPerson(db, centerId, id) : undefined;
  const firstName = values.firstName !== undefined ? values.firstName : (current?.firstName ?? null);
  const lastName = values.lastName !== undefined ? values.lastName : (current?.lastName ?? null);
  return { sortName: sortNameOf({ firstName, lastName }) };
}

/**
 * The words a person is found by follow its stored search text and sort key: replaced when
 * either changes, removed once the file is merged into another or erased (never listed again).
 */
async function syncSearchTerms(db: Q, centerId: string, personId: string): Promise<void> {
  await db.deleteFrom('personSearchTerms').where('centerId', '=', centerId).where('personId', '=', personId).execute();
  const row = await db
    .selectFrom('persons')
    .select(['searchText', 'sortName', 'mergedIntoId', 'erasedAt'])
    .where('centerId', '=', centerId)
    .where('id', '=', personId)
    .executeTakeFirst();
  if (row && row.mergedIntoId === null && row.erasedAt === null) await insertSearchTerms(db, centerId, personId, row.searchText, row.sortName);
}

async function insertSearchTerms(db: Q, centerId: string, personId: string, searchText: string, sortName: string): Promise<void> {
  const terms = searchTermsOf(searchText);
  if (terms.length === 0) return;
  await db
    .insertInto('personSearchTerms')
    .values(terms.map((term) => ({ centerId, personId, term, sortName })))
    .execute();
}

export interface SearchScope {
  /** Only these persons, plus those created by `createdBy` (volunteers); undefined: all. */
  ids?: string[];
  createdBy?: string | null;
}

/** A place in the list's order: the sort key and id of the person a page starts after or ends before. */
export interface ListPosition {
  sortName: string;
  id: string;
  direction: 'after' | 'before';
}

/**
 * Live persons of the centre with a word starting with every token, within the scope: the
 * base of both the page and its count.
 */
function livePersons(db: Q, centerId: string, tokens: string[], scope: SearchScope) {
  const { ids, createdBy = null } = scope;
  let query = db
    .selectFrom('persons')
    .where('persons.centerId', '=', centerId)
    .where('persons.mergedIntoId', 'is', null)
    .where('persons.erasedAt', 'is', null);
  // Probed by person, not by centre: (person_id, term) is then the only index that fits, and
  // the words' primary key (centre, term) would make each probe scan every word in the range.
  for (const token of tokens) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('personSearchTerms')
          .select('personSearchTerms.personId')
          .whereRef('personSearchTerms.personId', '=', 'persons.id')
          .where('personSearchTerms.term', '>=', token)
          .where('personSearchTerms.term', '<', `${token}{`),
      ),
    );
  }
  if (ids !== undefined) {
    query = query.where((eb) => {
      const ors = [];
      if (ids.length > 0) ors.push(eb('persons.id', 'in', ids));
      if (createdBy !== null) ors.push(eb('persons.createdBy', '=', createdBy));
      return eb.or(ors);
    });
  }
  return query;
}

/**
 * The search words starting with the token: a range of the words' index. Words hold only
 * [a-z0-9@.+], all below '{', so [token, token + '{') is exactly the words starting with the
 * token (byte order: the column is COLLATE "C" on PostgreSQL, SQLite compares bytes).
 */
function startingWith(db: Q, centerId: string, token: string) {
  return db
    .selectFrom('personSearchTerms')
    .select('personId')
    .where('centerId', '=', centerId)
    .where('term', '>=', token)
    .where('term', '<', `${token}{`);
}

function emptyScope(scope: SearchScope): boolean {
  return scope.ids !== undefined && scope.ids.length === 0 && (scope.createdBy ?? null) === null;
}

/**
 * One page of the list in French order (sort_name, then id), from a position: `limit` rows
 * after it, or the `limit` rows just before it (answered in list order). The query walks the
 * index (center_id, sort_name, id) of live files from the position and, for a search, checks
 * each person's words with the (person_id, term) index until the page is full. Right for the
 * whole list; a name search's matches are one block of the order, which the walk reaches
 * late, so a search reads `listMatchingPersons` instead.
 */
export async function listPersons(db: Q, centerId: string, tokens: string[], scope: SearchScope, limit: number, from?: ListPosition): Promise<PersonRow[]> {
  if (emptyScope(scope)) return [];
  const backwards = from?.direction === 'before';
  let query = livePersons(db, centerId, tokens, scope).selectAll('persons');
  if (from) {
    query = query.where((eb) => eb(eb.refTuple('persons.sortName', 'persons.id'), backwards ? '<' : '>', eb.tuple(from.sortName, from.id)));
  }
  const order = backwards ? 'desc' : 'asc';
  const rows = await query.orderBy('persons.sortName', order).orderBy('persons.id', order).limit(limit).execute();
  return backwards ? rows.reverse() : rows;
}

/**
 * The same page for a search, read from the words' index alone: the entries (word, sort key,
 * person) whose word starts with the first token — of persons who also have a word starting
 * with each other token, and within the scope — past the position, the best `limit` of them;
 * then only those files are read. Every matching file used to be read to be sorted.
 */
export async function listMatchingPersons(db: Q, centerId: string, tokens: string[], scope: SearchScope, limit: number, from?: ListPosition): Promise<PersonRow[]> {
  const [first, ...rest] = tokens;
  if (emptyScope(scope) || first === undefined) return listPersons(db, centerId, tokens, scope, limit, from);
  const backwards = from?.direction === 'before';
  let page = db
    .selectFrom('personSearchTerms as w')
    .select(['w.personId', 'w.sortName'])
    .where('w.centerId', '=', centerId)
    .where('w.term', '>=', first)
    .where('w.term', '<', `${first}{`);
  for (const token of rest) page = page.where('w.personId', 'in', startingWith(db, centerId, token));
  if (scope.ids !== undefined) {
    const { ids, createdBy = null } = scope;
    page = page.where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('w.personId', 'in', ids)] : []),
        ...(createdBy !== null ? [eb('w.personId', 'in', eb.selectFrom('persons').select('id').where('centerId', '=', centerId).where('createdBy', '=', createdBy))] : []),
      ]),
    );
  }
  if (from) page = page.where((eb) => eb(eb.refTuple('w.sortName', 'w.personId'), backwards ? '<' : '>', eb.tuple(from.sortName, from.id)));
  const order = backwards ? 'desc' : 'asc';
  const sorted = page.orderBy('w.sortName', order).orderBy('w.personId', order);
  // Without DISTINCT both databases keep only the best rows while they read (a bounded top-N
  // sort, 1 ms against 9 ms at 100,000 persons). A person comes twice only when two of their
  // words start with the token: a margin of rows absorbs the repeats, and when it does not,
  // the DISTINCT query answers.
  const margin = limit * 2;
  const read = await sorted.limit(margin).execute();
  let entries = [...new Map(read.map((e) => [e.personId, e])).values()];
  if (entries.length < limit && read.length === margin) entries = await sorted.distinct().limit(limit).execute();
  entries = entries.slice(0, limit);
  if (backwards) entries.reverse();
  const files = new Map((await findPersons(db, centerId, entries.map((e) => e.personId))).map((row) => [row.id, row]));
  // Only live files have words; the check stays in case one is read while being merged.
  return entries.map((e) => files.get(e.personId)).filter((row): row is PersonRow => row !== undefined && row.mergedIntoId === null && row.erasedAt === null);
}

/**
 * How many live persons match. Only live files have words, so without a volunteer's scope the
 * count is taken on the words' index alone.
 */
export async function countPersons(db: Q, centerId: string, tokens: string[], scope: SearchScope, upTo?: number): Promise<number> {
  if (emptyScope(scope)) return 0;
  const matched = matchingPersonIds(db, centerId, tokens);
  // With `upTo`, counting stops there (a LIMIT inside): a common name's 15,000 matches are
  // not all read to say "more than 1,000".
  const countQuery =
    matched !== undefined && scope.ids === undefined
      ? db.selectFrom((upTo === undefined ? matched : matched.limit(upTo)).as('matched')).select((eb) => eb.fn.countAll<number>().as('n'))
      : upTo === undefined
      ? livePersons(db, centerId, tokens, scope).select((eb) => eb.fn.countAll<number>().as('n'))
      : db.selectFrom(livePersons(db, centerId, tokens, scope).select('persons.id').limit(upTo).as('matched')).select((eb) => eb.fn.countAll<number>().as('n'));
  const row = await countQuery.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Distinct ids of the persons having a word that starts with each token; undefined: no token. */
function matchingPersonIds(db: Q, centerId: string, tokens: string[]) {
  const [first, ...rest] = tokens;
  if (first === undefined) return undefined;
  let ids = startingWith(db, centerId, first).distinct();
  for (const token of rest) ids = ids.intersect(startingWith(db, centerId, token));
  return ids;
}

/**
 * Live persons that may be the same as the one described: folded full name starting the
 * same way (checked exactly by the service), or the same phone, or the same e-mail; in the
 * list's French order.
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
  return query.orderBy('sortName').orderBy('id').limit(50).execute();
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

/** Files not erased, not merged away, neither created nor changed since the cutoff (retention). */
export async function filesUnchangedSince(db: Q, centerId: string, cutoff: string): Promise<string[]> {
  const rows = await db
    .selectFrom('persons')
    .select('id')
    .where('centerId', '=', centerId)
    .where('erasedAt', 'is', null)
    .where('mergedIntoId', 'is', null)
    .where('createdAt', '<', cutoff)
    .where('updatedAt', '<', cutoff)
    .execute();
  return rows.map((r) => r.id);
}
