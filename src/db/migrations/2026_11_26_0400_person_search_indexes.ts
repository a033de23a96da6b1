/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';

/**
 * Searching persons filters live files (not merged, not erased) of one centre on their folded
 * search text and sorts them by name. Partial indexes on exactly that set let the count scan
 * the small index instead of the whole table, and let the page be read in name order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('persons_live_search_idx')
    .on('persons')
    .columns(['center_id', 'search_text'])
    .where(sql.ref('merged_into_id'), 'is', null)
    .where(sql.ref('erased_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('persons_live_name_idx')
    .on('persons')
    .columns(['center_id', 'last_name', 'first_name', 'id'])
    .where(sql.ref('merged_into_id'), 'is', null)
    .where(sql.ref('erased_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('persons_live_name_idx').execute();
  await db.schema.dropIndex('persons_live_search_idx').execute();
}
