/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';

/**
 * The centre's SIRET: the national listing of digital-mediation places identifies each place
 * by it (the standard's required `pivot`), and funders ask for it. Unknown for existing centres.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('centers').addColumn('siret', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('centers').dropColumn('siret').execute();
}
