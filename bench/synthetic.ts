/**
 * Synthetic data for benchmarks: fictional residents with French names (accents, hyphens,
 * apostrophes), living in the real communes of the Communauté d'agglomération de Cambrai,
 * with phones, e-mails and birth years. Deterministic (seeded), so two runs measure the same
 * data. Rows are inserted directly with Kysely in batches: this is benchmark data, not a
 * user's action, so it skips the services on purpose (but fills every column the way the
 * people module does, with its search words, so that its search finds them).
 */
import { PostgresAdapter, sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { ageBracket } from '../src/modules/people/age-bracket.ts';
import { currentYear, systemClock } from '../src/platform/clock.ts';
import { searchPrefixesOf, searchTermsOf, searchTextOf, sortNameOf } from '../src/modules/people/search-text.ts';
import { communesOfEpci, type Commune } from '../src/platform/communes.ts';
import { newId } from '../src/platform/ids.ts';
import { foldText } from '../src/platform/text.ts';

export const CA_CAMBRAI = '200068500';

export const FIRST_NAMES = [
  'Jeanne', 'Marcel', 'Hélène', 'Gérard', 'Françoise', 'André', 'Monique', 'René', 'Josiane', 'Bernard', 'Chantal',
  'Jean-Pierre', 'Nathalie', 'Sébastien', 'Aurélie', 'Kévin', 'Mélanie', 'Jérôme', 'Émilie', 'Yannick', 'Inès',
  'Lucas', 'Léa', 'Noé', 'Chloé', 'Mathéo', 'Zoé', 'Enzo', 'Manon', 'Théo', 'Fatima', 'Mohamed', 'Aïcha', 'Brahim',
  'Océane', 'Gaëlle', 'Noël', 'Thérèse', 'Raphaël', 'Anaïs', 'Joël', 'Maëlys', 'Loïc', 'Bérénice', 'Cédric',
  'Geneviève', 'Hervé', 'Ghislaine', 'Marie-Thérèse', 'François',
];

/** Most frequent first: a few names are very common, like in a real Cambrésis village. */
export const LAST_NAMES = [
  'Lefèvre', 'Dupont', 'Delattre', 'Carpentier', 'Lemaire', 'Dufour', 'Leroy', 'Dubois', 'Wattiez', 'Vasseur',
  'Caron', 'Lecomte', 'Delcroix', 'Deprez', 'Boulanger', 'Hennequin', 'Desmet', 'Verdière', 'Poulain', 'Mercier',
  'Benali', 'Haddad', 'Kowalski', 'Nowak', 'Fournier', 'Gosselin', 'Bécourt', 'Dhénin', 'Crépin', "D'Hondt",
  'Van de Velde', 'Lefebvre', 'Œuvray', 'Dupré-Séverin', 'Mériaux', 'Théry', 'Wallerand', 'Ségard', 'Bénard', 'Prévost',
];

/** The name the persons benchmark searches for: the most frequent one. */
export const COMMON_LAST_NAME = LAST_NAMES[0]!;

/** mulberry32: a small, good-enough seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type PersonInsert = Insertable<Database['persons']> & { searchText: string };

export function* syntheticPersons(centerId: string, count: number, seed = 20261126): Generator<PersonInsert> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Squaring skews towards the start of the list: the first names in LAST_NAMES are common.
  const skewed = <T>(list: readonly T[]) => list[Math.floor(random() ** 2 * list.length)]!;
  const communes: Commune[] = communesOfEpci(CA_CAMBRAI);
  const year = currentYear(systemClock.now());
  const now = systemClock.nowIso();
  for (let i = 0; i < count; i++) {
    const firstName = pick(FIRST_NAMES);
    const lastName = skewed(LAST_NAMES);
    const commune = random() < 0.95 ? pick(communes) : null;
    const phone = random() < 0.8 ? `0${random() < 0.7 ? 6 : 7}${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null;
    const email = random() < 0.4 ? `${foldText(firstName).replace(/ /g, '-')}.${foldText(lastName).replace(/ /g, '')}${i}@exemple.fr` : null;
    const birthYear = random() < 0.9 ? 1930 + Math.floor(random() * 90) : null;
    const person = {
      id: newId(),
      centerId,
      firstName,
      lastName,
      searchText: '',
      sortName: sortNameOf({ firstName, lastName }),
      phone,
      email,
      birthYear,
      ageBracket: ageBracket(birthYear, year),
      communeInsee: commune?.code ?? null,
      householdId: null,
      socialStatus: pick(['scolarise', 'sans_emploi', 'en_emploi', 'retraite', 'non_communique']),
      gender: pick(['masculin', 'feminin', 'non_communique']),
      accessibilityNeeds: random() < 0.05 ? 'Malvoyant·e : grands caractères' : null,
      mergedIntoId: null,
      erasedAt: null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    };
    person.searchText = searchTextOf(person);
    yield person;
  }
}

/**
 * Inserts `count` synthetic persons for the centre with their search words, 500 persons per
 * statement, in one transaction.
 */
export async function insertSyntheticPersons(db: Kysely<Database>, centerId: string, count: number, seed?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const flush = async (batch: PersonInsert[]) => {
      await trx.insertInto('persons').values(batch).execute();
      const terms = batch.flatMap((p) => searchTermsOf(p.searchText).map((term) => ({ centerId, personId: p.id, term })));
      const prefixes = batch.flatMap((p) => searchPrefixesOf(p.searchText).map((prefix) => ({ centerId, prefix, sortName: p.sortName ?? '', personId: p.id })));
      // At most 4 parameters a row: stay well under SQLite's bound-parameter limit.
      for (let i = 0; i < terms.length; i += 1000) await trx.insertInto('personSearchTerms').values(terms.slice(i, i + 1000)).execute();
      for (let i = 0; i < prefixes.length; i += 1000) await trx.insertInto('personSearchPrefixes').values(prefixes.slice(i, i + 1000)).execute();
    };
    let batch: PersonInsert[] = [];
    for (const person of syntheticPersons(centerId, count, seed)) {
      batch.push(person);
      if (batch.length === 500) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await flush(batch);
  });
  // Bulk-loaded tables have no statistics and no visibility map until autovacuum's next pass:
  // PostgreSQL would plan the search as if each table held one row, and could not answer from
  // an index alone. A live server's tables grow gradually and autovacuum keeps up with them:
  // measure those plans, not a cold guess.
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`vacuum analyze persons, person_search_terms, person_search_prefixes`.execute(db);
}
