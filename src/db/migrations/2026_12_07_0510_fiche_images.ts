/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * The images of the resource space's fiches, kept in the database with the fiche (a backup
 * holds them, no file store to set up): the bytes, their type as read from the bytes
 * themselves, size, SHA-256 (the same image twice on one fiche is kept once) and the
 * alternative text the Markdown shows when the image cannot be seen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('fiche_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('fiche_id', 'text', (c) => c.notNull().references('fiches.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('alt_text', 'text', (c) => c.notNull())
    .addColumn('data', t.binary, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('fiche_images_content_uq', ['center_id', 'fiche_id', 'sha256'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fiche_images').execute();
}
