/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Activities: the programme (activities and their sessions), registrations with a waiting
 * list, attendance, and staff calendar-feed tokens. Capacity holds through a lock on the
 * session (or activity) row taken by every registration transaction, plus a partial unique
 * index so that a person never holds two active registrations for one session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('min_age', 'integer')
    .addColumn('max_age', 'integer')
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('reduced_price_cents', 'integer')
    .addColumn('equipment', 'text', (c) => c.notNull()) // national values joined by "|"
    .addColumn('registration_mode', 'text', (c) => c.notNull())
    .addColumn('schedule_kind', 'text', (c) => c.notNull())
    .addColumn('schedule_dates', 'text') // "YYYY-MM-DD|…" for single and dates
    .addColumn('rrule', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('exceptions', 'text') // one date or range per line
    .addColumn('published', t.boolean, (c) => c.notNull())
    .addColumn('lock_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_center_idx').on('activities').columns(['center_id', 'archived_at']).execute();

  await db.schema
    .createTable('activity_facilitators')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('activity_facilitators_pk', ['activity_id', 'user_id'])
    .execute();
  await db.schema.createIndex('activity_facilitators_user_idx').on('activity_facilitators').column('user_id').execute();

  await db.schema
    .createTable('activity_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('local_date', 'text', (c) => c.notNull()) // the occurrence it came from (Paris date)
    .addColumn('starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.references('sites.id')) // null: the activity's site
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_exception', t.boolean, (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('lock_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_sessions_center_start_idx').on('activity_sessions').columns(['center_id', 'starts_at']).execute();
  await db.schema.createIndex('activity_sessions_activity_idx').on('activity_sessions').columns(['activity_id', 'starts_at']).execute();

  await db.schema
    .createTable('activity_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('activity_sessions.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('group_id', 'text', (c) => c.notNull()) // the registrations made together (a series)
    .addColumn('status', 'text', (c) => c.notNull()) // confirmed | waitlisted | cancelled
    .addColumn('waitlist_position', 'integer')
    .addColumn('source', 'text', (c) => c.notNull()) // public | staff | api
    .addColumn('guardian_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('parental_authorisation', t.boolean, (c) => c.notNull())
    .addColumn('reminders_consent', t.boolean, (c) => c.notNull())
    .addColumn('match_status', 'text', (c) => c.notNull()) // none | pending | confirmed
    .addColumn('submitted', 'text') // what the public form typed, kept only until staff confirm the match
    .addColumn('cancelled_at', t.timestamp)
    .addColumn('cancelled_by', 'text')
    .addColumn('promoted_at', t.timestamp)
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activity_registrations_active_uq')
    .on('activity_registrations')
    .columns(['session_id', 'person_id'])
    .unique()
    .where(sql.ref('status'), '<>', 'cancelled')
    .execute();
  await db.schema.createIndex('activity_registrations_session_idx').on('activity_registrations').columns(['session_id', 'status', 'waitlist_position']).execute();
  await db.schema.createIndex('activity_registrations_person_idx').on('activity_registrations').columns(['center_id', 'person_id']).execute();
  await db.schema.createIndex('activity_registrations_group_idx').on('activity_registrations').column('group_id').execute();

  await db.schema
    .createTable('activity_attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('activity_sessions.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('registration_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // present | absent | excused
    .addColumn('walk_in', t.boolean, (c) => c.notNull())
    // What the reports count: each attended session is a collective mediation activity,
    // with the session's theme, level, equipment and duration as they were that day.
    .addColumn('mediation_type', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('equipment', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('session_starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('activity_attendance_session_person_uq', ['session_id', 'person_id'])
    .execute();
  await db.schema.createIndex('activity_attendance_center_idx').on('activity_attendance').columns(['center_id', 'session_starts_at']).execute();
  await db.schema.createIndex('activity_attendance_person_idx').on('activity_attendance').columns(['center_id', 'person_id']).execute();

  await db.schema
    .createTable('calendar_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calendar_tokens', 'activity_attendance', 'activity_registrations', 'activity_sessions', 'activity_facilitators', 'activities']) {
    await db.schema.dropTable(table).execute();
  }
}
