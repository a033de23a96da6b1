/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * An assignment to a session follows it: when the session moves, is cancelled or leaves the
 * programme, the assignment's times and place change with it, `cancelled_at` says since when
 * it no longer takes place, and `sequence` (iCalendar SEQUENCE) goes up by one, so that a
 * subscribed calendar replaces the event it shows rather than keeping the old one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('team_assignments').addColumn('cancelled_at', t.timestamp).execute();
  await db.schema.alterTable('team_assignments').addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('team_assignments_session_idx').on('team_assignments').columns(['center_id', 'session_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('team_assignments_session_idx').execute();
  await db.schema.alterTable('team_assignments').dropColumn('sequence').execute();
  await db.schema.alterTable('team_assignments').dropColumn('cancelled_at').execute();
}
