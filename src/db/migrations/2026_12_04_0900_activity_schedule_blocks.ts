/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';

/**
 * The weekly slots of an activity, each with its own times ("TU 14:00-16:00|TH 10:00-12:00"):
 * the create-activity form asks for one slot at a time. Existing activities have none, and keep
 * one time for every date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').addColumn('schedule_blocks', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').dropColumn('schedule_blocks').execute();
}
