/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * A search's page read in order from one index, without sorting the matches. Each live person
 * has a row per distinct beginning, 1 to 5 characters, of each word of their search text,
 * with their sort key: (center_id, prefix, sort_name, person_id). A typed word of up to
 * 5 characters is then one ordered range of that key — the page is the next 26 entries from
 * the cursor, the count stops at 1,001 entries — and a longer word reads the range of its
 * first 5 characters, each entry checked against the person's words (person_search_terms).
 * Before, every entry whose word started with what was typed (15,913 for « lefevre » at
 * 100,000 persons) was read and sorted to keep the first 26, and again to count them.
 *
 * The words' index ordered by sort key (person_search_terms_sorted_idx) and its copy of the
 * key served only that sort: both go. The words stay, for the longer words' check.
 *
 * Rows are written for existing persons from their stored search text, with a copy of the
 * application's rule (frozen here: 5 characters, distinct per person). On SQLite the table is
 * WITHOUT ROWID: the primary key is the table, and a page reads nothing else.
 */
const PREFIX_LENGTH = 5;

function prefixesOf(searchText: string): string[] {
  const prefixes = new Set<string>();
  for (const word of searchText.split(' ')) {
    for (let n = 1; n <= Math.min(PREFIX_LENGTH, word.length); n++) prefixes.add(word.slice(0, n));
  }
  return [...prefixes];
}

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const bytes = t.isPostgres ? sql`text collate "C"` : 'text';
  let table = db.schema
    .createTable('person_search_prefixes')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('prefix', bytes, (c) => c.notNull())
    .addColumn('sort_name', bytes, (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addPrimaryKeyConstraint('person_search_prefixes_pkey', ['center_id', 'prefix', 'sort_name', 'person_id']);
  if (!t.isPostgres) table = table.modifyEnd(sql`without rowid`);
  await table.execute();

  // In pages of persons, keyset on the primary key, so memory stays flat. One-word aliases:
  // the result keys are the same whether or not the connection maps snake_case.
  let after = '';
  for (;;) {
    const persons: { id: string; centre: string; words: string; sort: string }[] = await db
      .selectFrom('persons')
      .select(['id', 'center_id as centre', 'search_text as words', 'sort_name as sort'])
      .where('merged_into_id', 'is', null)
      .where('erased_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (persons.length === 0) break;
    const rows = persons.flatMap((p) => prefixesOf(p.words).map((prefix) => ({ center_id: p.centre, prefix, sort_name: p.sort, person_id: p.id })));
    // 4 parameters a row: stay well under SQLite's 32,766 bound parameters per statement.
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('person_search_prefixes').values(rows.slice(i, i + 1000)).execute();
    after = persons[persons.length - 1]!.id;
  }

  await db.schema.dropIndex('person_search_terms_sorted_idx').execute();
  await db.schema.alterTable('person_search_terms').dropColumn('sort_name').execute();
  // A volunteer's search keeps the entries of files they created: found by this index
  // instead of reading every file of the centre, once per search.
  await db.schema.createIndex('persons_created_by_idx').on('persons').columns(['center_id', 'created_by']).execute();
  // Fresh tables have no statistics until autovacuum's next pass (see the words' migration).
  if (t.isPostgres) await sql`analyze person_search_prefixes, person_search_terms, persons`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.dropIndex('persons_created_by_idx').execute();
  await db.schema
    .alterTable('person_search_terms')
    .addColumn('sort_name', t.isPostgres ? sql`text collate "C"` : 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update person_search_terms set sort_name = (select p.sort_name from persons p where p.id = person_search_terms.person_id)`.execute(db);
  await db.schema
    .createIndex('person_search_terms_sorted_idx')
    .on('person_search_terms')
    .columns(['center_id', 'term', 'sort_name', 'person_id'])
    .execute();
  await db.schema.dropTable('person_search_prefixes').execute();
}
