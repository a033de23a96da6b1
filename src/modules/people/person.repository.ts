import { sql, type Kysely, type Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import { prepared } from '../../db/prepared.ts';
import type { Database, PersonsTable } from '../../db/schema.ts';
import { escapeLike, sortFrench } from '../../platform/text.ts';
import { SEARCH_PREFIX_LENGTH, searchPrefixesOf, searchTermsOf, sortNameOf } from './search-text.ts';

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
 * Inserts the person, with its sort key, and what a search finds it by (call inside the
 * creating transaction).
 */
export async function insertPerson(db: Q, row: Omit<PersonRow, 'sortName'>): Promise<void> {
  const sortName = sortNameOf(row);
  await db.insertInto('persons').values({ ...row, sortName }).execute();
  const state = { ...row, sortName };
  await insertSearchTerms(db, row.centerId, row.id, state);
  await insertSearchPrefixes(db, row.centerId, row.id, sortName, prefixesOfState(state));
}

export async function updatePerson(
  db: Q,
  centerId: string,
  id: string,
  values: Partial<Omit<PersonRow, 'id' | 'centerId' | 'createdAt' | 'createdBy' | 'sortName'>>,
): Promise<void> {
  const sortName = await sortNameChange(db, centerId, id, values);
  const reindex = values.searchText !== undefined || sortName.sortName !== undefined || values.mergedIntoId != null || values.erasedAt != null;
  const before = reindex ? await searchState(db, centerId, id) : undefined;
  await db.updateTable('persons').set({ ...values, ...sortName }).where('centerId', '=', centerId).where('id', '=', id).execute();
  if (reindex) await syncSearchRows(db, centerId, id, before);
}

/** The new sort key when a name changes (the other name read from the row if not given). */
async function sortNameChange(db: Q, centerId: string, id: string, values: Partial<Pick<PersonRow, 'firstName' | 'lastName'>>): Promise<{ sortName?: string }> {
  if (values.firstName === undefined && values.lastName === undefined) return {};
  const current = values.firstName === undefined || values.lastName === undefined ? await findPerson(db, centerId, id) : undefined;
  const firstName = values.firstName !== undefined ? values.firstName : (current?.firstName ?? null);
  const lastName = values.lastName !== undefined ? values.lastName : (current?.lastName ?? null);
  return { sortName: sortNameOf({ firstName, lastName }) };
}

type SearchState = Pick<PersonRow, 'searchText' | 'sortName' | 'mergedIntoId' | 'erasedAt'>;

async function searchState(db: Q, centerId: string, personId: string): Promise<SearchState | undefined> {
  return db
    .selectFrom('persons')
    .select(['searchText', 'sortName', 'mergedIntoId', 'erasedAt'])
    .where('centerId', '=', centerId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** The beginnings a person is found by: none once merged into another file or erased. */
function prefixesOfState(state: SearchState | undefined): string[] {
  return state && state.mergedIntoId === null && state.erasedAt === null ? searchPrefixesOf(state.searchText) : [];
}

/**
 * The words and beginnings a person is found by follow their stored search text and sort key:
 * replaced when either changes, removed once the file is merged into another or erased (never
 * listed again). The beginnings are removed by their full key, computed from the row as it was
 * (`before`): a rename that keeps the key touches only the beginnings that changed.
 */
async function syncSearchRows(db: Q, centerId: string, personId: string, before: SearchState | undefined): Promise<void> {
  const after = await searchState(db, centerId, personId);
  await db.deleteFrom('personSearchTerms').where('centerId', '=', centerId).where('personId', '=', personId).execute();
  if (after) await insertSearchTerms(db, centerId, personId, after);
  const had = prefixesOfState(before);
  const has = prefixesOfState(after);
  const sameKey = before !== undefined && after !== undefined && before.sortName === after.sortName;
  const removed = sameKey ? had.filter((p) => !has.includes(p)) : had;
  const added = sameKey ? has.filter((p) => !had.includes(p)) : has;
  if (before && removed.length > 0) {
    await db
      .deleteFrom('personSearchPrefixes')
      .where('centerId', '=', centerId)
      .where('prefix', 'in', removed)
      .where('sortName', '=', before.sortName)
      .where('personId', '=', personId)
      .execute();
  }
  if (after) await insertSearchPrefixes(db, centerId, personId, after.sortName, added);
}

async function insertSearchTerms(db: Q, centerId: string, personId: string, state: SearchState): Promise<void> {
  if (state.mergedIntoId !== null || state.erasedAt !== null) return;
  const terms = searchTermsOf(state.searchText);
  if (terms.length === 0) return;
  await db
    .insertInto('personSearchTerms')
    .values(terms.map((term) => ({ centerId, personId, term })))
    .execute();
}

async function insertSearchPrefixes(db: Q, centerId: string, personId: string, sortName: string, prefixes: string[]): Promise<void> {
  if (prefixes.length === 0) return;
  await db
    .insertInto('personSearchPrefixes')
    .values(prefixes.map((prefix) => ({ centerId, prefix, sortName, personId })))
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
  if (scope.ids !== undefined) {
    query = query.where((eb) => eb.or(scopeFilter(scope, (ids) => eb('persons.id', 'in', ids), (createdBy) => eb('persons.createdBy', '=', createdBy))));
  }
  return query;
}

/**
 * A volunteer's scope (`ids` given) as the terms of one OR: the persons they may see by id, and
 * those they created. `byIds` and `byCreator` say how each reads in the query at hand.
 */
function scopeFilter<E>(scope: SearchScope, byIds: (ids: string[]) => E, byCreator: (createdBy: string) => E): E[] {
  const { ids = [], createdBy = null } = scope;
  return [...(ids.length > 0 ? [byIds(ids)] : []), ...(createdBy !== null ? [byCreator(createdBy)] : [])];
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

/** How far the sizes of the tokens' ranges are measured to choose the one that leads. */
const LEAD_PROBE = 10_000;

/**
 * How a search reads its matches: the range of beginnings it walks (`lead`, a token's first
 * SEARCH_PREFIX_LENGTH characters, in list order), and the tokens checked on each person it
 * reads there (`checked`, against their words). Made once per search by `planSearch` and used
 * by both the count and the page.
 */
export interface SearchPlan {
  tokens: string[];
  lead: string | undefined;
  checked: string[];
}

/**
 * The plan of a search. One token of up to SEARCH_PREFIX_LENGTH characters: its range, nothing
 * to check, no statement. Otherwise one statement measures, for each token,
 * - the size of its range, up to LEAD_PROBE entries (several tokens only; about a millisecond
 *   each at most): the smallest leads,
 *   so that « lefevre jeanne » walks the 2,000 Jeanne rather than the 16,000 Lefèvre (in name
 *   order the Jeanne Lefèvre are in the middle of the Lefèvre: a page would read 8,000 entries
 *   before its first); on equal sizes, the longest;
 * - for a longer token, whether another word shares its first characters (two seeks of the
 *   words' key, on either side of the token's own words): when none does, its range holds
 *   exactly its matches and needs no check — « lefevre » reads « lefev » as it is, and its
 *   count of 1,001 entries is 1,001 index entries, not 1,001 probes of the words.
 */
export async function planSearch(db: Q, centerId: string, tokens: string[]): Promise<SearchPlan> {
  const [only] = tokens;
  if (only === undefined) return { tokens, lead: undefined, checked: [] };
  if (tokens.length === 1 && only.length <= SEARCH_PREFIX_LENGTH) return { tokens, lead: only, checked: [] };
  const several = tokens.length > 1;
  const words = (low: string, high: string) =>
    db.selectFrom('personSearchTerms').select('personId').where('centerId', '=', centerId).where('term', '>=', low).where('term', '<', high);
  const measures = await db
    .selectNoFrom((eb) =>
      tokens.flatMap((token, i) => {
        const prefix = token.slice(0, SEARCH_PREFIX_LENGTH);
        const size = eb
          .selectFrom(
            eb
              .selectFrom('personSearchPrefixes')
              .select('personId')
              .where('centerId', '=', centerId)
              .where('prefix', '=', prefix)
              .limit(LEAD_PROBE)
              .as('r'),
          )
          .select(sql<number>`count(*)`.as('n'))
          .as(`n${i}`);
        const shared = eb
          .case()
          .when(eb.or([eb.exists(words(prefix, token).limit(1)), eb.exists(words(`${token}{`, `${prefix}{`).limit(1))]))
          .then(1)
          .else(0)
          .end()
          .as(`m${i}`);
        return [...(several ? [size] : []), ...(token.length > SEARCH_PREFIX_LENGTH ? [shared] : [])];
      }),
    )
    .executeTakeFirstOrThrow();
  const measured = (name: string) => Number((measures as Record<string, unknown>)[name] ?? 0);
  const order = tokens.map((token, i) => ({ token, i, size: several ? measured(`n${i}`) : 0 }));
  order.sort((a, b) => a.size - b.size || b.token.length - a.token.length || a.i - b.i);
  const lead = order[0]!;
  const leadSettled = lead.token.length <= SEARCH_PREFIX_LENGTH || measured(`m${lead.i}`) === 0;
  return { tokens, lead: lead.token, checked: tokens.filter((_, i) => i !== lead.i || !leadSettled) };
}

/**
 * The index entries (beginning, sort key, person) of the persons matching every token, within
 * the scope: the range of the plan's lead — in the list's order, so that a page is the next
 * entries from a position and a count stops where it is told — each entry kept when the
 * person has a word starting with each checked token. Only live files have entries.
 */
function matchingEntries(db: Q, centerId: string, plan: SearchPlan & { lead: string }, scope: SearchScope, check: 'probe' | 'set') {
  let query = db
    .selectFrom('personSearchPrefixes as x')
    .where('x.centerId', '=', centerId)
    .where('x.prefix', '=', plan.lead.slice(0, SEARCH_PREFIX_LENGTH));
  for (const token of plan.checked) {
    query = query.where((eb) =>
      check === 'probe'
        ? // A page reads a few dozen entries: each probes the words' (person_id, term) index.
          eb.exists(
            eb
              .selectFrom('personSearchTerms as w')
              .select('w.personId')
              .whereRef('w.personId', '=', 'x.personId')
              .where('w.term', '>=', token)
              .where('w.term', '<', `${token}{`),
          )
        : // A count reads up to a thousand: the token's persons are gathered once from the
          // words' key (center_id, term). Probed 1,001 times, PostgreSQL hashed every word of
          // the centre instead (110 ms for « cambrai », which shares « cambr » with « cambresis »).
          eb(
            'x.personId',
            'in',
            eb.selectFrom('personSearchTerms as w').select('w.personId').where('w.centerId', '=', centerId).where('w.term', '>=', token).where('w.term', '<', `${token}{`),
          ),
    );
  }
  if (scope.ids !== undefined) {
    query = query.where((eb) =>
      eb.or(
        scopeFilter(
          scope,
          (ids) => eb('x.personId', 'in', ids),
          (createdBy) => eb('x.personId', 'in', eb.selectFrom('persons as c').select('c.id').where('c.centerId', '=', centerId).where('c.createdBy', '=', createdBy)),
        ),
      ),
    );
  }
  return query;
}

const planOf = (db: Q, centerId: string, search: string[] | SearchPlan) => (Array.isArray(search) ? planSearch(db, centerId, search) : search);

/**
 * The same page for a search (tokens, or the plan made of them), in one statement: the
 * matching entries past the position, in the order of their index (no sort), until the page
 * is full, then their files. Before, every entry of the typed word was read and sorted to
 * keep the first 26 (15,913 for « lefevre » at 100,000 persons), then the 26 files were read
 * by a second statement.
 *
 * With `countUpTo`, each row also carries how many persons match, up to that many — the
 * count's own query (countPersons) as a subquery of the page's, evaluated once by both
 * databases — so that a page of a search is one round trip instead of two. `counted` is
 * undefined when the page is empty (no row to carry it): countPersons then tells.
 */
export async function listMatchingPersons(
  db: Q,
  centerId: string,
  search: string[] | SearchPlan,
  scope: SearchScope,
  limit: number,
  from?: ListPosition,
  countUpTo?: number,
): Promise<{ rows: PersonRow[]; counted: number | undefined }> {
  if (emptyScope(scope)) return { rows: [], counted: 0 };
  const plan = await planOf(db, centerId, search);
  const { lead } = plan;
  if (lead === undefined) return { rows: await listPersons(db, centerId, plan.tokens, scope, limit, from), counted: undefined };
  const backwards = from?.direction === 'before';
  const order = backwards ? 'desc' : 'asc';
  let entries = matchingEntries(db, centerId, { ...plan, lead }, scope, 'probe').select(['x.personId', 'x.sortName']);
  if (from) entries = entries.where((eb) => eb(eb.refTuple('x.sortName', 'x.personId'), backwards ? '<' : '>', eb.tuple(from.sortName, from.id)));
  // The page's entries first, then their files: joined inside the walk, each entry read would
  // fetch its file before its words are checked (« jean lefevre »: 30 → 6 ms on SQLite).
  const page = db
    .selectFrom(entries.orderBy('x.sortName', order).orderBy('x.personId', order).limit(limit).as('e'))
    .innerJoin('persons', 'persons.id', 'e.personId')
    .selectAll('persons')
    // Only live files have entries; the check stays in case one is read while being merged.
    .where('persons.mergedIntoId', 'is', null)
    .where('persons.erasedAt', 'is', null)
    .orderBy('e.sortName', order)
    .orderBy('e.personId', order);
  let rows: PersonRow[];
  let counted: number | undefined;
  if (countUpTo === undefined) {
    rows = await page.execute();
  } else {
    const matched = matchingEntries(db, centerId, { ...plan, lead }, scope, 'set').select('x.personId').limit(countUpTo);
    const withCount = await page.select((eb) => eb.selectFrom(matched.as('matched')).select(sql<number>`count(*)`.as('n')).as('matchCount')).execute();
    counted = withCount.length > 0 ? Number(withCount[0]!.matchCount) : undefined;
    rows = withCount.map(({ matchCount: _, ...row }) => row);
  }
  return { rows: backwards ? rows.reverse() : rows, counted };
}

/**
 * How many live persons match (tokens, or the plan made of them). A search counts index
 * entries (one per person for a beginning), never the files; with `upTo`, counting stops
 * there (a LIMIT inside): a common name's 15,000 matches are not all read to say "more than
 * 1,000".
 */
export async function countPersons(db: Q, centerId: string, search: string[] | SearchPlan, scope: SearchScope, upTo?: number): Promise<number> {
  if (emptyScope(scope)) return 0;
  const plan = await planOf(db, centerId, search);
  const { lead } = plan;
  const countAll = sql<number>`count(*)`.as('n');
  let row;
  if (lead !== undefined) {
    const matched = matchingEntries(db, centerId, { ...plan, lead }, scope, 'set').select('x.personId');
    row = await db.selectFrom((upTo === undefined ? matched : matched.limit(upTo)).as('matched')).select(countAll).executeTakeFirst();
  } else {
    const matched = livePersons(db, centerId, plan.tokens, scope).select('persons.id');
    row = await db.selectFrom((upTo === undefined ? matched : matched.limit(upTo)).as('matched')).select(countAll).executeTakeFirst();
  }
  return Number(row?.n ?? 0);
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
