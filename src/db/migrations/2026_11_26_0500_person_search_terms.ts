/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Searching persons by word prefix: every distinct word of a person's folded search text is a
 * row (center_id, term, person_id), so a typed word is a range scan of the primary key
 * (term >= 'lef' and term < 'lef{') instead of a substring scan of every file. Words only hold
 * [a-z0-9@.+], all below '{', which is why '{' closes the range. On PostgreSQL the column is
 * COLLATE "C" so that it compares bytes like SQLite does: a linguistic collation (en_US.UTF-8)
 * orders punctuation differently and would make the range wrong.
 *
 * Existing persons get their terms here, computed from search_text (already folded words,
 * separated by single spaces) rather than with application code, so the migration stays frozen.
 * Merged and erased files get none: they are never listed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('person_search_terms')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('term', t.isPostgres ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_search_terms_pkey', ['center_id', 'term', 'person_id'])
    .execute();
  await db.schema.createIndex('person_search_terms_person_idx').on('person_search_terms').column('person_id').execute();

  // Back-fill in pages of persons, keyset on the primary key, so memory stays flat. One-word
  // aliases: the result keys are the same whether or not the connection maps snake_case.
  let after = '';
  for (;;) {
    const persons: { id: string; centre: string; words: string }[] = await db
      .selectFrom('persons')
      .select(['id', 'center_id as centre', 'search_text as words'])
      .where('merged_into_id', 'is', null)
      .where('erased_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (persons.length === 0) break;
    const rows = persons.flatMap((p) =>
      [...new Set(p.words.split(' ').filter(Boolean))].map((term) => ({ center_id: p.centre, person_id: p.id, term })),
    );
    // 3 parameters a row: stay well under SQLite's 32,766 bound parameters per statement.
    for (let i = 0; i < rows.length; i += 1000) {
      await db.insertInto('person_search_terms').values(rows.slice(i, i + 1000)).execute();
    }
    after = persons[persons.length - 1]!.id;
  }
  // A freshly filled table has no statistics until autovacuum's next pass; PostgreSQL would
  // then guess one row per side and join the words to the persons in a nested loop.
  if (t.isPostgres) await sql`analyze person_search_terms, persons`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_search_terms').execute();
}
