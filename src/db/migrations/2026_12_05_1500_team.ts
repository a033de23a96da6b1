/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Team and volunteers: a profile per staff account (skills, free tags, weekly availability,
 * contact preferences), their absences, the trainings required per kind of assignment, the
 * assignments themselves (a person to an activity session or a help-desk opening on a date,
 * with the conflicts the coordinator confirmed) and each member's private calendar address
 * (only the token's hash is kept). Sessions, openings and pathways are referenced without a
 * foreign key: their modules may delete them, and an assignment keeps its own title and times.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('team_profiles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id'))
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('contact_channel', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('contact_note', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_profiles_center_idx').on('team_profiles').column('center_id').execute();

  await db.schema
    .createTable('team_absences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('first_day', t.date, (c) => c.notNull())
    .addColumn('last_day', t.date, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_absences_user_idx').on('team_absences').columns(['center_id', 'user_id', 'first_day']).execute();

  await db.schema
    .createTable('team_kind_requirements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pathway_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('team_kind_requirements_uq', ['center_id', 'kind', 'pathway_id'])
    .execute();

  await db.schema
    .createTable('team_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('opening_id', 'text')
    .addColumn('day', t.date, (c) => c.notNull())
    .addColumn('starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('confirmed_conflicts', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_assignments_user_idx').on('team_assignments').columns(['center_id', 'user_id', 'starts_at']).execute();
  await db.schema.createIndex('team_assignments_day_idx').on('team_assignments').columns(['center_id', 'day']).execute();

  await db.schema
    .createTable('team_calendar_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['team_calendar_tokens', 'team_assignments', 'team_kind_requirements', 'team_absences', 'team_profiles']) {
    await db.schema.dropTable(table).execute();
  }
}
