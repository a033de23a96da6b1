/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * The help desk (permanences e-administratives): motifs, weekly openings and absences,
 * appointments and drop-ins, accompaniment records in the national vocabulary.
 * No double booking is a database rule: a partial unique index on the booked appointments
 * of a desk at a start time (both SQLite and PostgreSQL support `CREATE UNIQUE INDEX … WHERE`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('helpdesk_settings')
    .addColumn('center_id', 'text', (c) => c.primaryKey().references('centers.id'))
    .addColumn('cancel_until_hours', 'integer', (c) => c.notNull())
    .addColumn('reminder_day_before', t.boolean, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('helpdesk_motifs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('procedure_category', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('what_to_bring', 'text')
    .addColumn('bookable_by', 'text', (c) => c.notNull())
    .addColumn('min_delay_hours', 'integer', (c) => c.notNull())
    .addColumn('horizon_days', 'integer', (c) => c.notNull())
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpdesk_motifs_center_idx').on('helpdesk_motifs').columns(['center_id', 'name']).execute();

  await db.schema
    .createTable('helpdesk_openings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('starts_on', t.date, (c) => c.notNull())
    .addColumn('ends_on', t.date)
    .addColumn('every_weeks', 'integer', (c) => c.notNull())
    // Bumped by every booking on this opening: the UPDATE takes a row lock on PostgreSQL,
    // so concurrent bookings of one desk check availability one after the other.
    .addColumn('booking_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpdesk_openings_center_idx').on('helpdesk_openings').columns(['center_id', 'site_id']).execute();

  await db.schema
    .createTable('helpdesk_opening_motifs')
    .addColumn('opening_id', 'text', (c) => c.notNull().references('helpdesk_openings.id').onDelete('cascade'))
    .addColumn('motif_id', 'text', (c) => c.notNull().references('helpdesk_motifs.id'))
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addPrimaryKeyConstraint('helpdesk_opening_motifs_pk', ['opening_id', 'motif_id'])
    .execute();
  await db.schema.createIndex('helpdesk_opening_motifs_motif_idx').on('helpdesk_opening_motifs').columns(['center_id', 'motif_id']).execute();

  await db.schema
    .createTable('helpdesk_absences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('first_day', t.date, (c) => c.notNull())
    .addColumn('last_day', t.date, (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addColumn('repeat_weekly_until', t.date)
    .addColumn('reason', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpdesk_absences_center_idx').on('helpdesk_absences').columns(['center_id', 'last_day']).execute();

  await db.schema
    .createTable('helpdesk_appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('motif_id', 'text', (c) => c.notNull().references('helpdesk_motifs.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('opening_id', 'text', (c) => c.references('helpdesk_openings.id').onDelete('set null'))
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    // Who holds the slot: "staff:<user>" or "opening:<id>" (see slots.ts); drop-ins get their own.
    .addColumn('desk_key', 'text', (c) => c.notNull())
    .addColumn('start_at', t.timestamp, (c) => c.notNull())
    .addColumn('end_at', t.timestamp, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // No foreign key: persons are merged and erased by their own module; this column follows.
    .addColumn('person_id', 'text')
    .addColumn('note', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', t.timestamp)
    .addColumn('outcome_by', 'text', (c) => c.references('users.id'))
    .addColumn('cancelled_at', t.timestamp)
    .addColumn('cancelled_by', 'text')
    .addColumn('booked_by', 'text', (c) => c.references('users.id'))
    // When the reminder scan dealt with the appointment (sent, or skipped for lack of consent):
    // the scan then ignores it. Moving the appointment clears them.
    .addColumn('reminder_done_at', t.timestamp)
    .addColumn('day_before_done_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('helpdesk_appointments_slot_uq')
    .on('helpdesk_appointments')
    .columns(['center_id', 'site_id', 'desk_key', 'start_at'])
    .unique()
    .where(sql.ref('status'), '=', 'booked')
    .execute();
  // Free-slot queries read the booked appointments of a few desks over eight weeks: this
  // partial, covering index answers them without touching the table.
  await db.schema
    .createIndex('helpdesk_appointments_desk_idx')
    .on('helpdesk_appointments')
    .columns(['center_id', 'desk_key', 'start_at', 'end_at', 'id'])
    .where(sql.ref('status'), '=', 'booked')
    .execute();
  await db.schema.createIndex('helpdesk_appointments_time_idx').on('helpdesk_appointments').columns(['center_id', 'start_at']).execute();
  await db.schema.createIndex('helpdesk_appointments_person_idx').on('helpdesk_appointments').columns(['center_id', 'person_id']).execute();
  await db.schema
    .createIndex('helpdesk_appointments_staff_idx')
    .on('helpdesk_appointments')
    .columns(['center_id', 'staff_user_id', 'start_at'])
    .execute();

  await db.schema
    .createTable('helpdesk_accompaniments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('person_id', 'text')
    .addColumn('appointment_id', 'text', (c) => c.unique().references('helpdesk_appointments.id'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('place_type', 'text', (c) => c.notNull())
    // Multi-valued national vocabularies, joined by "|" as in the national data schemas.
    .addColumn('equipment', 'text', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('procedure_category', 'text')
    .addColumn('details', 'text')
    .addColumn('autonomy', 'text', (c) => c.notNull())
    .addColumn('redirected', t.boolean, (c) => c.notNull())
    .addColumn('redirect_structure', 'text')
    .addColumn('follow_up', t.boolean, (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpdesk_accompaniments_time_idx').on('helpdesk_accompaniments').columns(['center_id', 'occurred_at']).execute();
  await db.schema.createIndex('helpdesk_accompaniments_person_idx').on('helpdesk_accompaniments').columns(['center_id', 'person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'helpdesk_accompaniments',
    'helpdesk_appointments',
    'helpdesk_absences',
    'helpdesk_opening_motifs',
    'helpdesk_openings',
    'helpdesk_motifs',
    'helpdesk_settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
