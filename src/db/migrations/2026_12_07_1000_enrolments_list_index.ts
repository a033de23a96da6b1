/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';

/**
 * The list of every pathway's enrolments (/parcours/inscriptions) reads a centre's enrolments
 * newest first, a page at a time: an index in that order, so that a page is read, not the
 * whole centre's enrolments sorted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('enrolments_list_idx').on('enrolments').columns(['center_id', 'enrolled_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('enrolments_list_idx').execute();
}
