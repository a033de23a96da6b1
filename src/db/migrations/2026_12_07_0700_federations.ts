/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * A federation of centres: a centre belongs to at most one, and a federation's account
 * (role federation_admin) names the federation whose anonymous figures it reads. The
 * federation stands above the tenants, like the centres table itself, so it carries no
 * center_id; its account keeps the one of the centre that hosts it (sessions, mails).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('federations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.alterTable('centers').addColumn('federation_id', 'text', (c) => c.references('federations.id')).execute();
  await db.schema.createIndex('centers_federation_idx').on('centers').column('federation_id').execute();
  await db.schema.alterTable('users').addColumn('federation_id', 'text', (c) => c.references('federations.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('federation_id').execute();
  await db.schema.dropIndex('centers_federation_idx').execute();
  await db.schema.alterTable('centers').dropColumn('federation_id').execute();
  await db.schema.dropTable('federations').execute();
}
