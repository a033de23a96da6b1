/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { sortNameOf } from '../../modules/people/search-text.ts';
import { columnTypes } from './_columns.ts';

/**
 * The persons list in French order without sorting every match: each person gets a sort key
 * (persons.sort_name: folded last name, a separator, folded first name — so « Émile » sorts
 * with « Emile », case ignored), and live files are indexed by (center_id, sort_name, id), the
 * order the list pages through with a keyset cursor. The key compares byte by byte on both
 * dialects (COLLATE "C" on PostgreSQL), like the search words, so that a cursor taken on one
 * page finds its place in the index whatever the server's locale.
 *
 * The key is computed by the people module's own function rather than a frozen copy: the list
 * compares keys written by the application with keys written here, and two copies of the
 * folding rule drifting apart would make the pages skip or repeat persons. Should that
 * function change, a later migration recomputes the keys.
 *
 * The probe index (person_id, term) lets the list check « does this person have a word
 * starting with … » with a few index reads while it walks the names in order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('persons')
    .addColumn('sort_name', t.isPostgres ? sql`text collate "C"` : 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await backfill(db);
  await db.schema.dropIndex('persons_live_name_idx').execute();
  await db.schema
    .createIndex('persons_live_sort_idx')
    .on('persons')
    .columns(['center_id', 'sort_name', 'id'])
    .where(sql.ref('merged_into_id'), 'is', null)
    .where(sql.ref('erased_at'), 'is', null)
    .execute();
  await db.schema.dropIndex('person_search_terms_person_idx').execute();
  await db.schema.createIndex('person_search_terms_person_idx').on('person_search_terms').columns(['person_id', 'term']).execute();
  if (t.isPostgres) await sql`analyze persons, person_search_terms`.execute(db);
}

/** Every existing file gets its key, 500 at a time in id order, so memory stays flat. */
async function backfill(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    // One-word aliases: the keys are the same whether or not the connection maps snake_case.
    const rows: { id: string; first: string | null; last: string | null }[] = await db
      .selectFrom('persons')
      .select(['id', 'first_name as first', 'last_name as last'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const key = sortNameOf({ firstName: row.first, lastName: row.last });
      if (key !== '') await db.updateTable('persons').set({ sort_name: key }).where('id', '=', row.id).execute();
    }
    after = rows[rows.length - 1]!.id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('person_search_terms_person_idx').execute();
  await db.schema.createIndex('person_search_terms_person_idx').on('person_search_terms').column('person_id').execute();
  await db.schema.dropIndex('persons_live_sort_idx').execute();
  await db.schema
    .createIndex('persons_live_name_idx')
    .on('persons')
    .columns(['center_id', 'last_name', 'first_name', 'id'])
    .where(sql.ref('merged_into_id'), 'is', null)
    .where(sql.ref('erased_at'), 'is', null)
    .execute();
  await db.schema.alterTable('persons').dropColumn('sort_name').execute();
}
