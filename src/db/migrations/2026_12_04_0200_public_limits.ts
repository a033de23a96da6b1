/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * 1. public_submissions: one row per booking or registration made on the public forms, so
 *    that limits per contact and per connection hold across server instances. Contacts and
 *    addresses are kept only as keyed hashes, for two days at most.
 * 2. outbox.person_id: the person a message was sent to, so that the person's export lists
 *    it and their erasure removes it. Existing messages about an appointment or a
 *    registration get the person of that row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('public_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('email_hash', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('ip_hash', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_submissions_email_idx').on('public_submissions').columns(['center_id', 'email_hash', 'created_at']).execute();
  await db.schema.createIndex('public_submissions_phone_idx').on('public_submissions').columns(['center_id', 'phone_hash', 'created_at']).execute();
  await db.schema.createIndex('public_submissions_ip_idx').on('public_submissions').columns(['center_id', 'ip_hash', 'created_at']).execute();
  await db.schema.createIndex('public_submissions_created_idx').on('public_submissions').column('created_at').execute();

  await db.schema.alterTable('outbox').addColumn('person_id', 'text').execute();
  await db.schema.createIndex('outbox_person_idx').on('outbox').columns(['center_id', 'person_id']).execute();
  for (const [relatedType, table] of [['appointment', 'helpdesk_appointments'], ['activity_registration', 'activity_registrations']] as const) {
    await db
      .updateTable('outbox')
      .set((eb: any) => ({
        person_id: eb.selectFrom(table).select(`${table}.person_id`).whereRef(`${table}.id`, '=', 'outbox.related_id').limit(1),
      }))
      .where('related_type', '=', relatedType)
      .where('person_id', 'is', null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_person_idx').execute();
  await db.schema.alterTable('outbox').dropColumn('person_id').execute();
  await db.schema.dropTable('public_submissions').execute();
}
