/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * The navette's visit reports, written in the car (often offline): one row per report, keyed
 * per centre by the UUID the device gave it, so that a report sent twice is stored once. The
 * accompaniment record itself lives in the help desk's table; the follow-ups chosen are kept here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('shuttle_visit_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull().references('shuttle_visit_requests.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('helpdesk_accompaniments.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    // 'solved' | 'follow_up'
    .addColumn('outcome', 'text', (c) => c.notNull())
    // JSON { motifId, siteId, startAt } of the appointment asked for, or null.
    .addColumn('appointment_wanted', 'text')
    .addColumn('appointment_id', 'text', (c) => c.references('helpdesk_appointments.id'))
    // 'none' | 'pending' | 'booked' | 'failed'
    .addColumn('appointment_status', 'text', (c) => c.notNull())
    // Follow-ups to do from the staff pages: 'pathway' | 'tablet', joined by '|'.
    .addColumn('follow_ups', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('written_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shuttle_visit_reports_client_idx').on('shuttle_visit_reports').columns(['center_id', 'client_id']).unique().execute();
  await db.schema.createIndex('shuttle_visit_reports_request_idx').on('shuttle_visit_reports').columns(['center_id', 'request_id']).execute();
  await db.schema.createIndex('shuttle_visit_reports_person_idx').on('shuttle_visit_reports').columns(['center_id', 'person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shuttle_visit_reports').execute();
}
