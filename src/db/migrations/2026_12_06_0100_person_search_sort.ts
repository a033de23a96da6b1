/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * A name search answered from one index: each search word carries its person's sort key, and
 * (center_id, term, sort_name, person_id) holds everything the page of a search needs — the
 * words starting with what was typed, in a range, each with the key the list is ordered by.
 * The page is then the best 26 of those small index entries, and only those 26 files are
 * read; before, every matching file was read to be sorted (15,913 for « Lefèvre » at 100,000
 * persons). The key is copied from persons.sort_name (same bytes, COLLATE "C" on PostgreSQL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
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
  if (t.isPostgres) await sql`analyze person_search_terms`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('person_search_terms_sorted_idx').execute();
  await db.schema.alterTable('person_search_terms').dropColumn('sort_name').execute();
}
