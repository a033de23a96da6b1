/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Forums and information times: an activity names its speakers and partner organisations
 * (JSON lists, shown in the catalogue), and can ask the persons present for their opinion
 * after each session ("Votre avis"). The survey is on for information times.
 *
 * An invitation is the personal link sent to one registration (only its hash is kept); an
 * answer is a face (1–5) and an optional comment, tied to its invitation by a unique index so
 * that a registration answers once; answers entered from paper have no invitation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('activities').addColumn('speakers', 'text').execute();
  await db.schema.alterTable('activities').addColumn('partners', 'text').execute();
  await db.schema.alterTable('activities').addColumn('survey_enabled', t.boolean, (c) => c.notNull().defaultTo(t.isPostgres ? sql`false` : 0)).execute();
  await db.updateTable('activities').set({ survey_enabled: t.isPostgres ? true : 1 }).where('kind', '=', 'temps_info').execute();

  await db.schema
    .createTable('activity_survey_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('activity_sessions.id'))
    .addColumn('registration_id', 'text', (c) => c.notNull().unique().references('activity_registrations.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_survey_invitations_session_idx').on('activity_survey_invitations').columns(['center_id', 'session_id']).execute();

  await db.schema
    .createTable('activity_survey_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('activity_sessions.id'))
    // One answer per invitation (so per registration); null for paper answers and once the person is erased.
    .addColumn('invitation_id', 'text', (c) => c.unique().references('activity_survey_invitations.id'))
    .addColumn('source', 'text', (c) => c.notNull()) // link | paper
    .addColumn('rating', 'integer') // 1 to 5; null: a paper comment whose face was not counted with it
    .addColumn('comment', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_survey_answers_session_idx').on('activity_survey_answers').columns(['center_id', 'session_id']).execute();
  await db.schema.createIndex('activity_survey_answers_activity_idx').on('activity_survey_answers').columns(['center_id', 'activity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('activity_survey_answers').execute();
  await db.schema.dropTable('activity_survey_invitations').execute();
  await db.schema.alterTable('activities').dropColumn('survey_enabled').execute();
  await db.schema.alterTable('activities').dropColumn('partners').execute();
  await db.schema.alterTable('activities').dropColumn('speakers').execute();
}
