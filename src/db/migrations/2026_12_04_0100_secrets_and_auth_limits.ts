/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Secrets are for their recipient only. A credential e-mail (reset or invitation link) keeps
 * its link outside the readable body, encrypted, in `outbox.secret`, and only until delivery.
 *
 * Per-account limits on sign-in and reset requests live in the database, so that they hold
 * across several server instances. Rows are keyed by a keyed hash of the e-mail, not the
 * e-mail itself, and exist for unknown addresses too (the limit must not reveal who has an
 * account) — which is also why they carry no centre: an attempt belongs to no centre yet.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('outbox').addColumn('secret', 'text').execute();
  await db.schema
    .createTable('auth_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auth_attempts_key_idx')
    .on('auth_attempts')
    .columns(['kind', 'account_key', 'created_at'])
    .execute();
  await db.schema.createIndex('auth_attempts_created_idx').on('auth_attempts').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth_attempts').execute();
  await db.schema.alterTable('outbox').dropColumn('secret').execute();
}
