/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Two-step sign-in (TOTP) for staff accounts.
 *
 * - `centers.two_step_roles`: the roles that must use it, comma-separated. Existing centres
 *   keep '' (nobody is forced at the next sign-in after an upgrade); `lieudit centre add`
 *   sets 'admin' for a new centre.
 * - `staff_two_step`: one row per account that has started to set it up. The secret is
 *   encrypted (platform/crypto.ts) and left out of backups: a restored row without a secret
 *   means "not set up". `confirmed_at` is null until a first code confirms the setup;
 *   `last_step` is the 30-second step of the last code accepted, so a code is never accepted twice.
 * - `staff_recovery_codes`: ten one-time codes per account, stored as a keyed hash.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('centers').addColumn('two_step_roles', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema
    .createTable('staff_two_step')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('secret', 'text')
    .addColumn('confirmed_at', t.timestamp)
    .addColumn('last_step', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_two_step_center_idx').on('staff_two_step').column('center_id').execute();
  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_recovery_codes_user_idx').on('staff_recovery_codes').columns(['user_id', 'code_hash']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_recovery_codes').execute();
  await db.schema.dropTable('staff_two_step').execute();
  await db.schema.alterTable('centers').dropColumn('two_step_roles').execute();
}
