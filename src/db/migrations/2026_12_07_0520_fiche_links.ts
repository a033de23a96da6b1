/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';

/**
 * Fiches given with something another module owns: a module of a training pathway ("read this
 * fiche at home"), a visit report of the navette ("fiche given to the person"). The subject is
 * named by kind and id, without a foreign key: its module may delete it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fiche_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('fiche_id', 'text', (c) => c.notNull().references('fiches.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('fiche_links_uq', ['center_id', 'subject', 'subject_id', 'fiche_id'])
    .execute();
  await db.schema.createIndex('fiche_links_fiche_idx').on('fiche_links').columns(['center_id', 'fiche_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fiche_links').execute();
}
