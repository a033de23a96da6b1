/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';

/**
 * A session's iCalendar SEQUENCE (RFC 5545 §3.8.7.4): how many times it was moved or
 * cancelled. Calendar apps ignore an update whose SEQUENCE did not grow, so a session moved
 * to another day stayed at its old time on residents' phones. Help desk appointments get the
 * same counter (a resident's .ics of a moved appointment). Existing rows start at 0.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activity_sessions').addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('helpdesk_appointments').addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('helpdesk_appointments').dropColumn('sequence').execute();
  await db.schema.alterTable('activity_sessions').dropColumn('sequence').execute();
}
