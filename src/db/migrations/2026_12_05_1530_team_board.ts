/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * The team notice board (posts, who read them, which posts each staff member was sent in an
 * e-mail digest), its settings and the volunteer hours (valorisation du bénévolat).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('team_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('pinned', t.boolean, (c) => c.notNull())
    .addColumn('expires_on', t.date)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_notices_center_idx').on('team_notices').columns(['center_id', 'created_at']).execute();

  await db.schema
    .createTable('team_notice_reads')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('notice_id', 'text', (c) => c.notNull().references('team_notices.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('read_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('team_notice_reads_pk', ['notice_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_notice_reads_user_idx').on('team_notice_reads').columns(['center_id', 'user_id']).execute();

  // One row per post and person once a digest carried it: never twice.
  await db.schema
    .createTable('team_notice_digests')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('notice_id', 'text', (c) => c.notNull().references('team_notices.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('team_notice_digests_pk', ['notice_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('team_board_settings')
    .addColumn('center_id', 'text', (c) => c.primaryKey().references('centers.id'))
    .addColumn('digest_frequency', 'text', (c) => c.notNull())
    .addColumn('hourly_rate_cents', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('volunteer_hours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.references('activity_sessions.id'))
    .addColumn('worked_on', t.date, (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteer_hours_center_idx').on('volunteer_hours').columns(['center_id', 'worked_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('volunteer_hours').execute();
  await db.schema.dropTable('team_board_settings').execute();
  await db.schema.dropTable('team_notice_digests').execute();
  await db.schema.dropTable('team_notice_reads').execute();
  await db.schema.dropTable('team_notices').execute();
}
