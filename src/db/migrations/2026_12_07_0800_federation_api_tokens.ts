/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * A federation's API tokens: a program of the federation reads its anonymous figures (and
 * nothing else) as its account does. A table of their own rather than a nullable column on
 * api_tokens, whose rows are a centre's and keep their center_id NOT NULL: a federation's token
 * belongs to the federation (federation_id), and is never listed, counted or revoked among a
 * centre's. Its center_id is the centre that hosts the account that made it (as users.center_id
 * for a federation's account): the token's requests are set up there (page layout, audit
 * rows), never a scope of the figures. Only the token's SHA-256 is stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('federation_api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('federation_id', 'text', (c) => c.notNull().references('federations.id'))
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();
  await db.schema.createIndex('federation_api_tokens_federation_idx').on('federation_api_tokens').column('federation_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('federation_api_tokens').execute();
}
